/**
 * Backend library shared by the ML Foundation backend packages.
 *
 * @packageDocumentation
 */

export * from './aws/parseArn';
export * from './aws/s3Uri';
export * from './aws/awsArn';
export * from './aws/awsPartition';
export * from './aws/awsConsoleUrl';
export * from './aws/awsEntityName';
export * from './aws/awsEntityAnnotations';
export * from './aws/glueTableEntityRef';
export * from './aws/resolveOwner';
export * from './aws/S3LocationIndex';
export * from './aws/isAwsNotFoundError';
export * from './aws/collectPages';
export * from './aws/AwsCallRecorder';
export * from './aws/AwsClientFactory';
export * from './aws/AwsTagIndex';
export * from './aws/readAwsProviderConfigs';
export * from './sync/AwsSyncStore';
export * from './sync/applyFullMutationSafely';
export * from './sync/optionalRead';
export * from './sync/withSyncWarnings';
export * from './sync/createAwsSyncStatusHandler';
export * from './sync/runAwsEntitySync';
export * from './sync/AwsEntityProvider';
export * from './sync/addAwsEntityProviders';
export * from './governance/MlopsCheckpointType';
export * from './governance/mlopsCheckpointTypesExtensionPoint';
export * from './access/MlopsAccessFulfiller';
export * from './access/mlopsAccessFulfilmentExtensionPoint';
export * from './aws/AwsEntityClients';
export * from './aws/readS3Text';
export * from './aws/awsErrorMessage';
