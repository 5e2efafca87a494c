import type { JsonObject } from '@backstage/types';

/** What happened, in an audit event. Other plugins may record their own. */
export type AuditAction =
  | 'review.opened'
  | 'checkpoint.evaluated'
  | 'review.decision'
  | 'review.waiver'
  | 'review.cancelled'
  | 'transition.completed'
  | 'transition.demoted'
  | 'writeback.succeeded'
  | 'writeback.failed'
  | 'registry.out-of-band-change'
  | 'scaffolder.template-action'
  | 'health.changed'
  | 'retraining.started'
  | 'access.requested'
  | 'access.decision'
  | (string & {});

/** An event to append to the audit trail. */
export type NewAuditEvent = {
  /** User entity ref of who acted, or `service:<plugin>` for the system. */
  actor: string;
  action: AuditAction;
  /** The entity the event is about, e.g. a ModelVersion. */
  targetRef: string;
  /** The AWS resource the event is about, where there is one. */
  targetArn?: string;
  /**
   * The Model a ModelVersion target belongs to (its `spec.model`), so that
   * querying the Model finds the events of all its versions.
   */
  modelRef?: string;
  details: JsonObject;
};

/** An event of the append-only, hash-chained audit trail. */
export type AuditEvent = NewAuditEvent & {
  id: string;
  /** Position in the chain, from 1. */
  sequence: number;
  /** ISO 8601 time the event was recorded. */
  occurredAt: string;
  /** Hash of the event before this one (64 zeros for the first). */
  previousHash: string;
  /** SHA-256 over the canonical event and `previousHash`, hex. */
  hash: string;
};

/** Filters of an audit query; all optional, combined with AND. */
export type AuditQuery = {
  /** Events about this entity; for a Model, about its versions too. */
  entityRef?: string;
  actor?: string;
  action?: string;
  /** ISO time, inclusive. */
  from?: string;
  /** ISO time, exclusive. */
  to?: string;
};

/** One page of audit events, newest first. */
export type AuditPage = {
  items: AuditEvent[];
  /** Pass as `cursor` for the next (older) page; absent on the last page. */
  nextCursor?: string;
};

/** Result of verifying the whole chain. */
export type AuditVerification = {
  ok: boolean;
  /** Events checked. */
  checkedEvents: number;
  /** When the verification ran. */
  verifiedAt: string;
  /** The first event whose link is broken (altered, deleted or reordered). */
  firstBrokenEvent?: { id: string; sequence: number; reason: string };
};
