/** A table a view reads, as named in its SQL. */
export interface ViewSource {
  /** Absent when the SQL names the table alone, i.e. in the view's database. */
  database?: string;
  table: string;
}

// Athena stores its views as `/* Presto View: <base64 JSON> */`, the SQL in
// the JSON's originalSql.
const PRESTO_VIEW = /^\s*\/\*\s*Presto View:\s*([A-Za-z0-9+/=\s]+?)\s*\*\/\s*$/;

const IDENTIFIER = String.raw`(?:"(?:[^"]|"")+"|\x60[^\x60]+\x60|[A-Za-z_][\w$]*)`;
const QUALIFIED = `${IDENTIFIER}(?:\\s*\\.\\s*${IDENTIFIER}){0,2}`;
/** `FROM a.b`, `JOIN "a"."b"`, and each item of `FROM a, b`. */
const TABLE_REFERENCE = new RegExp(
  `\\b(FROM|JOIN)\\s+(${QUALIFIED}(?:\\s+(?:AS\\s+)?${IDENTIFIER})?(?:\\s*,\\s*${QUALIFIED}(?:\\s+(?:AS\\s+)?${IDENTIFIER})?)*)`,
  'gi',
);
const CTE_NAME = new RegExp(
  `(?:\\bWITH(?:\\s+RECURSIVE)?|,)\\s*(${IDENTIFIER})\\s*(?:\\([^)]*\\)\\s*)?AS\\s*\\(`,
  'gi',
);
const NOT_TABLES = new Set(['unnest', 'lateral', 'values', 'table', 'select']);

function unquote(identifier: string): string {
  if (identifier.startsWith('"')) {
    return identifier.slice(1, -1).replace(/""/g, '"');
  }
  return identifier.startsWith('`') ? identifier.slice(1, -1) : identifier;
}

function splitQualified(name: string): string[] {
  return (name.match(new RegExp(IDENTIFIER, 'g')) ?? []).map(unquote);
}

/** The SQL of a view: its original text, decoded where Athena encoded it. */
export function viewSql(originalText: string): string | undefined {
  const presto = PRESTO_VIEW.exec(originalText);
  if (!presto) {
    return originalText;
  }
  try {
    const json = JSON.parse(Buffer.from(presto[1], 'base64').toString('utf8'));
    return typeof json.originalSql === 'string' ? json.originalSql : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The tables a view's SQL reads: the names after `FROM` and `JOIN` (and
 * comma-separated ones after `FROM`), as `table`, `db.table` or
 * `catalog.db.table`, quoted or not, leaving out the view's own common table
 * expressions. It reads names, not the whole SQL grammar: a name it cannot
 * make out gives no source rather than a wrong one.
 */
export function parseViewSources(sql: string): ViewSource[] {
  const text = sql
    .replace(/--[^\n]*/g, ' ')
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/'(?:[^']|'')*'/g, "''");
  const ctes = new Set(
    [...text.matchAll(CTE_NAME)].map(m => unquote(m[1]).toLowerCase()),
  );
  const sources = new Map<string, ViewSource>();
  for (const match of text.matchAll(TABLE_REFERENCE)) {
    for (const item of match[2].split(/\s*,\s*/)) {
      const qualified = new RegExp(`^${QUALIFIED}`).exec(item.trim())?.[0];
      const parts = qualified ? splitQualified(qualified) : [];
      const table = parts[parts.length - 1]?.toLowerCase();
      const database = parts[parts.length - 2]?.toLowerCase();
      if (!table || NOT_TABLES.has(table) || (!database && ctes.has(table))) {
        continue;
      }
      const source = database ? { database, table } : { table };
      sources.set(`${database ?? ''}.${table}`, source);
    }
  }
  return [...sources.values()];
}
