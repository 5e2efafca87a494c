import type { Table } from '@aws-sdk/client-glue';

// Checked in order against the SerDe library, then the input format.
const CLASS_FORMATS: Array<[RegExp, string]> = [
  [/parquet/i, 'parquet'],
  [/orc/i, 'orc'],
  [/avro/i, 'avro'],
  [/json/i, 'json'],
  [/opencsv|csv/i, 'csv'],
  [/lazysimpleserde|textinputformat/i, 'text'],
];

/**
 * The storage format of a Glue table: `iceberg` (or another open table
 * format) when the table says so, else the `classification` parameter that
 * crawlers set, else what its SerDe or input format class names.
 */
export function tableFormat(table: Table): string | undefined {
  const parameters = table.Parameters ?? {};
  const tableType = parameters.table_type ?? parameters.TABLE_TYPE;
  if (tableType && tableType.toUpperCase() !== 'EXTERNAL_TABLE') {
    return tableType.toLowerCase();
  }
  if (parameters.classification) {
    return parameters.classification.toLowerCase();
  }
  const storage = table.StorageDescriptor;
  for (const className of [
    storage?.SerdeInfo?.SerializationLibrary,
    storage?.InputFormat,
  ]) {
    const format =
      className && CLASS_FORMATS.find(([pattern]) => pattern.test(className));
    if (format) {
      return format[1];
    }
  }
  return undefined;
}
