import type { HttpAuthService } from '@backstage/backend-plugin-api';
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';
import type express from 'express';
import { dataApiSpec } from './dataApiSpec';
import type { DataService } from './DataService';

/**
 * The data profile and quality routes under `/data`, for signed-in users
 * who may read the Dataset in the catalog.
 */
export function createDataRouter(options: {
  service: DataService;
  httpAuth: HttpAuthService;
}): express.Router {
  const { service, httpAuth } = options;
  const router = createValidatedOpenApiRouter(dataApiSpec);
  const user = (req: express.Request) =>
    httpAuth.credentials(req, { allow: ['user'] });

  router.get('/data/profile', async (req, res) => {
    res.json(await service.getProfile(req.query.entityRef, await user(req)));
  });
  router.get('/data/quality', async (req, res) => {
    res.json(await service.getQuality(req.query.entityRef, await user(req)));
  });
  return router;
}
