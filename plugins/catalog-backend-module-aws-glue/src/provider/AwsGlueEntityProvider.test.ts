import {
  GetDatabasesCommand,
  GetJobsCommand,
  GetTablesCommand,
  GlueClient,
} from '@aws-sdk/client-glue';
import {
  GetResourcesCommand,
  ResourceGroupsTaggingAPIClient,
} from '@aws-sdk/client-resource-groups-tagging-api';
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  AwsClientFactory,
  AwsSyncStore,
} from '@ml-foundation/plugin-mlops-node';
import { mockClient } from 'aws-sdk-client-mock';
import { readAwsGlueConfigs } from '../config/readAwsGlueConfigs';
import { AwsGlueEntityProvider } from './AwsGlueEntityProvider';

const glueMock = mockClient(GlueClient);
const taggingMock = mockClient(ResourceGroupsTaggingAPIClient);

const tables = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ Name: `t${i}` }));

describe('AwsGlueEntityProvider', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  const logger = mockServices.logger.mock();
  logger.child.mockReturnValue(logger);
  const connection = { applyMutation: jest.fn(), refresh: jest.fn() };
  const taskRunner = { run: jest.fn() };

  async function connectedProvider() {
    const knex = await databases.init('SQLITE_3');
    const store = await AwsSyncStore.create({
      database: { getClient: async () => knex },
    });
    const config = new ConfigReader({
      aws: {
        accounts: [
          { accountId: '123456789012', accessKeyId: 'a', secretAccessKey: 'b' },
        ],
      },
      catalog: {
        providers: {
          awsGlue: {
            eu: { accountId: '123456789012', region: 'eu-west-1' },
          },
        },
      },
    });
    const provider = new AwsGlueEntityProvider({
      config: readAwsGlueConfigs(config)[0],
      clients: AwsClientFactory.fromConfig(config),
      store,
      logger,
      taskRunner,
    });
    await provider.connect(connection);
    return { provider, store };
  }

  beforeEach(() => {
    jest.clearAllMocks();
    glueMock.reset();
    taggingMock.reset();
    taggingMock.on(GetResourcesCommand).resolves({
      ResourceTagMappingList: [
        {
          ResourceARN: 'arn:aws:glue:eu-west-1:123456789012:database/sales',
          Tags: [{ Key: 'owner', Value: 'sales-team' }],
        },
      ],
    });
    glueMock
      .on(GetDatabasesCommand)
      .resolves({ DatabaseList: [{ Name: 'sales' }] });
    glueMock.on(GetTablesCommand).resolves({ TableList: tables(4) });
    glueMock.on(GetJobsCommand).resolves({ Jobs: [] });
  });

  it('syncs on its schedule, under a task named after the provider', async () => {
    await connectedProvider();
    expect(taskRunner.run).toHaveBeenCalledWith(
      expect.objectContaining({ id: 'aws-glue:eu:refresh' }),
    );
  });

  it('applies a complete read as a full mutation and records the sync', async () => {
    const { provider, store } = await connectedProvider();
    await expect(provider.refresh()).resolves.toBe('applied');

    const [[mutation]] = connection.applyMutation.mock.calls;
    expect(mutation.type).toBe('full');
    expect(mutation.entities).toHaveLength(4);
    expect(mutation.entities[0]).toMatchObject({
      locationKey: 'aws-glue:eu',
      entity: {
        kind: 'Dataset',
        metadata: { title: 'sales.t0' },
        spec: { owner: 'group:default/sales-team' },
      },
    });
    await expect(store.getStatus('aws-glue:eu')).resolves.toMatchObject({
      outcome: 'applied',
      entityCounts: { Dataset: 4 },
      errors: [],
      lastAppliedEntityCount: 4,
    });
  });

  it('removes nothing when a call is denied, and records the error', async () => {
    const { provider, store } = await connectedProvider();
    await provider.refresh();
    connection.applyMutation.mockClear();

    glueMock
      .on(GetTablesCommand)
      .rejects(
        Object.assign(
          new Error('User is not authorized to perform: glue:GetTables'),
          { name: 'AccessDeniedException' },
        ),
      );
    await expect(provider.refresh()).resolves.toBe('failed');

    expect(connection.applyMutation).not.toHaveBeenCalled();
    await expect(store.getStatus('aws-glue:eu')).resolves.toMatchObject({
      outcome: 'failed',
      entityCounts: {},
      errors: [
        'AccessDeniedException: User is not authorized to perform: glue:GetTables',
      ],
      lastAppliedEntityCount: 4,
    });
    expect(logger.error).toHaveBeenCalledWith(
      expect.stringContaining(
        'the catalog keeps the entities of the last sync',
      ),
    );
  });

  it('refuses a sync that would remove most of its entities', async () => {
    const { provider, store } = await connectedProvider();
    await provider.refresh();
    connection.applyMutation.mockClear();

    glueMock.on(GetTablesCommand).resolves({ TableList: tables(1) });
    await expect(provider.refresh()).resolves.toBe('refused');

    expect(connection.applyMutation).not.toHaveBeenCalled();
    await expect(store.getStatus('aws-glue:eu')).resolves.toMatchObject({
      outcome: 'refused',
      entityCounts: { Dataset: 1 },
      lastAppliedEntityCount: 4,
    });
  });
});
