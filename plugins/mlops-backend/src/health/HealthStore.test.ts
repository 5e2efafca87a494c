import { TestDatabases } from '@backstage/backend-test-utils';
import { applyMlopsMigrations } from '../database/applyMlopsMigrations';
import { HealthStore } from './HealthStore';

jest.setTimeout(60_000);

describe('HealthStore', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  it.each(databases.eachSupportedId())(
    'keeps only the configured days of check history, per deployment, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await applyMlopsMigrations(knex);
      const store = new HealthStore(knex, 30);
      const check = (entityRef: string, checkedAt: string) =>
        store.recordCheck({
          entityRef,
          state: 'healthy',
          executions: [],
          checkedAt,
        });
      await check('modeldeployment:default/a', '2026-01-01T00:00:00.000Z');
      await check('modeldeployment:default/b', '2026-01-01T00:00:00.000Z');
      await check('modeldeployment:default/a', '2026-01-20T00:00:00.000Z');
      await check('modeldeployment:default/a', '2026-02-10T00:00:00.000Z');

      expect(
        (await store.history('modeldeployment:default/a')).map(
          h => h.checkedAt,
        ),
      ).toEqual(['2026-01-20T00:00:00.000Z', '2026-02-10T00:00:00.000Z']);
      // Another deployment's history is its own.
      expect(await store.history('modeldeployment:default/b')).toHaveLength(1);
    },
  );
});
