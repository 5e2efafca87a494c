import type { CodeGenNode } from '@aws-sdk/client-glue';
import { parsePythonLiteral, PythonLiteral } from './parsePythonLiteral';

/** How a job's data-flow nodes name what they read and write. */
export interface DataflowResolver {
  /** The entity of a Glue table, if known; `catalogId` is the account. */
  table(
    database: string,
    table: string,
    catalogId?: string,
  ): string | undefined;
  /** The entity whose S3 location holds `uri`, if any. */
  s3(uri: string): string | undefined;
}

/** What a job reads and writes, and the nodes that could not be linked. */
export interface ResolvedDataflow {
  consumes: string[];
  produces: string[];
  /** One line per node or path that makes no edge, saying why. */
  unresolved: string[];
}

const NOT_LITERAL = Symbol('not a literal');

function literalArgs(node: CodeGenNode): Map<string, PythonLiteral | symbol> {
  const args = new Map<string, PythonLiteral | symbol>();
  for (const arg of node.Args ?? []) {
    try {
      args.set(arg.Name ?? '', parsePythonLiteral(arg.Value ?? ''));
    } catch {
      args.set(arg.Name ?? '', NOT_LITERAL);
    }
  }
  return args;
}

function asStrings(value: PythonLiteral | symbol | undefined): string[] {
  if (typeof value === 'string') {
    return [value];
  }
  return Array.isArray(value)
    ? value.filter((v): v is string => typeof v === 'string')
    : [];
}

/** The entities one node names, or why it names none. */
function resolveNode(
  node: CodeGenNode,
  resolver: DataflowResolver,
): { refs: string[]; unresolved: string[] } {
  const where = `line ${node.LineNumber ?? '?'} (${node.NodeType})`;
  const args = literalArgs(node);
  // from_catalog takes `database` (`name_space` in older scripts) and
  // `table_name`; from_options a connection type and options with paths.
  const database = args.get('database') ?? args.get('name_space');
  const table = args.get('table_name');
  if (database !== undefined || table !== undefined) {
    if (typeof database !== 'string' || typeof table !== 'string') {
      return {
        refs: [],
        unresolved: [`${where}: database and table_name are not literals`],
      };
    }
    const catalogId = args.get('catalog_id');
    const ref = resolver.table(
      database,
      table,
      typeof catalogId === 'string' ? catalogId : undefined,
    );
    return ref
      ? { refs: [ref], unresolved: [] }
      : {
          refs: [],
          unresolved: [
            `${where}: table ${database}.${table} is not in the catalog read`,
          ],
        };
  }
  const connectionType = args.get('connection_type');
  if (typeof connectionType === 'string' && connectionType !== 's3') {
    return {
      refs: [],
      unresolved: [`${where}: ${connectionType} connections are not datasets`],
    };
  }
  const options = args.get('connection_options');
  if (connectionType === NOT_LITERAL || options === NOT_LITERAL) {
    return {
      refs: [],
      unresolved: [`${where}: connection arguments are not literals`],
    };
  }
  const optionMap =
    options && typeof options === 'object' && !Array.isArray(options)
      ? options
      : {};
  const paths = [
    ...asStrings(optionMap.paths),
    ...asStrings(optionMap.path),
    ...asStrings(args.get('paths')),
    ...asStrings(args.get('path')),
  ];
  if (paths.length === 0) {
    return { refs: [], unresolved: [`${where}: names no table or S3 path`] };
  }
  const refs: string[] = [];
  const unresolved: string[] = [];
  for (const path of paths) {
    const ref = resolver.s3(path);
    if (ref) {
      refs.push(ref);
    } else {
      unresolved.push(`${where}: ${path} is in no table's location`);
    }
  }
  return { refs, unresolved };
}

/**
 * Maps the DataSource and DataSink nodes of a job's data-flow graph (as Glue's
 * GetDataflowGraph returns them, arguments as Python literals) to the entities
 * the job consumes and produces.
 */
export function resolveDataflow(
  nodes: CodeGenNode[],
  resolver: DataflowResolver,
): ResolvedDataflow {
  const consumes = new Set<string>();
  const produces = new Set<string>();
  const unresolved: string[] = [];
  for (const node of nodes) {
    const result = resolveNode(node, resolver);
    const target = node.NodeType === 'DataSink' ? produces : consumes;
    result.refs.forEach(ref => target.add(ref));
    unresolved.push(...result.unresolved);
  }
  return { consumes: [...consumes], produces: [...produces], unresolved };
}
