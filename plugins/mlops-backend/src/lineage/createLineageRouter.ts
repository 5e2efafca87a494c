import type { HttpAuthService } from '@backstage/backend-plugin-api';
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { LineageDirection } from '@ml-foundation/plugin-mlops-common';
import type express from 'express';
import { computeLineage } from './computeLineage';
import { lineageApiSpec } from './lineageApiSpec';

/** Depth of a lineage query that gives none. */
export const DEFAULT_LINEAGE_DEPTH = 3;

/**
 * The lineage route, `GET /lineage?entityRef&depth&direction`: the graph is
 * computed from the catalog in one request, with the caller's credentials.
 */
export function createLineageRouter(options: {
  catalog: CatalogService;
  httpAuth: HttpAuthService;
}): express.Router {
  const { catalog, httpAuth } = options;
  const router = createValidatedOpenApiRouter(lineageApiSpec);
  router.get('/lineage', async (req, res) => {
    const graph = await computeLineage({
      catalog,
      credentials: await httpAuth.credentials(req),
      entityRef: req.query.entityRef,
      depth: req.query.depth ? Number(req.query.depth) : DEFAULT_LINEAGE_DEPTH,
      direction: (req.query.direction ?? 'both') as LineageDirection,
    });
    res.json(graph);
  });
  return router;
}
