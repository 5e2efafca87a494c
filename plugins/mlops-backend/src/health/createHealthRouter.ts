import type { HttpAuthService } from '@backstage/backend-plugin-api';
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';
import type express from 'express';
import { healthApiSpec } from './healthApiSpec';
import type { HealthService } from './HealthService';

/** The model health routes under `/model-health`, for signed-in users. */
export function createHealthRouter(options: {
  service: HealthService;
  httpAuth: HttpAuthService;
}): express.Router {
  const { service, httpAuth } = options;
  const router = createValidatedOpenApiRouter(healthApiSpec);
  const user = (req: express.Request) =>
    httpAuth.credentials(req, { allow: ['user'] });

  router.get('/model-health/deployment', async (req, res) => {
    res.json(
      await service.getDeploymentHealth(req.query.entityRef, await user(req)),
    );
  });
  router.get('/model-health/model', async (req, res) => {
    res.json({
      items: await service.getModelHealth(req.query.entityRef, await user(req)),
    });
  });
  router.get('/model-health/version-reports', async (req, res) => {
    res.json(
      await service.getVersionReports(req.query.entityRef, await user(req)),
    );
  });
  router.get('/model-health/evaluation-trend', async (req, res) => {
    res.json(
      await service.getEvaluationTrend(req.query.entityRef, await user(req)),
    );
  });
  router.get('/model-health/attention', async (req, res) => {
    await user(req);
    res.json({ items: await service.needsAttention() });
  });
  router.get('/model-health/retraining-runs', async (req, res) => {
    res.json({
      items: await service.listRuns(req.query.entityRef, await user(req)),
    });
  });
  router.post('/model-health/retraining-runs', async (req, res) => {
    res.status(201).json(await service.retrain(req.body, await user(req)));
  });
  return router;
}
