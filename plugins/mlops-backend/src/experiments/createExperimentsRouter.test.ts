import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
} from '@backstage/backend-test-utils';
import { NotFoundError } from '@backstage/errors';
import type { TrainingRuns } from '@ml-foundation/plugin-mlops-common';
import express from 'express';
import request from 'supertest';
import { createExperimentsRouter } from './createExperimentsRouter';
import type { ExperimentsService } from './ExperimentsService';

const runs: TrainingRuns = {
  modelRef: 'model:default/churn',
  experiments: ['churn-training'],
  runs: [
    {
      id: 'churn-train-1',
      name: 'churn-train-1',
      source: 'training-job',
      parameters: { eta: '0.1' },
      metrics: [{ name: 'validation:auc', value: 0.84 }],
      inputs: [],
      notes: [],
    },
  ],
  notes: [],
  truncated: false,
};

function app(
  service: Partial<ExperimentsService>,
  credentials: BackstageCredentials = mockCredentials.user(),
) {
  const server = express();
  server.use(
    createExperimentsRouter({
      service: service as ExperimentsService,
      httpAuth: mockServices.httpAuth({ defaultCredentials: credentials }),
    }),
  );
  server.use(mockErrorHandler());
  return server;
}

describe('experiments routes', () => {
  it("answers a Model's runs, read with the user's credentials", async () => {
    const listRuns = jest.fn(async () => runs);
    const response = await request(app({ listRuns }))
      .get('/experiments/runs')
      .query({ entityRef: 'model:default/churn' });
    expect(response.status).toBe(200);
    expect(response.body).toEqual(runs);
    expect(listRuns).toHaveBeenCalledWith(
      'model:default/churn',
      expect.objectContaining({
        principal: expect.objectContaining({
          userEntityRef: 'user:default/mock',
        }),
      }),
    );
  });

  it('answers 400 without entityRef, 401 without a user and 404 for a model the user cannot see', async () => {
    const listRuns = jest.fn(async () => {
      throw new NotFoundError('No entity model:default/secret in the catalog');
    });
    expect(
      (await request(app({ listRuns })).get('/experiments/runs')).status,
    ).toBe(400);
    expect(
      (
        await request(app({ listRuns }, mockCredentials.none()))
          .get('/experiments/runs')
          .query({ entityRef: 'model:default/churn' })
      ).status,
    ).toBe(401);
    expect(
      (
        await request(app({ listRuns }))
          .get('/experiments/runs')
          .query({ entityRef: 'model:default/secret' })
      ).status,
    ).toBe(404);
  });
});
