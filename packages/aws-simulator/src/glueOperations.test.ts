import {
  GetDatabaseCommand,
  GetDatabasesCommand,
  GetDatabasesCommandOutput,
  GetDataflowGraphCommand,
  GetJobCommand,
  GetJobsCommand,
  GetTableCommand,
  GetTablesCommand,
  GetTablesCommandOutput,
  GetTagsCommand,
  GlueClient,
} from '@aws-sdk/client-glue';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { generateDemoEstate } from './generateDemoEstate';
import { AwsSimulator, startAwsSimulator } from './startAwsSimulator';

const EU = 'eu-west-1';
const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };

describe('glueOperations', () => {
  let sim: AwsSimulator;
  let glue: GlueClient;

  beforeAll(async () => {
    sim = await startAwsSimulator({
      estate: generateDemoEstate(),
      pageSize: 2,
    });
    glue = new GlueClient({ region: EU, endpoint: sim.endpoint, credentials });
  });
  afterAll(() => sim.close());

  it('pages databases and tables, never repeating a token', async () => {
    const names: string[] = [];
    const tokens: string[] = [];
    let NextToken: string | undefined;
    do {
      const page: GetDatabasesCommandOutput = await glue.send(
        new GetDatabasesCommand({ NextToken }),
      );
      expect(page.DatabaseList!.length).toBeLessThanOrEqual(2);
      names.push(...page.DatabaseList!.map(db => db.Name!));
      NextToken = page.NextToken;
      if (NextToken) tokens.push(NextToken);
    } while (NextToken);
    expect(names).toHaveLength(7);
    expect(new Set(tokens).size).toBe(tokens.length);

    const tables: string[] = [];
    NextToken = undefined;
    do {
      const page: GetTablesCommandOutput = await glue.send(
        new GetTablesCommand({ DatabaseName: 'curated_payments', NextToken }),
      );
      tables.push(...page.TableList!.map(t => t.Name!));
      NextToken = page.NextToken;
    } while (NextToken);
    expect(tables).toEqual(['fraud_labels', 'merchants', 'transactions']);
  });

  it('gets tables and views in the GetTable shape', async () => {
    const { Table } = await glue.send(
      new GetTableCommand({
        DatabaseName: 'curated_payments',
        Name: 'transactions',
      }),
    );
    expect(Table).toMatchObject({
      DatabaseName: 'curated_payments',
      CatalogId: '123456789012',
      TableType: 'EXTERNAL_TABLE',
      StorageDescriptor: {
        Location: 's3://acme-datalake-curated/payments/transactions/',
        InputFormat:
          'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat',
      },
      PartitionKeys: [
        { Name: 'txn_date', Type: 'date', Comment: 'Date of event_time, UTC' },
      ],
    });
    expect(Table!.CreateTime).toBeInstanceOf(Date);

    const view = await glue.send(
      new GetTableCommand({ DatabaseName: 'ANALYTICS', Name: 'customer_360' }),
    );
    expect(view.Table!.TableType).toBe('VIRTUAL_VIEW');
    expect(view.Table!.ViewOriginalText).toContain(
      'FROM curated_customer.customers c',
    );

    await expect(
      glue.send(
        new GetTableCommand({ DatabaseName: 'analytics', Name: 'missing' }),
      ),
    ).rejects.toMatchObject({ name: 'EntityNotFoundException' });
    await expect(
      glue.send(new GetDatabaseCommand({ Name: 'missing' })),
    ).rejects.toMatchObject({ name: 'EntityNotFoundException' });
  });

  it('has tags on databases and jobs but not on tables', async () => {
    const arn = 'arn:aws:glue:eu-west-1:123456789012';
    const db = await glue.send(
      new GetTagsCommand({ ResourceArn: `${arn}:database/ml_customer` }),
    );
    expect(db.Tags).toEqual({ owner: 'customer-ml' });
    const job = await glue.send(
      new GetTagsCommand({ ResourceArn: `${arn}:job/build-fraud-labels` }),
    );
    expect(job.Tags).toEqual({ owner: 'fraud-ml' });
    await expect(
      glue.send(
        new GetTagsCommand({
          ResourceArn: `${arn}:table/ml_customer/churn_labels`,
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidInputException' });
    const { Database } = await glue.send(
      new GetDatabaseCommand({ Name: 'ml_customer' }),
    );
    expect(Database).not.toHaveProperty('Tags');
  });

  it('builds the dataflow graph of a job script read from S3', async () => {
    const s3 = new S3Client({
      region: EU,
      endpoint: sim.endpoint,
      credentials,
      forcePathStyle: true,
    });
    const { Job } = await glue.send(
      new GetJobCommand({ JobName: 'build-fraud-labels' }),
    );
    const [, Bucket, Key] = /^s3:\/\/([^/]+)\/(.+)$/.exec(
      Job!.Command!.ScriptLocation!,
    )!;
    const object = await s3.send(new GetObjectCommand({ Bucket, Key }));
    const script = await object.Body!.transformToString();

    const graph = await glue.send(
      new GetDataflowGraphCommand({ PythonScript: script }),
    );
    const nodes = Object.fromEntries(graph.DagNodes!.map(n => [n.Id, n]));
    expect(graph.DagNodes!.map(n => [n.Id, n.NodeType])).toEqual([
      ['chargebacks', 'DataSource'],
      ['transactions', 'DataSource'],
      ['labels', 'Join'],
      ['write_labels', 'DataSink'],
    ]);
    expect(nodes.chargebacks.Args).toContainEqual({
      Name: 'connection_options',
      Value: '{"paths": ["s3://acme-datalake-raw/payments/chargebacks/"]}',
      Param: false,
    });
    expect(nodes.chargebacks.Args).toContainEqual({
      Name: 'format_options',
      Value: '{"withHeader": True, "separator": ","}',
      Param: false,
    });
    expect(nodes.transactions.Args).toContainEqual({
      Name: 'database',
      Value: '"curated_payments"',
      Param: false,
    });
    expect(graph.DagEdges).toEqual([
      { Source: 'chargebacks', Target: 'labels', TargetParameter: 'frame1' },
      { Source: 'transactions', Target: 'labels', TargetParameter: 'frame2' },
      { Source: 'labels', Target: 'write_labels', TargetParameter: 'frame' },
    ]);
  });

  it('answers InvalidInputException for a script it cannot parse', async () => {
    const jobs = await glue.send(new GetJobsCommand({ MaxResults: 1000 }));
    expect(jobs.Jobs).toHaveLength(2);
    const { Job } = await glue.send(
      new GetJobCommand({ JobName: 'crm-partner-export' }),
    );
    const script = sim.estate.s3[Job!.Command!.ScriptLocation!];
    await expect(
      glue.send(new GetDataflowGraphCommand({ PythonScript: script })),
    ).rejects.toMatchObject({
      name: 'InvalidInputException',
      message: expect.stringContaining('never closed'),
    });
    await expect(
      glue.send(new GetJobCommand({ JobName: 'missing' })),
    ).rejects.toMatchObject({ name: 'EntityNotFoundException' });
  });
});
