import type { Entity } from '@backstage/catalog-model';
import {
  ML_ANNOTATION_SYNC_WARNINGS,
  SyncWarning,
} from '@ml-foundation/plugin-mlops-common';

/**
 * The entity with the optional reads that failed for it in its
 * `ML_ANNOTATION_SYNC_WARNINGS` annotation (none: the entity unchanged), for
 * users to see what it lacks and why; the sync status counts them.
 */
export function withSyncWarnings<E extends Entity>(
  entity: E,
  warnings: SyncWarning[] | undefined,
): E {
  if (!warnings?.length) {
    return entity;
  }
  return {
    ...entity,
    metadata: {
      ...entity.metadata,
      annotations: {
        ...entity.metadata.annotations,
        [ML_ANNOTATION_SYNC_WARNINGS]: JSON.stringify(warnings),
      },
    },
  };
}
