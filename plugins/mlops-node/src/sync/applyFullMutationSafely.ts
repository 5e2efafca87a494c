import { LoggerService } from '@backstage/backend-plugin-api';
import type {
  DeferredEntity,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';

/**
 * Replaces a provider's entities in the catalog with a complete read of its
 * scope (`{ type: 'full' }`), unless that would remove more than
 * `maxRemovalShare` of the `previousCount` entities the catalog holds from the
 * provider. A read that suddenly finds far fewer resources more often means a
 * permission, filter or region mistake than a real clean-up, and the catalog
 * would delete the entities, their relations and their history at once.
 * Removal is measured as the drop in the number of entities.
 *
 * @returns `'refused'` (and logs why) or `'applied'`.
 */
export async function applyFullMutationSafely(options: {
  connection: EntityProviderConnection;
  entities: DeferredEntity['entity'][];
  /** Entities the provider's latest applied sync gave the catalog. */
  previousCount: number;
  /** 0 to 1; 1 allows removing everything. */
  maxRemovalShare: number;
  logger: LoggerService;
  /** Ties the entities to the provider, so no other source can take them over. */
  locationKey?: string;
}): Promise<'applied' | 'refused'> {
  const { connection, entities, previousCount, maxRemovalShare, logger } =
    options;
  const removed = previousCount - entities.length;
  if (previousCount > 0 && removed / previousCount > maxRemovalShare) {
    logger.error(
      `Refused to apply a sync that would remove ${removed} of ${previousCount} entities (${Math.round(
        (100 * removed) / previousCount,
      )}%, more than the allowed ${Math.round(
        100 * maxRemovalShare,
      )}%); the catalog keeps its entities. If the removal is intended, raise maxRemovalShare for this provider.`,
    );
    return 'refused';
  }
  await connection.applyMutation({
    type: 'full',
    entities: entities.map(entity => ({
      entity,
      locationKey: options.locationKey,
    })),
  });
  return 'applied';
}
