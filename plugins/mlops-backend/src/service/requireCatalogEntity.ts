import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import type { Entity } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';

/**
 * The entity a request names, read through `getEntity` (with the caller's
 * credentials, so the catalog's read permission applies), of one of `kinds`:
 * a malformed ref or another kind is a 400, an entity the caller cannot see
 * a 404.
 */
export async function requireCatalogEntity(
  ref: string,
  kinds: string[],
  getEntity: (normalizedRef: string) => Promise<Entity | undefined>,
): Promise<Entity> {
  let normalized: string;
  try {
    normalized = stringifyEntityRef(parseEntityRef(ref));
  } catch {
    throw new InputError(`Malformed entity ref ${ref}`);
  }
  const entity = await getEntity(normalized);
  if (!entity) {
    throw new NotFoundError(`No entity ${normalized} in the catalog`);
  }
  if (!kinds.includes(entity.kind)) {
    throw new InputError(
      `${normalized} is a ${entity.kind}, expected ${kinds.join(' or ')}`,
    );
  }
  return entity;
}
