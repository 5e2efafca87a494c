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

/**
 * Whether a dataset's profile or quality could be read: `ok`, `none` (Glue
 * has nothing for it: no analysed column, no quality run) or `unknown`
 * (it could not be read or made sense of; `reason` says why).
 */
export type DataReadState = 'ok' | 'none' | 'unknown';

/** The Glue statistics type of a column. */
export type ColumnStatisticsKind =
  | 'STRING'
  | 'LONG'
  | 'DOUBLE'
  | 'DECIMAL'
  | 'DATE'
  | 'BOOLEAN'
  | 'BINARY';

/** Statistics of one column, from Glue's GetColumnStatisticsForTable. */
export type ColumnProfile = {
  name: string;
  /** The column's type in the table, e.g. `decimal(12,2)`. */
  type: string;
  kind: ColumnStatisticsKind;
  nulls: number;
  /** Nulls over the table's record count, 0..1, when the count is known. */
  nullShare?: number;
  distinct?: number;
  /** Numbers for numeric kinds, ISO dates (`2024-01-31`) for DATE. */
  min?: number | string;
  max?: number | string;
  averageLength?: number;
  maxLength?: number;
  trues?: number;
  falses?: number;
  /** ISO 8601. */
  analyzedAt?: string;
};

/** A Dataset's column statistics, as last read. */
export type DataProfile = {
  entityRef: string;
  state: DataReadState;
  reason?: string;
  /** The table's record count (its `recordCount` or `numRows` parameter). */
  recordCount?: number;
  columns: ColumnProfile[];
  /** Columns of the schema Glue has no statistics for. */
  unanalysedColumns: string[];
  /** ISO 8601; absent when never read. */
  checkedAt?: string;
};

/** The outcome of one Glue Data Quality rule. */
export type DataQualityRuleOutcome = {
  name: string;
  /** The DQDL rule, e.g. `Completeness "email" > 0.95`. */
  rule?: string;
  result: 'PASS' | 'FAIL' | 'ERROR';
  /** Glue's evaluation message, e.g. why a rule failed. */
  message?: string;
  metrics?: Record<string, number>;
};

/** One Glue Data Quality result (a ruleset evaluated once). */
export type DataQualityRun = {
  resultId: string;
  ruleset?: string;
  /** Share of the rules that passed, 0..1. */
  score: number;
  /** ISO 8601. */
  startedAt: string;
  completedAt?: string;
  rules: DataQualityRuleOutcome[];
};

/** A point of a dataset's quality trend. */
export type DataQualityTrendPoint = {
  resultId: string;
  ruleset?: string;
  score: number;
  startedAt: string;
  failedRules: number;
  totalRules: number;
};

/** A Dataset's latest data quality and its trend, oldest first. */
export type DataQualityReport = {
  entityRef: string;
  state: DataReadState;
  reason?: string;
  /** The most recent run. */
  latest?: DataQualityRun;
  trend: DataQualityTrendPoint[];
  checkedAt?: string;
};
