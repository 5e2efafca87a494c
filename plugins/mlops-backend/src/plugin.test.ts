import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { AwsSimulator } from '@ml-foundation/aws-simulator';
import { mlopsCheckpointTypesExtensionPoint } from '@ml-foundation/plugin-mlops-node';
import request from 'supertest';
import {
  fixtureEntities,
  startFixtureSimulator,
} from './governance/__testUtils__/governanceFixture';
import { mlopsPlugin } from './plugin';

const V4 = 'modelversion:default/fraud-detector-v4';

/** An adopter's checkpoint type, added through the extension point. */
const securityScanModule = createBackendModule({
  pluginId: 'mlops',
  moduleId: 'security-scan',
  register(env) {
    env.registerInit({
      deps: { checkpoints: mlopsCheckpointTypesExtensionPoint },
      async init({ checkpoints }) {
        checkpoints.addCheckpointType({
          type: 'security-scan',
          validate(definition) {
            if (typeof definition.severity !== 'string') {
              throw new Error('.severity: must be a string');
            }
          },
          async evaluate({ version, definition }) {
            return {
              state: 'passed',
              message: `No ${definition.severity} findings in ${version.metadata.name}`,
              evidence: { scanner: 'test' },
            };
          },
        });
      },
    });
  },
});

const governance = {
  policies: {
    default: {
      transitions: {
        production: {
          checkpoints: [
            { id: 'scan', type: 'security-scan', severity: 'critical' },
            {
              id: 'signoff',
              type: 'approval',
              groups: ['group:default/model-risk'],
              minApprovals: 1,
            },
          ],
        },
      },
    },
  },
};

describe('mlopsPlugin', () => {
  let sim: AwsSimulator;
  beforeAll(async () => {
    sim = await startFixtureSimulator();
  });
  afterAll(async () => {
    await sim.close();
  });

  function start(
    options: { permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY } = {},
  ) {
    return startTestBackend({
      features: [
        mlopsPlugin,
        securityScanModule,
        catalogServiceMock.factory({ entities: fixtureEntities() }),
        mockServices.permissions.factory({
          result: options.permission ?? AuthorizeResult.ALLOW,
        }),
        mockServices.rootConfig.factory({
          data: {
            mlops: { governance },
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
          },
        }),
      ],
    });
  }

  const as = (name: string) =>
    mockCredentials.user.header(`user:default/${name}`);

  it('answers its health check', async () => {
    const { server } = await start();
    const response = await request(server).get('/api/mlops/health');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok' });
  });

  it('runs a review over HTTP with a checkpoint type added by a module', async () => {
    const { server } = await start();
    const opened = await request(server)
      .post('/api/mlops/governance/reviews')
      .set('Authorization', as('hannah.cho'))
      .send({ entityRef: V4, targetStage: 'production' });
    expect(opened.status).toBe(201);
    expect(opened.body.checkpoints[0]).toMatchObject({
      id: 'scan',
      state: 'passed',
      message: 'No critical findings in fraud-detector-v4',
    });

    const listed = await request(server)
      .get('/api/mlops/governance/reviews')
      .query({ awaitingMe: 'true' })
      .set('Authorization', as('grace.adeyemi'));
    expect(listed.body.items.map((r: { id: string }) => r.id)).toEqual([
      opened.body.id,
    ]);

    const sod = await request(server)
      .post(`/api/mlops/governance/reviews/${opened.body.id}/decisions`)
      .set('Authorization', as('hannah.cho'))
      .send({ decision: 'approve', comment: 'mine' });
    expect(sod.status).toBe(409);
    expect(sod.body.error.message).toContain('requester-cannot-approve');

    const approved = await request(server)
      .post(`/api/mlops/governance/reviews/${opened.body.id}/decisions`)
      .set('Authorization', as('grace.adeyemi'))
      .send({ decision: 'approve', comment: 'fine' });
    expect(approved.status).toBe(200);
    expect(approved.body.state).toBe('completed');

    const policy = await request(server)
      .get('/api/mlops/governance/policy')
      .query({ entityRef: 'model:default/fraud-detector' })
      .set('Authorization', as('hannah.cho'));
    expect(policy.body).toMatchObject({
      name: 'default',
      transitions: {
        production: {
          checkpoints:
            governance.policies.default.transitions.production.checkpoints,
        },
      },
    });
  });

  it('answers 400 naming the field, 401, 403 and 404', async () => {
    const { server } = await start({ permission: AuthorizeResult.DENY });
    const missing = await request(server)
      .post('/api/mlops/governance/reviews')
      .set('Authorization', as('hannah.cho'))
      .send({ entityRef: V4 });
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toContain('targetStage');

    const badDecision = await request(server)
      .post('/api/mlops/governance/reviews/x/decisions')
      .set('Authorization', as('hannah.cho'))
      .send({ decision: 'maybe', comment: 'x' });
    expect(badDecision.status).toBe(400);
    expect(badDecision.body.error.message).toContain('decision');

    const anonymous = await request(server)
      .post('/api/mlops/governance/reviews')
      .set('Authorization', mockCredentials.user.invalidHeader())
      .send({ entityRef: V4, targetStage: 'production' });
    expect(anonymous.status).toBe(401);

    const denied = await request(server)
      .post('/api/mlops/governance/reviews')
      .set('Authorization', as('hannah.cho'))
      .send({ entityRef: V4, targetStage: 'production' });
    expect(denied.status).toBe(403);
    expect(denied.body.error.message).toContain('mlops.review.create');

    const unknown = await request(server)
      .post('/api/mlops/governance/reviews')
      .set('Authorization', as('hannah.cho'))
      .send({
        entityRef: 'modelversion:default/nope',
        targetStage: 'production',
      });
    expect(unknown.status).toBe(404);

    const noReview = await request(server)
      .get('/api/mlops/governance/reviews/unknown')
      .set('Authorization', as('hannah.cho'));
    expect(noReview.status).toBe(404);
  });

  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  it.each(databases.eachSupportedId())(
    'leaves the schema alone when migrations are skipped, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await startTestBackend({
        features: [
          mlopsPlugin,
          mockServices.database.factory({ knex, migrations: { skip: true } }),
        ],
      });
      expect(await knex.schema.hasTable('mlops_governance_reviews')).toBe(
        false,
      );
      await startTestBackend({
        features: [mlopsPlugin, mockServices.database.factory({ knex })],
      });
      expect(await knex.schema.hasTable('mlops_governance_reviews')).toBe(true);
    },
    // Two backends, the second running every migration, on a shared machine.
    30_000,
  );

  it('refuses to start with a config error naming the key', async () => {
    await expect(
      startTestBackend({
        features: [
          mlopsPlugin,
          securityScanModule,
          mockServices.rootConfig.factory({
            data: {
              mlops: {
                governance: {
                  policies: {
                    default: {
                      transitions: {
                        production: {
                          checkpoints: [{ id: 'scan', type: 'security-scan' }],
                        },
                      },
                    },
                  },
                },
              },
            },
          }),
        ],
      }),
    ).rejects.toThrow(
      'mlops.governance.policies.default.transitions.production.checkpoints[0].severity',
    );
  });
});
