import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { TestDatabases } from '@backstage/backend-test-utils';
import { applyMlopsMigrations } from '../../database/applyMlopsMigrations';
import { GovernanceStore } from './GovernanceStore';

describe('GovernanceStore', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  const newReview = {
    kind: 'promotion' as const,
    entityRef: 'modelversion:default/m-v2',
    modelRef: 'model:default/m',
    targetStage: 'production',
    policy: 'default',
    requestedBy: 'user:default/a',
    checkpoints: [],
  };

  it.each(databases.eachSupportedId())(
    'keeps one decision per person and review, and lists by model and state, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await applyMlopsMigrations(knex);
      const store = new GovernanceStore(knex);
      const review = await store.insertReview(newReview);
      await store.insertDecision(review.id, {
        actor: 'user:default/b',
        decision: 'approve',
        comment: 'ok',
      });
      await expect(
        store.insertDecision(review.id, {
          actor: 'user:default/b',
          decision: 'reject',
          comment: 'changed my mind',
        }),
      ).rejects.toThrow(/approver-counts-once/);
      expect(
        await store.updateReview(review.id, { state: 'completed' }, [
          'rejected',
        ]),
      ).toBe(false);
      const [listed] = await store.listReviews({
        modelRef: 'model:default/m',
        states: ['open'],
      });
      expect(listed.decisions.map(d => d.decision)).toEqual(['approve']);
    },
  );

  it.each(databases.eachSupportedId())(
    'migrates back down, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await applyMlopsMigrations(knex);
      expect(await knex.schema.hasTable('mlops_governance_reviews')).toBe(true);
      await knex.migrate.rollback(
        {
          directory: resolvePackagePath(
            '@ml-foundation/plugin-mlops-backend',
            'migrations',
          ),
          tableName: 'mlops_knex_migrations',
        },
        true,
      );
      for (const table of [
        'mlops_governance_reviews',
        'mlops_governance_decisions',
        'mlops_governance_waivers',
        'mlops_governance_registry_writes',
      ]) {
        expect(await knex.schema.hasTable(table)).toBe(false);
      }
    },
  );
});
