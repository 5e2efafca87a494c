import { startTestBackend } from '@backstage/backend-test-utils';
import request from 'supertest';
import { mlopsPlugin } from './plugin';

describe('mlopsPlugin', () => {
  it('answers its health check', async () => {
    const { server } = await startTestBackend({ features: [mlopsPlugin] });
    const response = await request(server).get('/api/mlops/health');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok' });
  });
});
