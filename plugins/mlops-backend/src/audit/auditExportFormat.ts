import type { AuditEvent } from '@ml-foundation/plugin-mlops-common';

/** The formats the audit trail exports to. */
export type AuditExportFormat = 'csv' | 'jsonl';

const CSV_COLUMNS = [
  'sequence',
  'id',
  'occurredAt',
  'actor',
  'action',
  'targetRef',
  'targetArn',
  'modelRef',
  'details',
  'previousHash',
  'hash',
] as const;

/** RFC 4180: quote a field holding a quote, comma or line break; double its quotes. */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function csvLine(event: AuditEvent): string {
  return `${CSV_COLUMNS.map(column => {
    const value = event[column];
    if (value === undefined) return '';
    return csvField(
      typeof value === 'object' ? JSON.stringify(value) : String(value),
    );
  }).join(',')}\r\n`;
}

/** The content type and file extension of an export format. */
export const auditExportMedia: Record<
  AuditExportFormat,
  { contentType: string; extension: string }
> = {
  csv: { contentType: 'text/csv; charset=utf-8', extension: 'csv' },
  jsonl: {
    contentType: 'application/x-ndjson; charset=utf-8',
    extension: 'jsonl',
  },
};

/**
 * Serialises events chunk by chunk: CSV with a header line (CRLF line ends,
 * details as JSON in one quoted field) or JSON Lines (one event a line).
 */
export async function* formatAuditEvents(
  chunks: AsyncIterable<AuditEvent[]>,
  format: AuditExportFormat,
): AsyncGenerator<string> {
  if (format === 'csv') {
    yield `${CSV_COLUMNS.join(',')}\r\n`;
  }
  for await (const events of chunks) {
    yield events
      .map(event =>
        format === 'csv' ? csvLine(event) : `${JSON.stringify(event)}\n`,
      )
      .join('');
  }
}
