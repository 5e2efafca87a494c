/** The apiVersion of every ML Foundation entity kind. */
export const ML_API_VERSION = 'ml-foundation.dev/v1alpha1';

/** The kinds that ML Foundation adds to the catalog. */
export const ML_KINDS = [
  'Dataset',
  'FeatureGroup',
  'Model',
  'ModelVersion',
  'ModelDeployment',
] as const;

/** One of {@link ML_KINDS}. */
export type MlKind = (typeof ML_KINDS)[number];

/** `spec.type` of a Component that moves data between datasets. */
export const DATA_PIPELINE_COMPONENT_TYPE = 'data-pipeline';

// Named ML_* so that they cannot be mistaken for the constants of
// @backstage/plugin-catalog-backend-module-aws, which use other values.

/** ARN of the AWS resource an entity was read from. */
export const ML_ANNOTATION_AWS_ARN = 'aws.amazon.com/arn';
/** AWS account that holds the resource. */
export const ML_ANNOTATION_AWS_ACCOUNT_ID = 'aws.amazon.com/account-id';
/** AWS region that holds the resource. */
export const ML_ANNOTATION_AWS_REGION = 'aws.amazon.com/region';

/**
 * What an AWS provider could not read for this entity, as a JSON array of
 * {@link SyncWarning}: the rest of the entity was read and applied.
 */
export const ML_ANNOTATION_SYNC_WARNINGS = 'ml-foundation.dev/sync-warnings';
/** The AWS entity provider that synced the entity, e.g. `aws-sagemaker:prod-eu`. */
export const ML_ANNOTATION_AWS_PROVIDER = 'ml-foundation.dev/aws-provider';
/** On a Model: the name of the governance policy that applies to its versions. */
export const ML_ANNOTATION_GOVERNANCE_POLICY =
  'ml-foundation.dev/governance-policy';
/** On a Model: the SageMaker pipeline (name or ARN) that retrains it. */
export const ML_ANNOTATION_RETRAINING_PIPELINE =
  'ml-foundation.dev/retraining-pipeline';
/**
 * On a Model: the SageMaker experiments (comma-separated names) whose trial
 * components are its training runs, besides those its versions' training
 * jobs ran in (their `ExperimentConfig`).
 */
export const ML_ANNOTATION_SAGEMAKER_EXPERIMENT =
  'ml-foundation.dev/sagemaker-experiment';

/** One optional read that failed during a sync, recorded on the entity. */
export type SyncWarning = {
  /** What could not be read, e.g. `model quality report s3://bucket/key`. */
  read: string;
  /** Why, e.g. `AccessDenied: ...`. */
  reason: string;
};

/**
 * Events topic on which the SageMaker provider announces, after a sync was
 * applied, the model packages whose approval or stage changed since the
 * previous sync. Payload: {@link ModelPackageChangedEvent}.
 */
export const ML_MODEL_PACKAGE_CHANGED_TOPIC =
  'mlops.sagemaker.model-package-changed';

/** Registry state of a model package that governance follows. */
export type ModelPackageRegistryState = {
  approvalStatus: string;
  stage?: string;
  stageStatus?: string;
  approvalDescription?: string;
};

/** Payload of {@link ML_MODEL_PACKAGE_CHANGED_TOPIC}. */
export type ModelPackageChangedEvent = {
  /** The ModelVersion entity, e.g. `modelversion:default/churn-xgb-3-1a2b3c`. */
  entityRef: string;
  /** The model package ARN. */
  arn: string;
  /** The provider that saw the change. */
  providerId: string;
  before: ModelPackageRegistryState;
  after: ModelPackageRegistryState;
  /** ISO time of the sync that saw the change. */
  observedAt: string;
};

/**
 * On a ModelDeployment: the content type its endpoint expects, used in the
 * API entity that describes how to invoke it. Default `text/csv`.
 */
export const ML_ANNOTATION_INFERENCE_CONTENT_TYPE =
  'ml-foundation.dev/inference-content-type';
/** On a ModelDeployment: an example request body for its endpoint, verbatim. */
export const ML_ANNOTATION_INFERENCE_SAMPLE =
  'ml-foundation.dev/inference-sample';
/**
 * On a ModelDeployment: the model's input signature, a JSON array of
 * `{ name, type, example? }` (type: number, integer, string, boolean), from
 * which the API entity builds an example payload when no sample is set.
 */
export const ML_ANNOTATION_INFERENCE_SIGNATURE =
  'ml-foundation.dev/inference-signature';
/**
 * On a Dataset or FeatureGroup: the Group (entity ref) that decides access
 * requests instead of the owner.
 */
export const ML_ANNOTATION_ACCESS_APPROVERS =
  'ml-foundation.dev/access-approvers';
