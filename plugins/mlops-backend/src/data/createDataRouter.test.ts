import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
} from '@backstage/backend-test-utils';
import { NotFoundError } from '@backstage/errors';
import express from 'express';
import request from 'supertest';
import { createDataRouter } from './createDataRouter';
import type { DataService } from './DataService';

function app(
  service: Partial<DataService>,
  credentials: BackstageCredentials = mockCredentials.user(),
) {
  const server = express();
  server.use(
    createDataRouter({
      service: service as DataService,
      httpAuth: mockServices.httpAuth({ defaultCredentials: credentials }),
    }),
  );
  server.use(mockErrorHandler());
  return server;
}

const ref = 'dataset:default/transactions';

describe('data routes', () => {
  it("answers a Dataset's quality for the signed-in user", async () => {
    const getQuality = jest.fn(async () => ({
      entityRef: ref,
      state: 'ok' as const,
      latest: {
        resultId: 'dqresult-1',
        score: 0.5,
        startedAt: '2025-03-10T05:00:00.000Z',
        rules: [{ name: 'Rule_1', result: 'FAIL' as const, message: 'no' }],
      },
      trend: [],
    }));
    const response = await request(app({ getQuality }))
      .get('/data/quality')
      .query({ entityRef: ref });
    expect(response.status).toBe(200);
    expect(response.body.latest.score).toBe(0.5);
    expect(getQuality).toHaveBeenCalledWith(
      ref,
      expect.objectContaining({
        principal: expect.objectContaining({
          userEntityRef: 'user:default/mock',
        }),
      }),
    );
  });

  it('answers 400 without entityRef, 401 without a user, 404 for what the user may not read', async () => {
    expect((await request(app({})).get('/data/profile')).status).toBe(400);
    expect(
      (
        await request(app({}, mockCredentials.none()))
          .get('/data/profile')
          .query({ entityRef: ref })
      ).status,
    ).toBe(401);
    const getProfile = async () => {
      throw new NotFoundError(`No entity ${ref} in the catalog`);
    };
    expect(
      (
        await request(app({ getProfile }))
          .get('/data/profile')
          .query({ entityRef: ref })
      ).status,
    ).toBe(404);
  });
});
