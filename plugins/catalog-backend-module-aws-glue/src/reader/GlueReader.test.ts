import {
  GetDatabasesCommand,
  GetDataflowGraphCommand,
  GetJobsCommand,
  GetTablesCommand,
  GetTagsCommand,
  GlueClient,
  Job,
} from '@aws-sdk/client-glue';
import {
  GetResourcesCommand,
  ResourceGroupsTaggingAPIClient,
} from '@aws-sdk/client-resource-groups-tagging-api';
import {
  GetObjectCommand,
  ListObjectsV2Command,
  S3Client,
} from '@aws-sdk/client-s3';
import { AwsDescribeCache } from '@ml-foundation/plugin-mlops-node';
import { mockClient } from 'aws-sdk-client-mock';
import { GlueReader } from './GlueReader';

const glueMock = mockClient(GlueClient);
const s3Mock = mockClient(S3Client);
const taggingMock = mockClient(ResourceGroupsTaggingAPIClient);

/** The describe cache, in memory. */
function memoryCache(): AwsDescribeCache {
  const entries = new Map<string, { versionKey: string; value: unknown }>();
  const get = async (arn: string, versionKey: string) =>
    entries.get(arn)?.versionKey === versionKey
      ? (entries.get(arn)!.value as any)
      : undefined;
  return {
    get,
    getMany: async keys => {
      const found = new Map();
      for (const { arn, versionKey } of keys) {
        const value = await get(arn, versionKey);
        if (value !== undefined) found.set(arn, value);
      }
      return found;
    },
    put: async (arn, versionKey, value) => {
      entries.set(arn, { versionKey, value });
    },
    prune: async arns => {
      const keep = new Set(arns);
      [...entries.keys()]
        .filter(k => !keep.has(k))
        .forEach(k => entries.delete(k));
    },
  };
}

function reader(
  cache = memoryCache(),
  include = ['.*'],
  exclude: string[] = [],
) {
  return new GlueReader({
    glue: new GlueClient({ region: 'eu-west-1' }),
    s3: new S3Client({ region: 'eu-west-1' }),
    tagging: new ResourceGroupsTaggingAPIClient({ region: 'eu-west-1' }),
    accountId: '123456789012',
    region: 'eu-west-1',
    databases: {
      include: include.map(p => new RegExp(`^(?:${p})$`)),
      exclude: exclude.map(p => new RegExp(`^(?:${p})$`)),
    },
    cache,
  });
}

const etlJob = (modified: string): Job => ({
  Name: 'curate',
  LastModifiedOn: new Date(modified),
  Command: { Name: 'glueetl', ScriptLocation: 's3://scripts/curate.py' },
});

const sourceNode = {
  Id: 'ds0',
  NodeType: 'DataSource',
  LineNumber: 3,
  Args: [{ Name: 'database', Value: '"sales"' }],
};

function calls(command: any) {
  return glueMock.commandCalls(command).length;
}

