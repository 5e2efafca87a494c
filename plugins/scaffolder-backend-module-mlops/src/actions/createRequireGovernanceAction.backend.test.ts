import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import {
  AwsSimulator,
  generateDemoEstate,
  startAwsSimulator,
} from '@ml-foundation/aws-simulator';
import mlopsPlugin from '@ml-foundation/plugin-mlops-backend';
import { MlopsClient } from '@ml-foundation/plugin-mlops-common';
import { createMlopsFetch } from '../createMlopsFetch';
import { createRequireGovernanceAction } from './createRequireGovernanceAction';

const ARN = 'arn:aws:sagemaker:eu-west-1:123456789012:model-package';

const version = (n: number, auc: number) => ({
  apiVersion: 'ml-foundation.dev/v1alpha1',
  kind: 'ModelVersion',
  metadata: {
    name: `fraud-detector-v${n}`,
    namespace: 'default',
    annotations: {
      'aws.amazon.com/arn': `${ARN}/fraud-detector/${n}`,
      'ml-foundation.dev/aws-provider': 'aws-sagemaker:demo',
    },
  },
  spec: {
    model: 'model:default/fraud-detector',
    version: n,
    owner: 'group:default/fraud-ml',
    lifecycle: 'production',
    approvalStatus: 'PendingManualApproval',
    stage: 'Development',
    metrics: [{ name: 'auc', split: 'validation', value: auc }],
  },
});

/**
 * The action against the real governance backend (plugins/mlops-backend),
 * writing back to the AWS simulator: reviews are opened through its REST
 * API as the model's owner, then the action asks as the template's user.
 */
describe('mlops:governance:require against the governance backend', () => {
  let sim: AwsSimulator;
  let backend: Awaited<ReturnType<typeof startTestBackend>>;

  beforeAll(async () => {
    sim = await startAwsSimulator({ estate: generateDemoEstate() });
    backend = await startTestBackend({
      features: [
        mlopsPlugin,
        catalogServiceMock.factory({
          entities: [
            {
              apiVersion: 'ml-foundation.dev/v1alpha1',
              kind: 'Model',
              metadata: { name: 'fraud-detector', namespace: 'default' },
              spec: {
                owner: 'group:default/fraud-ml',
                lifecycle: 'production',
              },
            },
            version(4, 0.963),
          ],
        }),
        mockServices.rootConfig.factory({
          data: {
            aws: { mainAccount: { accessKeyId: 'a', secretAccessKey: 'b' } },
            catalog: {
              providers: {
                awsSagemaker: {
                  demo: {
                    accountId: '123456789012',
                    region: 'eu-west-1',
                    endpoint: sim.endpoint,
                  },
                },
              },
            },
            mlops: {
              governance: {
                policies: {
                  default: {
                    transitions: {
                      staging: {
                        checkpoints: [
                          {
                            id: 'quality',
                            type: 'metric-threshold',
                            metric: 'validation:auc',
                            min: 0.9,
                          },
                        ],
                      },
                      production: {
                        checkpoints: [
                          {
                            id: 'quality',
                            type: 'metric-threshold',
                            metric: 'validation:auc',
                            min: 0.99,
                          },
                        ],
                      },
                    },
                  },
                },
              },
            },
          },
        }),
      ],
    });
  });
  afterAll(async () => {
    await backend?.stop();
    await sim?.close();
  });

  const base = () => `http://localhost:${backend.server.port()}/api/mlops`;
  const requestReview = async (targetStage: string) => {
    const response = await fetch(`${base()}/governance/reviews`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Authorization: mockCredentials.user.header('user:default/hannah.cho'),
      },
      body: JSON.stringify({
        entityRef: 'modelversion:default/fraud-detector-v4',
        targetStage,
      }),
    });
    const body = await response.json();
    expect(body.error?.message).toBeUndefined();
    expect(response.status).toBe(201);
    return body;
  };
  const run = (stage: string) => {
    const action = createRequireGovernanceAction({
      mlopsFor: ctx =>
        new MlopsClient({
          discoveryApi: { getBaseUrl: async () => base() },
          fetchApi: createMlopsFetch(
            mockServices.auth(),
            ctx.getInitiatorCredentials,
          ),
        }),
    });
    const ctx = createMockActionContext({
      input: { entityRef: 'modelversion:default/fraud-detector-v4', stage },
    });
    return action.handler(ctx).then(() => ctx);
  };

  it('refuses before any review, naming the policy checkpoints', async () => {
    await expect(run('staging')).rejects.toThrow(
      /no review has been requested for staging[\s\S]*- quality \(metric-threshold\): not evaluated/,
    );
  });

  it('passes once the staging review completed', async () => {
    const review = await requestReview('staging');
    const ctx = await run('staging');
    expect(ctx.output).toHaveBeenCalledWith('reviewId', review.id);
  });

  it('refuses production while its checkpoint fails, saying which', async () => {
    await requestReview('production');
    await expect(run('production')).rejects.toThrow(
      /has not passed the governance policy for production: review .* is open; unmet checkpoints:\n {2}- quality \(metric-threshold\): failed/,
    );
  });
});
