import { tableFormat } from './tableFormat';

describe('tableFormat', () => {
  it('prefers the open table format, then the crawler classification', () => {
    expect(
      tableFormat({
        Name: 't',
        Parameters: { table_type: 'ICEBERG', classification: 'parquet' },
      }),
    ).toBe('iceberg');
    expect(
      tableFormat({ Name: 't', Parameters: { classification: 'CSV' } }),
    ).toBe('csv');
  });

  it('falls back to the SerDe, then the input format', () => {
    expect(
      tableFormat({
        Name: 't',
        StorageDescriptor: {
          SerdeInfo: {
            SerializationLibrary:
              'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe',
          },
        },
      }),
    ).toBe('parquet');
    expect(
      tableFormat({
        Name: 't',
        StorageDescriptor: {
          SerdeInfo: {
            SerializationLibrary: 'org.openx.data.jsonserde.JsonSerDe',
          },
          InputFormat: 'org.apache.hadoop.mapred.TextInputFormat',
        },
      }),
    ).toBe('json');
    expect(
      tableFormat({
        Name: 't',
        StorageDescriptor: {
          InputFormat: 'org.apache.hadoop.hive.ql.io.orc.OrcInputFormat',
        },
      }),
    ).toBe('orc');
    expect(tableFormat({ Name: 't' })).toBeUndefined();
  });
});
