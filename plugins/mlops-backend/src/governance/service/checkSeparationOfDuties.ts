import { parseEntityRef } from '@backstage/catalog-model';
import { ConflictError } from '@backstage/errors';
import type { Review } from '@ml-foundation/plugin-mlops-common';

/** The rules an approval must satisfy, by the name errors quote. */
export type SeparationOfDutiesRule =
  | 'requester-cannot-approve'
  | 'creator-cannot-approve'
  | 'approver-counts-once'
  | 'approver-not-in-group'
  | 'no-approval-required';

/** Thrown (409) when an approval would break a separation-of-duties rule. */
export class SeparationOfDutiesError extends ConflictError {
  constructor(readonly rule: SeparationOfDutiesRule, message: string) {
    super(`Separation of duties (${rule}): ${message}`);
  }
}

/**
 * Whether `createdBy` (a SageMaker user profile name, an IAM ARN whose
 * session is named after the person, or a user entity ref) names the user.
 */
export function isCreator(
  userRef: string,
  createdBy: string | undefined,
): boolean {
  if (!createdBy) {
    return false;
  }
  const name = parseEntityRef(userRef).name.toLocaleLowerCase('en-US');
  const created = createdBy.toLocaleLowerCase('en-US');
  return (
    created === userRef.toLocaleLowerCase('en-US') ||
    created === name ||
    created.endsWith(`/${name}`)
  );
}

/**
 * Checks that `actor` may approve `review`; fails closed: a membership that
 * cannot be resolved throws rather than counts.
 *
 * @throws SeparationOfDutiesError naming the broken rule.
 */
export async function checkSeparationOfDuties(options: {
  actor: string;
  review: Review;
  /** `spec.createdBy` of the version, when known. */
  createdBy?: string;
  /** Groups of the review's approval checkpoints that are not passed yet. */
  approvalGroups: string[];
  isGroupMember(userRef: string, groupRef: string): Promise<boolean>;
}): Promise<void> {
  const { actor, review, createdBy, approvalGroups, isGroupMember } = options;
  if (actor === review.requestedBy) {
    throw new SeparationOfDutiesError(
      'requester-cannot-approve',
      `${actor} requested this review and cannot approve it`,
    );
  }
  if (isCreator(actor, createdBy)) {
    throw new SeparationOfDutiesError(
      'creator-cannot-approve',
      `${actor} created this model version (${createdBy}) and cannot approve it`,
    );
  }
  if (review.decisions.some(d => d.actor === actor)) {
    throw new SeparationOfDutiesError(
      'approver-counts-once',
      `${actor} already decided on this review`,
    );
  }
  if (approvalGroups.length === 0) {
    throw new SeparationOfDutiesError(
      'no-approval-required',
      'no approval checkpoint of this review is waiting for approvals',
    );
  }
  for (const group of approvalGroups) {
    if (await isGroupMember(actor, group)) {
      return;
    }
  }
  throw new SeparationOfDutiesError(
    'approver-not-in-group',
    `${actor} is not a member of ${approvalGroups.join(' or ')}`,
  );
}
