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

/** ARN of the AWS resource an entity was read from. */
export const ANNOTATION_AWS_ARN = 'aws.amazon.com/arn';
/** AWS account that holds the resource. */
export const ANNOTATION_AWS_ACCOUNT_ID = 'aws.amazon.com/account-id';
/** AWS region that holds the resource. */
export const ANNOTATION_AWS_REGION = 'aws.amazon.com/region';
