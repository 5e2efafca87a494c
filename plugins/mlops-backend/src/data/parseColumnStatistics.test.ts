import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseColumnStatistics } from './parseColumnStatistics';

const sample = JSON.parse(
  readFileSync(
    resolve(__dirname, '__fixtures__/column_statistics.json'),
    'utf8',
  ),
);
const types = new Map([['amount_gbp', 'decimal(12,2)']]);

describe('parseColumnStatistics', () => {
  it("reads each type's statistics from AWS's JSON, null shares over the record count", () => {
    const { columns, errors } = parseColumnStatistics([sample], types, 1000);
    expect(columns).toEqual([
      {
        name: 'customer_id',
        type: 'string',
        kind: 'STRING',
        nulls: 0,
        nullShare: 0,
        distinct: 1000,
        averageLength: 12,
        maxLength: 12,
        analyzedAt: '2025-03-09T02:00:00.000Z',
      },
      {
        name: 'amount_gbp',
        type: 'decimal(12,2)',
        kind: 'DECIMAL',
        nulls: 25,
        nullShare: 0.025,
        distinct: 640,
        // Two's complement: a refund of 2.00 is the minimum.
        min: -2,
        max: 24999.96,
        analyzedAt: '2025-03-09T02:00:00.000Z',
      },
      expect.objectContaining({ name: 'page_views', min: 1, max: 412 }),
      expect.objectContaining({
        name: 'signup_date',
        kind: 'DATE',
        min: '2016-03-14',
        max: '2024-09-30',
      }),
      expect.objectContaining({
        name: 'marketing_opt_in',
        kind: 'BOOLEAN',
        trues: 600,
        falses: 300,
        nulls: 100,
        nullShare: 0.1,
      }),
    ]);
    expect(errors).toEqual([
      'legacy_flag: Column legacy_flag not found in table crm.customers',
    ]);
  });

  it('reads the SDK output too: Dates and bytes', () => {
    const { columns } = parseColumnStatistics(
      [
        {
          ColumnStatisticsList: [
            {
              ColumnName: 'amount',
              AnalyzedTime: new Date('2025-03-09T02:00:00Z'),
              StatisticsData: {
                Type: 'DECIMAL',
                DecimalColumnStatisticsData: {
                  NumberOfNulls: 0,
                  NumberOfDistinctValues: 2,
                  MinimumValue: {
                    UnscaledValue: new Uint8Array([1]),
                    Scale: 1,
                  },
                  MaximumValue: {
                    UnscaledValue: new Uint8Array([0x03, 0xe8]),
                    Scale: 1,
                  },
                },
              },
            },
          ],
        },
      ],
      new Map(),
    );
    expect(columns[0]).toMatchObject({ min: 0.1, max: 100, type: 'DECIMAL' });
    // Without a record count, only booleans know their share of nulls.
    expect(columns[0]).not.toHaveProperty('nullShare');
  });

  it('reads an empty answer as no columns', () => {
    expect(parseColumnStatistics([{}], new Map())).toEqual({
      columns: [],
      errors: [],
    });
    expect(
      parseColumnStatistics(
        [{ ColumnStatisticsList: [], Errors: [] }],
        new Map(),
      ),
    ).toEqual({ columns: [], errors: [] });
  });

  it('names what is malformed', () => {
    expect(() => parseColumnStatistics(['nope'], new Map())).toThrow(
      'The column statistics answer is not an object',
    );
    expect(() =>
      parseColumnStatistics(
        [
          {
            ColumnStatisticsList: [
              { ColumnName: 'a', StatisticsData: { Type: 'LONG' } },
            ],
          },
        ],
        new Map(),
      ),
    ).toThrow('a: StatisticsData of type LONG has no LongColumnStatisticsData');
    expect(() =>
      parseColumnStatistics(
        [
          {
            ColumnStatisticsList: [
              {
                ColumnName: 'a',
                StatisticsData: {
                  Type: 'STRING',
                  StringColumnStatisticsData: { NumberOfNulls: -1 },
                },
              },
            ],
          },
        ],
        new Map(),
      ),
    ).toThrow('a.NumberOfNulls is not a count: -1');
    expect(() =>
      parseColumnStatistics([{ ColumnStatisticsList: 'x' }], new Map()),
    ).toThrow('ColumnStatisticsList is not a list of objects');
  });
});
