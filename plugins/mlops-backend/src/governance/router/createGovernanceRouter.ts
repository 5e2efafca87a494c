import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';
import type { HttpAuthService } from '@backstage/backend-plugin-api';
import type {
  ReviewKind,
  ReviewState,
} from '@ml-foundation/plugin-mlops-common';
import type express from 'express';
import type { GovernanceService } from '../service/GovernanceService';
import { governanceApiSpec } from './governanceApiSpec';

/**
 * The governance routes under /governance, validated against
 * {@link governanceApiSpec}. Every route needs a signed-in user (401
 * otherwise); the service checks permissions and the review's rules.
 */
export function createGovernanceRouter(options: {
  service: GovernanceService;
  httpAuth: HttpAuthService;
}): express.Router {
  const { service, httpAuth } = options;
  const router = createValidatedOpenApiRouter(governanceApiSpec);
  const user = (req: express.Request) =>
    httpAuth.credentials(req, { allow: ['user'] });

  router.get('/governance/policy', async (req, res) => {
    await user(req);
    res.json(await service.getPolicy(req.query.entityRef));
  });

  router.get('/governance/reviews', async (req, res) => {
    const items = await service.listReviews(
      {
        entityRef: req.query.entityRef,
        state: req.query.state as ReviewState | undefined,
        awaitingMe: req.query.awaitingMe === 'true',
      },
      await user(req),
    );
    res.json({ items });
  });

  router.post('/governance/reviews', async (req, res) => {
    const review = await service.createReview(
      { ...req.body, kind: req.body.kind as ReviewKind | undefined },
      await user(req),
    );
    res.status(201).json(review);
  });

  router.get('/governance/reviews/:id', async (req, res) => {
    await user(req);
    res.json(await service.getReview(req.params.id));
  });

  router.post('/governance/reviews/:id/decisions', async (req, res) => {
    res.json(
      await service.decide(
        req.params.id,
        {
          decision: req.body.decision as 'approve' | 'reject',
          comment: req.body.comment,
        },
        await user(req),
      ),
    );
  });

  router.post('/governance/reviews/:id/waivers', async (req, res) => {
    res.json(await service.waive(req.params.id, req.body, await user(req)));
  });

  router.post('/governance/reviews/:id/write-back', async (req, res) => {
    res.json(await service.retryWriteBack(req.params.id, await user(req)));
  });

  return router;
}
