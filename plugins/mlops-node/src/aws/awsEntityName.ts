import { createHash } from 'crypto';

const MAX_NAME_LENGTH = 63;
const HASH_LENGTH = 8;

/**
 * A catalog entity name for an AWS resource: a readable part from
 * `displayName` and 8 hex characters of a hash of the ARN, e.g.
 * `sales-db-orders-1f2e3d4c`. Same-named resources in two accounts or regions
 * have different ARNs, so they never get the same entity name and never
 * overwrite each other in the catalog.
 *
 * The result is at most 63 characters of `[a-z0-9-]`, as the catalog requires.
 */
export function awsEntityName(displayName: string, arn: string): string {
  const hash = createHash('sha256')
    .update(arn)
    .digest('hex')
    .slice(0, HASH_LENGTH);
  const readable = displayName
    .toLocaleLowerCase('en-US')
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, MAX_NAME_LENGTH - HASH_LENGTH - 1)
    .replace(/^-+|-+$/g, '');
  return readable ? `${readable}-${hash}` : hash;
}
