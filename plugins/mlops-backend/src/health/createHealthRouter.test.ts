import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
} from '@backstage/backend-test-utils';
import { NotAllowedError } from '@backstage/errors';
import express from 'express';
import request from 'supertest';
import { createHealthRouter } from './createHealthRouter';
import type { HealthService } from './HealthService';

const run = {
  id: '1',
  modelRef: 'model:default/churn',
  pipeline: 'churn-training',
  executionArn:
    'arn:aws:sagemaker:eu-west-1:123456789012:pipeline/churn-training/execution/abc',
  status: 'Executing',
  startedBy: 'user:default/mock',
  reason: 'drift',
  startedAt: '2026-12-01T12:00:00.000Z',
};

function app(service: Partial<HealthService>) {
  const server = express();
  server.use(express.json());
  server.use(
    createHealthRouter({
      service: service as HealthService,
      httpAuth: mockServices.httpAuth({
        defaultCredentials: mockCredentials.user(),
      }),
    }),
  );
  server.use(mockErrorHandler());
  return server;
}

describe('health routes', () => {
  it('starts retraining with 201 and the run, for the signed-in user', async () => {
    const retrain = jest.fn(async () => run);
    const response = await request(app({ retrain }))
      .post('/model-health/retraining-runs')
      .send({ entityRef: 'model:default/churn', reason: 'drift' });
    expect(response.status).toBe(201);
    expect(response.body.executionArn).toBe(run.executionArn);
    expect(retrain).toHaveBeenCalledWith(
      { entityRef: 'model:default/churn', reason: 'drift' },
      expect.objectContaining({
        principal: expect.objectContaining({
          userEntityRef: 'user:default/mock',
        }),
      }),
    );
  });

  it('answers 400 naming the field for a retrain without a reason', async () => {
    const retrain = jest.fn();
    const response = await request(app({ retrain }))
      .post('/model-health/retraining-runs')
      .send({ entityRef: 'model:default/churn' });
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).toContain('reason');
    expect(retrain).not.toHaveBeenCalled();
  });

  it('answers 403 when the service refuses the permission', async () => {
    const response = await request(
      app({
        retrain: async () => {
          throw new NotAllowedError('user:default/mock lacks mlops.retrain');
        },
      }),
    )
      .post('/model-health/retraining-runs')
      .send({ entityRef: 'model:default/churn', reason: 'drift' });
    expect(response.status).toBe(403);
  });

  it('answers 401 without user credentials and 400 without entityRef', async () => {
    const server = express();
    server.use(
      createHealthRouter({
        service: {} as HealthService,
        httpAuth: mockServices.httpAuth({
          defaultCredentials: mockCredentials.none(),
        }),
      }),
    );
    server.use(mockErrorHandler());
    expect(
      (
        await request(server)
          .get('/model-health/deployment')
          .query({ entityRef: 'modeldeployment:default/a' })
      ).status,
    ).toBe(401);
    expect(
      (await request(app({})).get('/model-health/deployment')).status,
    ).toBe(400);
  });
});
