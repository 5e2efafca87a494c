import { HttpRouterService } from '@backstage/backend-plugin-api';
import { AwsSyncStatus, AwsSyncStore } from './AwsSyncStore';

/** An Express request handler, as `HttpRouterService.use` takes it. */
export type AwsSyncStatusHandler = Parameters<HttpRouterService['use']>[0];

/** The body of the status route. */
export interface AwsSyncStatusResponse {
  providers: Array<{
    providerId: string;
    /** Null until the provider's first sync has ended. */
    latestSync: AwsSyncStatus | null;
  }>;
}

/**
 * A handler that answers `GET <path>` with the latest sync of each of the
 * given providers ({@link AwsSyncStatusResponse}), so users can see how fresh
 * the AWS entities are and why a sync failed. Mount it on the router of the
 * plugin the providers belong to.
 */
export function createAwsSyncStatusHandler(options: {
  store: AwsSyncStore;
  /** e.g. `/aws-glue/status` */
  path: string;
  /** Entity provider names, in the order to list them. */
  providerIds: string[];
}): AwsSyncStatusHandler {
  const { store, path, providerIds } = options;
  return (req, res, next) => {
    if (req.method !== 'GET' || req.path !== path) {
      next();
      return;
    }
    Promise.all(
      providerIds.map(async providerId => ({
        providerId,
        latestSync: (await store.getStatus(providerId)) ?? null,
      })),
    ).then(providers => {
      const body: AwsSyncStatusResponse = { providers };
      res.json(body);
    }, next);
  };
}
