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
        warningCount: 0,
        warnings: [],
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
    'keeps the warnings of a sync and the entities of the last applied one, on %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      const report = {
        providerId: 'aws-sagemaker:eu',
        startedAt: new Date('2025-06-01T10:00:00.000Z'),
        finishedAt: new Date('2025-06-01T10:00:01.000Z'),
        calls: {},
        errors: [],
      };
      const warning = {
        entityRef: 'modelversion:default/churn-v1',
        read: 'model quality report s3://reports/churn/1.json',
        reason: 'AccessDenied: Access Denied',
      };
      await expect(
        store.getLastAppliedEntityRefs('aws-sagemaker:eu'),
      ).resolves.toBeUndefined();
      await store.recordStatus({
        ...report,
        outcome: 'applied',
        entities: [{ kind: 'ModelVersion' }],
        entityRefs: ['modelversion:default/churn-v1'],
        warnings: [warning],
      });
      await store.recordStatus({
        ...report,
        outcome: 'refused',
        entities: [{ kind: 'ModelVersion' }],
        entityRefs: ['modelversion:default/other'],
        warnings: Array.from({ length: 250 }, () => warning),
      });
      const status = await store.getStatus('aws-sagemaker:eu');
      expect(status?.warningCount).toBe(250);
      expect(status?.warnings).toHaveLength(200);
      expect(status?.warnings[0]).toEqual(warning);
      await expect(
        store.getLastAppliedEntityRefs('aws-sagemaker:eu'),
      ).resolves.toEqual(['modelversion:default/churn-v1']);
    },
  );

  it.each(databases.eachSupportedId())(
    'describes a resource again after its jittered max age, on %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      const maxAgeMs = 3_600_000;
      const fresh = store.describeCache('aws-glue:eu', {
        maxAgeMs,
        random: () => 1,
      });
      const expired = store.describeCache('aws-glue:eu', {
        maxAgeMs: -maxAgeMs,
        random: () => 0,
      });
      await fresh.put(arn('a'), 'v1', 'a');
      await expired.put(arn('b'), 'v1', 'b');
      const found = await fresh.getMany([
        { arn: arn('a'), versionKey: 'v1' },
        { arn: arn('b'), versionKey: 'v1' },
      ]);
      expect([...found.keys()]).toEqual([arn('a')]);
    },
  );

  it.each(databases.eachSupportedId())(
    'spreads the expiry of entries cached together over the second half of the max age, on %p',
    async databaseId => {
      const { store, knex } = await createStore(databaseId);
      let draw = 0;
      const cache = store.describeCache('aws-glue:eu', {
        maxAgeMs: 24 * 3_600_000,
        random: () => [0, 0.5, 1][draw++],
      });
      const before = Date.now();
      for (const name of ['a', 'b', 'c']) {
        await cache.put(arn(name), 'v1', name);
      }
      const rows = await knex('mlops_aws_describe_cache')
        .orderBy('arn')
        .select('expires_at');
      const hours = rows.map(
        row =>
          Math.round((new Date(row.expires_at).getTime() - before) / 360_000) /
          10,
      );
      expect(hours).toEqual([12, 18, 24]);
    },
  );

  it.each(databases.eachSupportedId())(
    'replaces the state an applied sync saw, per provider, on %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      await store.replaceAppliedState(
        'aws-sagemaker:eu',
        new Map([
          [arn('a'), { stage: 'Staging' }],
          [arn('b'), { stage: 'Production' }],
        ]),
      );
      await store.replaceAppliedState(
        'aws-sagemaker:eu',
        new Map([[arn('a'), { stage: 'Production' }]]),
      );
      await expect(store.getAppliedState('aws-sagemaker:eu')).resolves.toEqual(
        new Map([[arn('a'), { stage: 'Production' }]]),
      );
      await expect(store.getAppliedState('aws-glue:eu')).resolves.toEqual(
        new Map(),
      );
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
      expect(await knex.schema.hasTable('mlops_aws_applied_state')).toBe(false);
    },
  );
});
