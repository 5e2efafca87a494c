import { LoggerService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import type {
  DeferredEntity,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';

/**
 * Replaces a provider's entities in the catalog with a complete read of its
 * scope (`{ type: 'full' }`), unless that would remove more than
 * `maxRemovalShare` of the entities the provider's previous applied sync
 * gave the catalog. A read that suddenly misses many resources more often
 * means a permission, filter or region mistake than a real clean-up, and the
 * catalog would delete the entities, their relations and their history at
 * once. Removal is measured as the share of the previous entities that are
 * no longer there, so replacing most of them with others is refused too.
 *
 * @returns `'refused'` (and logs why) or `'applied'`.
 */
export async function applyFullMutationSafely(options: {
  connection: EntityProviderConnection;
  entities: DeferredEntity['entity'][];
  /** Refs of the entities the provider's latest applied sync gave the catalog (none before the first). */
  previousEntityRefs: Iterable<string>;
  /** 0 to 1; 1 allows removing everything. */
  maxRemovalShare: number;
  logger: LoggerService;
  /** Ties the entities to the provider, so no other source can take them over. */
  locationKey?: string;
}): Promise<'applied' | 'refused'> {
  const { connection, entities, maxRemovalShare, logger } = options;
  const previous = new Set(options.previousEntityRefs);
  const current = new Set(entities.map(entity => stringifyEntityRef(entity)));
  const removed = [...previous].filter(ref => !current.has(ref)).length;
  if (previous.size > 0 && removed / previous.size > maxRemovalShare) {
    logger.error(
      `Refused to apply a sync that would remove ${removed} of ${
        previous.size
      } entities (${Math.round(
        (100 * removed) / previous.size,
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