describe('GlueReader', () => {
  beforeEach(() => {
    glueMock.reset();
    s3Mock.reset();
    taggingMock.reset();
    // Without tag:GetResources, tags are read per resource.
    taggingMock.on(GetResourcesCommand).rejects(
      Object.assign(new Error('not authorized to perform tag:GetResources'), {
        name: 'AccessDeniedException',
      }),
    );
    s3Mock.on(ListObjectsV2Command).resolves({
      Contents: [{ Key: 'curate.py', ETag: '"v1"' }],
    });
    glueMock.on(GetTagsCommand).callsFake(({ ResourceArn }) => ({
      Tags: ResourceArn.endsWith('database/sales')
        ? { owner: 'sales-team' }
        : {},
    }));
    glueMock.on(GetDatabasesCommand).resolves({ DatabaseList: [] });
    glueMock.on(GetTablesCommand).resolves({ TableList: [] });
    glueMock.on(GetJobsCommand).resolves({ Jobs: [] });
    s3Mock
      .on(GetObjectCommand)
      .resolves({ Body: { transformToString: async () => 'script' } as any });
    glueMock.on(GetDataflowGraphCommand).resolves({
      DagNodes: [sourceNode, { Id: 'x', NodeType: 'ApplyMapping', Args: [] }],
    });
  });

  it('reads every page of databases, tables and jobs, with their tags', async () => {
    glueMock
      .on(GetDatabasesCommand)
      .resolvesOnce({
        DatabaseList: [{ Name: 'sales', CatalogId: '123456789012' }],
        NextToken: 'd2',
      })
      .resolvesOnce({ DatabaseList: [{ Name: 'hr' }] });
    glueMock
      .on(GetTablesCommand)
      .callsFake(({ DatabaseName, NextToken }) =>
        NextToken
          ? { TableList: [{ Name: `${DatabaseName}_2` }] }
          : { TableList: [{ Name: `${DatabaseName}_1` }], NextToken: 't2' },
      );
    glueMock
      .on(GetJobsCommand)
      .resolvesOnce({ Jobs: [etlJob('2024-01-01')], NextToken: 'j2' })
      .resolvesOnce({ Jobs: [{ Name: 'no-script' }] });

    const snapshot = await reader().read();

    expect(snapshot.databases).toEqual([
      {
        name: 'sales',
        catalogId: '123456789012',
        tags: { owner: 'sales-team' },
        tables: [{ Name: 'sales_1' }, { Name: 'sales_2' }],
      },
      {
        name: 'hr',
        catalogId: '123456789012',
        tags: {},
        tables: [{ Name: 'hr_1' }, { Name: 'hr_2' }],
      },
    ]);
    expect(snapshot.jobs.map(j => [j.arn, j.dataflow])).toEqual([
      [
        'arn:aws:glue:eu-west-1:123456789012:job/curate',
        { nodes: [sourceNode] },
      ],
      [
        'arn:aws:glue:eu-west-1:123456789012:job/no-script',
        { note: 'The job has no script.' },
      ],
    ]);
    expect(s3Mock.commandCalls(GetObjectCommand)[0].args[0].input).toEqual({
      Bucket: 'scripts',
      Key: 'curate.py',
    });
  });

  it('reads only the databases in scope, and no resource links', async () => {
    glueMock.on(GetDatabasesCommand).resolves({
      DatabaseList: [
        { Name: 'sales' },
        { Name: 'sales_archive' },
        { Name: 'tmp_sales' },
        {
          Name: 'shared',
          TargetDatabase: { CatalogId: '999999999999', DatabaseName: 'x' },
        },
      ],
    });
    const snapshot = await reader(
      undefined,
      ['sales.*', 'shared'],
      ['.*_archive'],
    ).read();
    expect(snapshot.databases.map(d => d.name)).toEqual(['sales']);
    expect(calls(GetTablesCommand)).toBe(1);
  });

  it('reads no script when no job changed since the last sync, and re-reads a changed one', async () => {
    const cache = memoryCache();
    glueMock.on(GetJobsCommand).resolves({ Jobs: [etlJob('2024-01-01')] });
    await reader(cache).read();
    expect(calls(GetDataflowGraphCommand)).toBe(1);

    const again = await reader(cache).read();
    expect(again.jobs[0].dataflow).toEqual({ nodes: [sourceNode] });
    expect(calls(GetDataflowGraphCommand)).toBe(1);
    expect(s3Mock.commandCalls(GetObjectCommand)).toHaveLength(1);

    glueMock.on(GetJobsCommand).resolves({ Jobs: [etlJob('2024-02-01')] });
    await reader(cache).read();
    expect(calls(GetDataflowGraphCommand)).toBe(2);
  });

  it('reads tags in bulk when the Tagging API is allowed', async () => {
    taggingMock.on(GetResourcesCommand).resolves({
      ResourceTagMappingList: [
        {
          ResourceARN: 'arn:aws:glue:eu-west-1:123456789012:database/sales',
          Tags: [{ Key: 'owner', Value: 'sales-team' }],
        },
      ],
      PaginationToken: '',
    });
    glueMock
      .on(GetDatabasesCommand)
      .resolves({ DatabaseList: [{ Name: 'sales' }, { Name: 'hr' }] });
    glueMock.on(GetJobsCommand).resolves({ Jobs: [etlJob('2024-01-01')] });
    const snapshot = await reader().read();
    expect(snapshot.databases.map(d => d.tags)).toEqual([
      { owner: 'sales-team' },
      {},
    ]);
    expect(calls(GetTagsCommand)).toBe(0);
    expect(
      taggingMock.commandCalls(GetResourcesCommand)[0].args[0].input,
    ).toMatchObject({ ResourceTypeFilters: ['glue:database', 'glue:job'] });
  });

  it('reads a script again when it was overwritten in S3, the job unchanged', async () => {
    const cache = memoryCache();
    glueMock.on(GetJobsCommand).resolves({ Jobs: [etlJob('2024-01-01')] });
    await reader(cache).read();
    await reader(cache).read();
    expect(s3Mock.commandCalls(GetObjectCommand)).toHaveLength(1);

    s3Mock.on(ListObjectsV2Command).resolves({
      Contents: [{ Key: 'curate.py', ETag: '"v2"' }],
    });
    await reader(cache).read();
    expect(s3Mock.commandCalls(GetObjectCommand)).toHaveLength(2);
    expect(s3Mock.commandCalls(ListObjectsV2Command)[0].args[0].input).toEqual({
      Bucket: 'scripts',
      Prefix: '',
    });
  });

  it('notes on the job a script it may not read, and reads the rest', async () => {
    glueMock.on(GetJobsCommand).resolves({ Jobs: [etlJob('2024-01-01')] });
    s3Mock
      .on(GetObjectCommand)
      .rejects(
        Object.assign(new Error('Access Denied'), { name: 'AccessDenied' }),
      );
    const snapshot = await reader().read();
    expect(snapshot.jobs[0]).toMatchObject({
      dataflow: {
        note: "The job's script s3://scripts/curate.py could not be read.",
      },
      warnings: [
        {
          read: 'job script s3://scripts/curate.py',
          reason: expect.stringContaining('Access Denied'),
        },
      ],
    });
  });

  it('notes a script Glue cannot parse, and one that is missing until it appears', async () => {
    const cache = memoryCache();
    glueMock.on(GetJobsCommand).resolves({ Jobs: [etlJob('2024-01-01')] });
    s3Mock.on(GetObjectCommand).rejects(
      Object.assign(new Error('The specified key does not exist.'), {
        name: 'NoSuchKey',
      }),
    );
    const missing = await reader(cache).read();
    expect(missing.jobs[0].dataflow).toEqual({
      note: "The job's script s3://scripts/curate.py was not found.",
    });

    s3Mock
      .on(GetObjectCommand)
      .resolves({ Body: { transformToString: async () => 'def (' } as any });
    glueMock.on(GetDataflowGraphCommand).rejects(
      Object.assign(new Error('Unable to parse the script'), {
        name: 'InvalidInputException',
      }),
    );
    const unparsable = await reader(cache).read();
    expect(unparsable.jobs[0].dataflow).toEqual({
      note: "Glue could not parse the job's script: Unable to parse the script",
    });
  });

  it('fails the whole read when a call is denied', async () => {
    glueMock
      .on(GetDatabasesCommand)
      .resolves({ DatabaseList: [{ Name: 'sales' }] });
    glueMock.on(GetTablesCommand).rejects(
      Object.assign(new Error('not authorized to perform glue:GetTables'), {
        name: 'AccessDeniedException',
      }),
    );
    await expect(reader().read()).rejects.toThrow(
      'not authorized to perform glue:GetTables',
    );
  });

  it('fails rather than loop when Glue repeats a page token', async () => {
    glueMock.on(GetJobsCommand).resolves({ Jobs: [], NextToken: 'same' });
    await expect(reader().read()).rejects.toThrow(
      'AWSGlue.GetJobs returned a page token it had already returned',
    );
    expect(calls(GetJobsCommand)).toBe(2);
  });
});
