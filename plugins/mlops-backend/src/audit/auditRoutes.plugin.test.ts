import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { AwsSimulator } from '@ml-foundation/aws-simulator';
import request from 'supertest';
import {
  fixtureEntities,
  ISSUE_POLICY,
  startFixtureSimulator,
} from '../governance/__testUtils__/governanceFixture';
import { mlopsPlugin } from '../plugin';

jest.setTimeout(60_000);

const V4 = 'modelversion:default/fraud-detector-v4';
const MODEL = 'model:default/fraud-detector';

describe('audit routes of the mlops plugin', () => {
  let sim: AwsSimulator;
  beforeAll(async () => {
    sim = await startFixtureSimulator();
  });
  afterAll(async () => {
    await sim.close();
  });

  it('records a review in the chain, serves it under the Model, verifies it, and takes events from services only', async () => {
    const { server } = await startTestBackend({
      features: [
        mlopsPlugin,
        catalogServiceMock.factory({ entities: fixtureEntities() }),
        mockServices.rootConfig.factory({
          data: {
            mlops: { governance: ISSUE_POLICY },
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
    const alice = mockCredentials.user.header('user:default/hannah.cho');

    const opened = await request(server)
      .post('/api/mlops/governance/reviews')
      .set('Authorization', alice)
      .send({ entityRef: V4, targetStage: 'production' });
    expect(opened.status).toBe(201);

    const page = await request(server)
      .get('/api/mlops/audit/events')
      .query({ entityRef: MODEL, action: 'review.opened' })
      .set('Authorization', alice);
    expect(page.status).toBe(200);
    expect(page.body.items).toEqual([
      expect.objectContaining({
        action: 'review.opened',
        actor: 'user:default/hannah.cho',
        targetRef: V4,
      }),
    ]);

    const verify = await request(server)
      .get('/api/mlops/audit/verify')
      .set('Authorization', alice);
    expect(verify.body).toMatchObject({ ok: true });
    expect(verify.body.checkedEvents).toBeGreaterThan(0);

    const byUser = await request(server)
      .post('/api/mlops/audit/events')
      .set('Authorization', alice)
      .send({ action: 'x', targetRef: V4, details: {} });
    expect(byUser.status).toBe(403);

    const byService = await request(server)
      .post('/api/mlops/audit/events')
      .set(
        'Authorization',
        mockCredentials.service.header({
          onBehalfOf: mockCredentials.service('plugin:scaffolder'),
          targetPluginId: 'mlops',
        }),
      )
      .send({
        action: 'scaffolder.template-action',
        targetRef: V4,
        details: {},
      });
    expect(byService.status).toBe(201);
    expect(byService.body).toMatchObject({
      actor: 'service:scaffolder',
      modelRef: MODEL,
    });
  });
});
