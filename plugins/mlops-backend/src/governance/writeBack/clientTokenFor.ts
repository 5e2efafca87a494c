import { createHash } from 'node:crypto';

/**
 * The UpdateModelPackage ClientToken of one write of a review (SageMaker
 * takes at most 36 characters of [a-zA-Z0-9-]): the same review and purpose
 * always give the same token, so a retry after a lost answer is not applied
 * twice.
 */
export function clientTokenFor(reviewId: string, purpose: string): string {
  const hex = createHash('sha256')
    .update(`${reviewId}:${purpose}`)
    .digest('hex');
  return [
    hex.slice(0, 8),
    hex.slice(8, 12),
    hex.slice(12, 16),
    hex.slice(16, 20),
    hex.slice(20, 32),
  ].join('-');
}
