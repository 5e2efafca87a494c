import {
  GetColumnStatisticsForTableCommand,
  GetDataQualityResultCommand,
  GetTableCommand,
  GlueClient,
  ListDataQualityResultsCommand,
  paginateListDataQualityResults,
} from '@aws-sdk/client-glue';
import { generateDemoEstate } from './generateDemoEstate';
import { AwsSimulator, startAwsSimulator } from './startAwsSimulator';

const EU = 'eu-west-1';
const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
const customers = {
  GlueTable: { DatabaseName: 'raw_crm', TableName: 'customer_profiles' },
};

describe('glueDataProfileOperations', () => {
  const now = new Date('2025-03-10T12:00:00Z');
  let sim: AwsSimulator;
  let glue: GlueClient;

  beforeAll(async () => {
    sim = await startAwsSimulator({
      estate: generateDemoEstate({ now }),
      pageSize: 2,
    });
    glue = new GlueClient({ region: EU, endpoint: sim.endpoint, credentials });
  });
  afterAll(() => sim.close());

  it('gives the statistics of each analysed column, typed as the SDK reads them', async () => {
    const output = await glue.send(
      new GetColumnStatisticsForTableCommand({
        DatabaseName: 'curated_payments',
        TableName: 'transactions',
        ColumnNames: [
          'transaction_id',
          'amount_gbp',
          'is_declined',
          'event_time',
          'nope',
        ],
      }),
    );
    const byName = Object.fromEntries(
      output.ColumnStatisticsList!.map(s => [s.ColumnName, s]),
    );
    // event_time is a timestamp, never analysed: no statistics, no error.
    expect(Object.keys(byName)).toEqual([
      'transaction_id',
      'amount_gbp',
      'is_declined',
    ]);
    expect(byName.transaction_id.AnalyzedTime).toEqual(
      new Date('2025-03-09T02:00:00Z'),
    );
    expect(byName.transaction_id.StatisticsData).toEqual({
      Type: 'STRING',
      StringColumnStatisticsData: {
        NumberOfNulls: 0,
        NumberOfDistinctValues: 48_210_554,
        AverageLength: 20,
        MaximumLength: 20,
      },
    });
    const amount =
      byName.amount_gbp.StatisticsData!.DecimalColumnStatisticsData!;
    expect(amount.MaximumValue!.Scale).toBe(2);
    expect(
      Buffer.from(amount.MaximumValue!.UnscaledValue!).readUIntBE(0, 3),
    ).toBe(2_499_900);
    expect(
      byName.is_declined.StatisticsData!.BooleanColumnStatisticsData,
    ).toEqual({
      NumberOfTrues: 1_542_738,
      NumberOfFalses: 46_667_816,
      NumberOfNulls: 0,
    });
    expect(output.Errors).toEqual([
      {
        ColumnName: 'nope',
        Error: {
          ErrorCode: 'EntityNotFoundException',
          ErrorMessage:
            'Column nope not found in table curated_payments.transactions',
        },
      },
    ]);

    const dates = await glue.send(
      new GetColumnStatisticsForTableCommand({
        DatabaseName: 'curated_customer',
        TableName: 'customers',
        ColumnNames: ['date_of_birth'],
      }),
    );
    expect(
      dates.ColumnStatisticsList![0].StatisticsData!.DateColumnStatisticsData,
    ).toMatchObject({
      MinimumValue: new Date('1931-04-02T00:00:00Z'),
      MaximumValue: new Date('2006-09-30T00:00:00Z'),
    });
  });

  it('refuses a table that does not exist', async () => {
    await expect(
      glue.send(
        new GetColumnStatisticsForTableCommand({
          DatabaseName: 'curated_payments',
          TableName: 'nothing',
          ColumnNames: ['a'],
        }),
      ),
    ).rejects.toMatchObject({ name: 'EntityNotFoundException' });
  });

  it('pages the data quality results of a table, newest first, and gets each', async () => {
    const results = [];
    for await (const page of paginateListDataQualityResults(
      { client: glue },
      { Filter: { DataSource: customers } },
    )) {
      expect(page.Results!.length).toBeLessThanOrEqual(2);
      results.push(...page.Results!);
    }
    expect(results.map(r => r.StartedOn)).toEqual([
      new Date('2025-03-10T05:00:00Z'),
      new Date('2025-03-09T05:00:00Z'),
      new Date('2025-03-08T05:00:00Z'),
      new Date('2025-03-07T05:00:00Z'),
      new Date('2025-03-06T05:00:00Z'),
    ]);

    const latest = await glue.send(
      new GetDataQualityResultCommand({ ResultId: results[0].ResultId }),
    );
    expect(latest).toMatchObject({
      RulesetName: 'crm-customer-profiles-export',
      Score: 0.4286,
      CompletedOn: new Date('2025-03-10T05:04:00Z'),
    });
    expect(
      latest
        .RuleResults!.filter(r => r.Result === 'FAIL')
        .map(r => [r.Description, r.EvaluationMessage]),
    ).toContainEqual([
      'Completeness "email" > 0.95',
      'Value: 0.8900 does not meet the constraint requirement!',
    ]);

    const later = await glue.send(
      new ListDataQualityResultsCommand({
        Filter: {
          DataSource: customers,
          StartedAfter: new Date('2025-03-08T12:00:00Z'),
        },
        MaxResults: 10,
      }),
    );
    expect(later.Results).toHaveLength(2);

    // Before 05:04 the latest run is yesterday's: none finishes in the future.
    const early = generateDemoEstate({ now: new Date('2025-03-10T03:00:00Z') });
    const starts = early.regions[EU].glue.dataQualityResults!.map(r =>
      String(r.StartedOn),
    );
    expect(starts.sort().at(-1)).toBe('2025-03-09T05:00:00.000Z');
    await expect(
      glue.send(new GetDataQualityResultCommand({ ResultId: 'dqresult-none' })),
    ).rejects.toMatchObject({ name: 'EntityNotFoundException' });
  });

  it('classifies the customer tables and their personal columns as pii', async () => {
    const { Table } = await glue.send(
      new GetTableCommand({
        DatabaseName: 'curated_customer',
        Name: 'customers',
      }),
    );
    expect(Table!.Parameters).toMatchObject({
      'ml-foundation.dev/data-classification': 'pii',
      recordCount: '1284112',
    });
    expect(
      Table!
        .StorageDescriptor!.Columns!.filter(
          c =>
            c.Parameters?.['ml-foundation.dev/data-classification'] === 'pii',
        )
        .map(c => c.Name),
    ).toEqual(['email', 'phone_number', 'date_of_birth', 'postcode']);
  });
});
