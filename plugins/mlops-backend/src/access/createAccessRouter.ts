import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';
import type { HttpAuthService } from '@backstage/backend-plugin-api';
import type { AccessRequestState } from '@ml-foundation/plugin-mlops-common';
import type express from 'express';
import { accessApiSpec } from './accessApiSpec';
import type { AccessService } from './AccessService';

/**
 * The access-request routes under /access, validated against
 * {@link accessApiSpec}. Every route needs a signed-in user (401 otherwise);
 * the service checks permissions and the separation-of-duties rules.
 */
export function createAccessRouter(options: {
  service: AccessService;
  httpAuth: HttpAuthService;
}): express.Router {
  const { service, httpAuth } = options;
  const router = createValidatedOpenApiRouter(accessApiSpec);
  const user = (req: express.Request) =>
    httpAuth.credentials(req, { allow: ['user'] });

  router.get('/access/requests', async (req, res) => {
    const items = await service.list(
      {
        entityRef: req.query.entityRef,
        state: req.query.state as AccessRequestState | undefined,
        mine: req.query.mine === 'true',
        awaitingMe: req.query.awaitingMe === 'true',
      },
      await user(req),
    );
    res.json({ items });
  });

  router.post('/access/requests', async (req, res) => {
    res.status(201).json(await service.create(req.body, await user(req)));
  });

  router.get('/access/requests/:id', async (req, res) => {
    await user(req);
    res.json(await service.get(req.params.id));
  });

  router.post('/access/requests/:id/decisions', async (req, res) => {
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

  return router;
}
