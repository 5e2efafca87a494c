/** Health of a deployment (or of a version's reports). */
export type HealthState = 'healthy' | 'drifting' | 'failing' | 'unknown';

/** SageMaker Model Monitor's four monitoring types. */
export type MonitoringType =
  | 'DataQuality'
  | 'ModelQuality'
  | 'ModelBias'
  | 'ModelExplainability';

/** One violation of a Model Monitor `constraint_violations.json`. */
export type ConstraintViolation = {
  featureName: string;
  /** e.g. `data_type_check`, `baseline_drift_check`. */
  constraintCheckType: string;
  description: string;
};

/** The latest execution of one monitoring schedule. */
export type MonitoringExecutionHealth = {
  scheduleName: string;
  monitoringType: string;
  /** SageMaker's MonitoringExecutionStatus, e.g. `CompletedWithViolations`. */
  status: string;
  /** ISO 8601. */
  scheduledTime?: string;
  failureReason?: string;
  violations: ConstraintViolation[];
  /** Why the violation report could not be read, when it could not. */
  reportError?: string;
};

/** A deployment's health as last computed. */
export type DeploymentHealth = {
  entityRef: string;
  state: HealthState;
  /** Why the state is what it is (always set for `unknown`). */
  reason?: string;
  /** ISO 8601. */
  checkedAt: string;
  executions: MonitoringExecutionHealth[];
  /** The Model of the versions it serves, where the catalog has it. */
  modelRef?: string;
  /** Where the Model names a retraining pipeline. */
  retrainingPipeline?: string;
};

/** One earlier health state of a deployment. */
export type HealthHistoryEntry = {
  state: HealthState;
  reason?: string;
  violationCount: number;
  /** ISO 8601. */
  checkedAt: string;
};

/** A deployment's health now and before. */
export type DeploymentHealthReport = DeploymentHealth & {
  history: HealthHistoryEntry[];
};

/** Global SHAP importance of one feature (Clarify `explanations.kernel_shap`). */
export type FeatureImportance = { feature: string; importance: number };

/** One Clarify bias metric of one facet value. */
export type BiasMetric = {
  /** e.g. `CI`, `DPL`, `DI`, `DPPL`. */
  name: string;
  description?: string;
  stage: 'pre_training' | 'post_training';
  /** Label value or threshold the metric was computed for. */
  label?: string;
  facet: string;
  facetValue: string;
  value: number | null;
  /** Bounds from the policy's bias-threshold checkpoint, where one names the metric. */
  min?: number;
  max?: number;
  /** Undefined where no bounds apply. */
  passed?: boolean;
};

/** A ModelVersion's Clarify reports, read from S3. */
export type VersionReports = {
  entityRef: string;
  explainability: {
    state: 'present' | 'absent' | 'unknown';
    reason?: string;
    uri?: string;
    importances: FeatureImportance[];
  };
  bias: {
    state: 'present' | 'absent' | 'unknown';
    reason?: string;
    uri?: string;
    metrics: BiasMetric[];
  };
};

/** One point of a model's evaluation trend. */
export type EvaluationTrendPoint = {
  versionRef: string;
  version: number;
  /** ISO 8601. */
  createdAt?: string;
  metrics: Record<string, number>;
};

/** Metrics of every version of a model, with the policy's thresholds. */
export type EvaluationTrend = {
  modelRef: string;
  points: EvaluationTrendPoint[];
  /** From the policy's metric-threshold checkpoints, by metric name. */
  thresholds: Array<{ metric: string; min?: number; max?: number }>;
};

/** A retraining run started from the portal. */
export type RetrainingRun = {
  id: string;
  modelRef: string;
  /** The deployment it was started from, when it was. */
  deploymentRef?: string;
  pipeline: string;
  executionArn: string;
  /** SageMaker's PipelineExecutionStatus, e.g. `Executing`, `Succeeded`. */
  status: string;
  startedBy: string;
  reason: string;
  /** ISO 8601. */
  startedAt: string;
  failureReason?: string;
};

/** Request to start a model's retraining pipeline. */
export type RetrainRequest = {
  entityRef: string;
  reason: string;
};

/** What needs a person's attention across the estate. */
export type AttentionItem = {
  entityRef: string;
  kind: 'drifting-deployment' | 'failing-deployment' | 'unknown-health';
  message: string;
  /** ISO 8601. */
  since: string;
};
