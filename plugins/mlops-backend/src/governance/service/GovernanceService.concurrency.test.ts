import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import type { AwsSimulator } from '@ml-foundation/aws-simulator';
import {
  completeModelPackage,
  createFixtureService,
  fixtureEntities,
  startFixtureSimulator,
} from '../__testUtils__/governanceFixture';

jest.setTimeout(120_000);

const V4 = 'modelversion:default/fraud-detector-v4';
const APPROVERS = Array.from({ length: 50 }, (_, i) => `risk-${i}`);

function riskMember(name: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name, namespace: 'default' },
    spec: {},
    relations: [{ type: 'memberOf', targetRef: 'group:default/model-risk' }],
  };
}

describe('GovernanceService on two backend instances', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
  let sim: AwsSimulator;

  beforeEach(async () => {
    sim = await startFixtureSimulator();
    completeModelPackage(sim);
  });
  afterEach(async () => {
    await sim.close();
  });

  it.each(databases.eachSupportedId())(
    '50 concurrent approvals of one review make one transition and one write-back, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const entities = [...fixtureEntities(), ...APPROVERS.map(riskMember)];
      // Two instances: their own services and audit trails, one database.
      const first = await createFixtureService({ knex, sim, entities });
      const second = await createFixtureService({ knex, sim, entities });
      const review = await first.service.createReview(
        { entityRef: V4, targetStage: 'production' },
        mockCredentials.user('user:default/hannah.cho'),
      );

      const results = await Promise.allSettled(
        APPROVERS.map((name, i) =>
          (i % 2 ? second : first).service.decide(
            review.id,
            { decision: 'approve', comment: 'ok' },
            mockCredentials.user(`user:default/${name}`),
          ),
        ),
      );
      const refused = results.filter(r => r.status === 'rejected');
      for (const r of refused) {
        expect((r as PromiseRejectedResult).reason.name).toBe('ConflictError');
      }
      expect(results.length - refused.length).toBeGreaterThanOrEqual(2);

      const final = await second.service.getReview(review.id);
      expect(final.state).toBe('completed');
      expect(final.writeBack).toMatchObject({
        state: 'succeeded',
        attempts: 1,
      });
      // One promotion and one demotion of the replaced version.
      expect(sim.stats()['SageMaker.UpdateModelPackage']).toBe(2);
      expect(sim.calls('UpdateModelPackage')).toHaveLength(2);
      const { items } = await first.audit.query({ limit: 500 });
      expect(
        items.filter(e => e.action === 'transition.completed'),
      ).toHaveLength(1);
      expect(
        items.filter(e => e.action === 'writeback.succeeded'),
      ).toHaveLength(1);
      expect(items.filter(e => e.action === 'review.decision')).toHaveLength(
        final.decisions.length,
      );
      expect((await first.audit.verify()).ok).toBe(true);
    },
  );
});
