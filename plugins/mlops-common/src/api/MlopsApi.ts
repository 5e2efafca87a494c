import type { AuditPage, AuditQuery, AuditVerification } from './audit';
import type {
  CreateReviewRequest,
  DecisionRequest,
  EffectivePolicy,
  Review,
  ReviewQuery,
  WaiverRequest,
} from './governance';
import type {
  AttentionItem,
  DeploymentHealthReport,
  EvaluationTrend,
  RetrainingRun,
  RetrainRequest,
  VersionReports,
} from './health';
import type { TrainingRuns } from './experiments';
import type { LineageDirection, LineageGraph } from './lineage';
import type {
  AccessDecisionRequest,
  AccessRequest,
  AccessRequestQuery,
  CreateAccessRequest,
  DataProfile,
  DataQualityReport,
} from './data';

/** The REST API of the mlops backend plugin, as the frontend uses it. */
export interface MlopsApi {
  getPolicy(entityRef: string): Promise<EffectivePolicy>;
  listReviews(query?: ReviewQuery): Promise<Review[]>;
  getReview(id: string): Promise<Review>;
  createReview(request: CreateReviewRequest): Promise<Review>;
  decide(reviewId: string, request: DecisionRequest): Promise<Review>;
  waive(reviewId: string, request: WaiverRequest): Promise<Review>;
  retryWriteBack(reviewId: string): Promise<Review>;

  listAuditEvents(
    query: AuditQuery & { cursor?: string; limit?: number },
  ): Promise<AuditPage>;
  /** URL that downloads the matching events, for a link or a fetch. */
  auditExportUrl(
    query: AuditQuery & { format: 'csv' | 'jsonl' },
  ): Promise<string>;
  /**
   * Verifies the whole audit chain now; with `cached`, returns the latest
   * result of the periodic verification instead (cheap enough for a badge).
   */
  verifyAudit(options?: { cached?: boolean }): Promise<AuditVerification>;

  getLineage(query: {
    entityRef: string;
    depth?: number;
    direction?: LineageDirection;
  }): Promise<LineageGraph>;

  getDeploymentHealth(entityRef: string): Promise<DeploymentHealthReport>;
  /** Health of every deployment serving a version of the Model. */
  getModelHealth(entityRef: string): Promise<DeploymentHealthReport[]>;
  getVersionReports(entityRef: string): Promise<VersionReports>;
  getEvaluationTrend(entityRef: string): Promise<EvaluationTrend>;
  listNeedsAttention(): Promise<AttentionItem[]>;
  listRetrainingRuns(modelRef: string): Promise<RetrainingRun[]>;
  retrain(request: RetrainRequest): Promise<RetrainingRun>;

  /** The training runs of a Model, newest first. */
  listTrainingRuns(modelRef: string): Promise<TrainingRuns>;

  listAccessRequests(query: AccessRequestQuery): Promise<AccessRequest[]>;
  createAccessRequest(request: CreateAccessRequest): Promise<AccessRequest>;
  decideAccessRequest(
    id: string,
    decision: AccessDecisionRequest,
  ): Promise<AccessRequest>;

  /** A Dataset's column statistics from Glue. */
  getDataProfile(entityRef: string): Promise<DataProfile>;
  /** A Dataset's latest Glue Data Quality result and score trend. */
  getDataQuality(entityRef: string): Promise<DataQualityReport>;
}
