import type { JsonObject } from '@backstage/types';

/** State of one checkpoint of a review. */
export type CheckpointState = 'passed' | 'failed' | 'pending' | 'waived';

/** One checkpoint of a policy, as configured. */
export type CheckpointDefinition = {
  id: string;
  /** e.g. metric-threshold, metric-regression, report-present, approval. */
  type: string;
  /** The checkpoint's own settings (metric, min, groups...). */
  [setting: string]: unknown;
};

/** A checkpoint of a review with its latest evaluation. */
export type CheckpointResult = {
  id: string;
  type: string;
  state: CheckpointState;
  /** One line a reviewer reads, e.g. `validation:auc 0.86 >= 0.80`. */
  message: string;
  /** What the evaluation used: values, thresholds, URIs, refs, approvers. */
  evidence: JsonObject;
  evaluatedAt: string;
  /** Set when waived. */
  waiver?: { by: string; reason: string; at: string };
};

/**
 * Life of a review: `open` while checkpoints are pending or failed;
 * `approved-not-synced` when every checkpoint passed but the write-back to
 * SageMaker failed (retryable); `completed` once written back; `rejected`;
 * `superseded` when a newer review of the same version and stage replaced it.
 */
export type ReviewState =
  | 'open'
  | 'approved-not-synced'
  | 'completed'
  | 'rejected'
  | 'superseded';

/** A promotion (or rollback) is a request to move a version to a stage. */
export type ReviewKind = 'promotion' | 'rollback';

/** A human decision on a review. */
export type ReviewDecision = {
  id: string;
  /** User entity ref. */
  actor: string;
  decision: 'approve' | 'reject';
  comment: string;
  at: string;
};

/** Result of writing the outcome back to the SageMaker model registry. */
export type WriteBackState = {
  state: 'pending' | 'succeeded' | 'failed';
  attempts: number;
  lastError?: string;
  at?: string;
  /** What was written: ModelApprovalStatus, ModelLifeCycle... */
  written?: JsonObject;
};

/** A review of one ModelVersion for one target stage. */
export type Review = {
  id: string;
  kind: ReviewKind;
  /** The ModelVersion under review. */
  entityRef: string;
  /** Its Model. */
  modelRef: string;
  /** Target stage, lower-case policy key, e.g. `production`. */
  targetStage: string;
  /** Name of the policy applied. */
  policy: string;
  state: ReviewState;
  requestedBy: string;
  requestedAt: string;
  comment?: string;
  checkpoints: CheckpointResult[];
  decisions: ReviewDecision[];
  writeBack?: WriteBackState;
  /** The version this one replaces in the stage, demoted on completion. */
  replacesRef?: string;
  updatedAt: string;
  completedAt?: string;
};

/** Body of a request to open a review. */
export type CreateReviewRequest = {
  entityRef: string;
  targetStage: string;
  kind?: ReviewKind;
  comment?: string;
};

/** Body of a decision. */
export type DecisionRequest = {
  decision: 'approve' | 'reject';
  comment: string;
};

/** Body of a waiver. */
export type WaiverRequest = {
  checkpointId: string;
  reason: string;
};

/** Filters when listing reviews; all optional. */
export type ReviewQuery = {
  /** A ModelVersion, or a Model for all its versions. */
  entityRef?: string;
  state?: ReviewState;
  /** Only reviews the calling user may approve and has not acted on. */
  awaitingMe?: boolean;
};

/** The policy that applies to a model, with its transitions. */
export type EffectivePolicy = {
  name: string;
  transitions: Record<string, { checkpoints: CheckpointDefinition[] }>;
  /** Rollbacks (return a stage to a version approved before), by stage. */
  rollbacks?: Record<string, { checkpoints: CheckpointDefinition[] }>;
};
