import type { HttpAuthService } from '@backstage/backend-plugin-api';
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';
import type express from 'express';
import { experimentsApiSpec } from './experimentsApiSpec';
import type { ExperimentsService } from './ExperimentsService';

/**
 * `GET /experiments/runs?entityRef`, for signed-in users: the catalog reads
 * are made with their credentials, so a Model they may not read is a 404.
 */
export function createExperimentsRouter(options: {
  service: ExperimentsService;
  httpAuth: HttpAuthService;
}): express.Router {
  const { service, httpAuth } = options;
  const router = createValidatedOpenApiRouter(experimentsApiSpec);
  router.get('/experiments/runs', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    res.json(await service.listRuns(req.query.entityRef, credentials));
  });
  return router;
}
