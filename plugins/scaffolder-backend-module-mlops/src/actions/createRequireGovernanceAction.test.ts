import { mockServices } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { MlopsClient, Review } from '@ml-foundation/plugin-mlops-common';
import { createMlopsFetch } from '../createMlopsFetch';
import {
  productionReview,
  startFakeMlopsBackend,
} from '../__testUtils__/startFakeMlopsBackend';
import { createRequireGovernanceAction } from './createRequireGovernanceAction';

describe('mlops:governance:require', () => {
  const reviews: Review[] = [];
  let backend: Awaited<ReturnType<typeof startFakeMlopsBackend>>;

  beforeAll(async () => {
    backend = await startFakeMlopsBackend({
      reviews,
      policy: {
        name: 'default',
        transitions: {
          production: {
            checkpoints: [
              { id: 'auc', type: 'metric-threshold' },
              { id: 'sign-off', type: 'approval' },
            ],
          },
        },
      },
    });
  });
  afterAll(() => backend.close());
  beforeEach(() => reviews.splice(0));

  const action = () =>
    createRequireGovernanceAction({
      mlopsFor: ctx =>
        new MlopsClient({
          discoveryApi: { getBaseUrl: async () => backend.baseUrl },
          fetchApi: createMlopsFetch(
            mockServices.auth(),
            ctx.getInitiatorCredentials,
          ),
        }),
    });
  const run = (input = {}) => {
    const ctx = createMockActionContext({
      input: {
        entityRef: 'modelversion:default/churn-model-3',
        stage: 'Production',
        ...input,
      },
    });
    return action()
      .handler(ctx)
      .then(() => ctx);
  };

  it('passes a version whose production review completed, asking as the user running the template', async () => {
    reviews.push(
      productionReview({
        id: 'review-2',
        state: 'completed',
        completedAt: '2026-11-30T12:00:00.000Z',
      }),
    );
    const ctx = await run();
    expect(ctx.output).toHaveBeenCalledWith('reviewId', 'review-2');
    expect(backend.authorizations.at(-1)).toMatch(/^Bearer mock-service-token/);
    // It only reads: a second run (a retried task) passes the same way.
    const again = await run();
    expect(again.output).toHaveBeenCalledWith('reviewId', 'review-2');
  });

  it('lists the unmet checkpoints of the open review', async () => {
    reviews.push(
      productionReview({
        checkpoints: [
          {
            id: 'auc',
            type: 'metric-threshold',
            state: 'failed',
            message: 'validation:auc 0.71 < 0.80',
            evidence: {},
            evaluatedAt: '2026-11-30T10:00:00.000Z',
          },
          {
            id: 'bias-report',
            type: 'report-present',
            state: 'passed',
            message: 'report present',
            evidence: {},
            evaluatedAt: '2026-11-30T10:00:00.000Z',
          },
          {
            id: 'sign-off',
            type: 'approval',
            state: 'pending',
            message: 'awaiting group:default/ml-reviewers',
            evidence: {},
            evaluatedAt: '2026-11-30T10:00:00.000Z',
          },
        ],
      }),
    );
    const error = await run().catch(e => e);
    expect(error.name).toBe('NotAllowedError');
    expect(error.message).toBe(
      [
        'modelversion:default/churn-model-3 has not passed the governance policy for production: review review-1 is open; unmet checkpoints:',
        '  - auc (metric-threshold): failed — validation:auc 0.71 < 0.80',
        '  - sign-off (approval): pending — awaiting group:default/ml-reviewers',
      ].join('\n'),
    );
  });

  it("does not accept a completed review for another stage, and lists the policy's checkpoints", async () => {
    reviews.push(
      productionReview({ state: 'completed', targetStage: 'staging' }),
    );
    await expect(run()).rejects.toThrow(
      [
        "modelversion:default/churn-model-3 has not passed the governance policy for production: no review has been requested for production. Request one from the version's Governance tab.",
        'Checkpoints of the default policy:',
        '  - auc (metric-threshold): not evaluated',
        '  - sign-off (approval): not evaluated',
      ].join('\n'),
    );
  });

  it('explains a rejected review and an approval not yet written back', async () => {
    reviews.push(productionReview({ state: 'rejected' }));
    await expect(run()).rejects.toThrow('review review-1 was rejected');
    reviews.splice(0);
    reviews.push(
      productionReview({
        state: 'approved-not-synced',
        writeBack: { state: 'failed', attempts: 2, lastError: 'Throttled' },
      }),
    );
    await expect(run()).rejects.toThrow(
      'approved but not yet written back to SageMaker (Throttled)',
    );
  });

  it('refuses a reference that is not a ModelVersion', async () => {
    await expect(run({ entityRef: 'component:default/x' })).rejects.toThrow(
      '"component:default/x" is a component, not a ModelVersion',
    );
  });
});
