/** Where an access request is. `expired` is an approval past its duration. */
export type AccessRequestState =
  | 'pending'
  | 'approved'
  | 'rejected'
  | 'expired';

/**
 * An approval an access request needs: from the data's owners (or the group
 * its `ml-foundation.dev/access-approvers` annotation names), and for PII
 * data also from the privacy group.
 */
export type AccessApprovalStep = 'owner' | 'privacy';

/** One person's decision on an access request, for one step. */
export type AccessDecision = {
  /** User entity ref. */
  actor: string;
  decision: 'approve' | 'reject';
  step: AccessApprovalStep;
  comment?: string;
  /** ISO 8601. */
  decidedAt: string;
};

/** What was done to grant an approved request. */
export type AccessFulfilment = {
  /** The fulfiller's id, e.g. `record-only` or `lake-formation`. */
  fulfiller: string;
  status: 'fulfilled' | 'failed';
  /** What it did, in words a requester understands. */
  message: string;
  /** ISO 8601. */
  at: string;
};

/** A request for access to a Dataset or FeatureGroup. */
export type AccessRequest = {
  id: string;
  /** The Dataset or FeatureGroup. */
  entityRef: string;
  /** User entity ref. */
  requestedBy: string;
  purpose: string;
  durationDays: number;
  state: AccessRequestState;
  /** The approvals needed, in the order they are given. */
  requiredSteps: AccessApprovalStep[];
  /** Steps still waiting for an approval. */
  pendingSteps: AccessApprovalStep[];
  /** Who may approve each step (group or user entity refs). */
  approvers: Partial<Record<AccessApprovalStep, string[]>>;
  decisions: AccessDecision[];
  fulfilment?: AccessFulfilment;
  /** ISO 8601. */
  createdAt: string;
  /** ISO 8601 end of an approved request's access. */
  expiresAt?: string;
};

/** Body of `POST /access/requests`. */
export type CreateAccessRequest = {
  entityRef: string;
  purpose: string;
  durationDays: number;
};

/** Body of `POST /access/requests/{id}/decisions`. */
export type AccessDecisionRequest = {
  decision: 'approve' | 'reject';
  comment?: string;
};

/** Filters of `GET /access/requests`, combined with AND. */
export type AccessRequestQuery = {
  entityRef?: string;
  state?: AccessRequestState;
  /** Only requests of the signed-in user. */
  mine?: boolean;
  /** Only pending requests the signed-in user may decide now. */
  awaitingMe?: boolean;
};
