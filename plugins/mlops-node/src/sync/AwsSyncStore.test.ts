import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { TestDatabases } from '@backstage/backend-test-utils';
import { AwsSyncStore } from './AwsSyncStore';

jest.setTimeout(60_000);

describe('AwsSyncStore', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  async function createStore(databaseId: Parameters<typeof databases.init>[0]) {
    const knex = await databases.init(databaseId);
    const store = await AwsSyncStore.create({
      database: { getClient: async () => knex },
    });
    return { knex, store };
  }

  const arn = (name: string) =>
    `arn:aws:glue:eu-west-1:123456789012:job/${name}`;

  it.each(databases.eachSupportedId())(
    'reuses a describe result only while the resource is unchanged, on %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      const cache = store.describeCache('aws-glue:eu');
      await cache.put(arn('a'), '2024-01-01', { nodes: ['x'] });

      await expect(cache.get(arn('a'), '2024-01-01')).resolves.toEqual({
        nodes: ['x'],
      });
      await expect(cache.get(arn('a'), '2024-02-01')).resolves.toBeUndefined();

      await cache.put(arn('a'), '2024-02-01', { nodes: ['y'] });
      await expect(cache.get(arn('a'), '2024-02-01')).resolves.toEqual({
        nodes: ['y'],
      });
      // Another provider with the same resource ids has its own cache.
      await expect(
        store.describeCache('aws-sagemaker:eu').get(arn('a'), '2024-02-01'),
      ).resolves.toBeUndefined();
    },
  );

  it.each(databases.eachSupportedId())(
    'reads many entries at once and forgets resources that are gone, on %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      const cache = store.describeCache('aws-glue:eu');
      const names = Array.from({ length: 1200 }, (_, i) => `job-${i}`);
      for (const name of names) {
        await cache.put(arn(name), 'v1', name);
      }

      const found = await cache.getMany<string>(
        names.map(name => ({
          arn: arn(name),
          versionKey: name === 'job-7' ? 'v2' : 'v1',
        })),
      );
      expect(found.size).toBe(1199);
      expect(found.get(arn('job-1100'))).toBe('job-1100');
      expect(found.has(arn('job-7'))).toBe(false);

      await cache.prune(names.slice(0, 10).map(arn));
      const left = await cache.getMany(
        names.map(name => ({ arn: arn(name), versionKey: 'v1' })),
      );
      expect(left.size).toBe(10);
    },
  );

  it.each(databases.eachSupportedId())(
    'records the latest sync per provider, remembering the last applied one, on %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      const startedAt = new Date('2025-06-01T10:00:00.000Z');
      await store.recordStatus({
        providerId: 'aws-glue:eu',
        startedAt,
        finishedAt: new Date('2025-06-01T10:00:02.500Z'),
        outcome: 'applied',
        entities: [
          { kind: 'Dataset' },
          { kind: 'Dataset' },
          { kind: 'Component' },
        ],
        calls: { 'AWSGlue.GetTables': 2 },
        errors: [],
      });
      await store.recordStatus({
        providerId: 'aws-glue:eu',
        startedAt: new Date('2025-06-01T10:30:00.000Z'),
        finishedAt: new Date('2025-06-01T10:30:01.000Z'),
        outcome: 'failed',
        calls: { 'AWSGlue.GetTables': 1 },
        errors: ['AccessDeniedException: not authorized to GetTables'],
      });

      await expect(store.getStatus('aws-glue:eu')).resolves.toEqual({
        providerId: 'aws-glue:eu',
        startedAt: '2025-06-01T10:30:00.000Z',
        finishedAt: '2025-06-01T10:30:01.000Z',
        durationMs: 1000,
        outcome: 'failed',
        entityCounts: {},
        calls: { 'AWSGlue.GetTables': 1 },
        errors: ['AccessDeniedException: not authorized to GetTables'],
        lastAppliedAt: '2025-06-01T10:00:02.500Z',
        lastAppliedEntityCount: 3,
      });
      await expect(store.getStatus('aws-glue:us')).resolves.toBeUndefined();

      await store.recordStatus({
        providerId: 'aws-glue:us',
        startedAt,
        finishedAt: startedAt,
        outcome: 'refused',
        entities: [{ kind: 'Dataset' }],
        calls: {},
        errors: [],
      });
      const all = await store.listStatus();
      expect(all.map(s => [s.providerId, s.outcome, s.lastAppliedAt])).toEqual([
        ['aws-glue:eu', 'failed', '2025-06-01T10:00:02.500Z'],
        ['aws-glue:us', 'refused', undefined],
      ]);
      expect(all[1].entityCounts).toEqual({ Dataset: 1 });
    },
  );

  it.each(databases.eachSupportedId())(
    'migrates once for several stores on one database, and migrates back down, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const database = { getClient: async () => knex };
      await Promise.all([
        AwsSyncStore.create({ database }),
        AwsSyncStore.create({ database }),
      ]);
      expect(await knex.schema.hasTable('mlops_aws_describe_cache')).toBe(true);

      await knex.migrate.rollback(
        {
          directory: resolvePackagePath(
            '@ml-foundation/plugin-mlops-node',
            'migrations',
          ),
          tableName: 'mlops_aws_knex_migrations',
        },
        true,
      );
      expect(await knex.schema.hasTable('mlops_aws_describe_cache')).toBe(
        false,
      );
      expect(await knex.schema.hasTable('mlops_aws_sync_status')).toBe(false);
    },
  );
});
