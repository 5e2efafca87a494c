/**
 * Catalog module that brings an AWS account's SageMaker estate (model
 * registry, training lineage, feature store, endpoints, batch transforms)
 * into the catalog.
 *
 * @packageDocumentation
 */

export { catalogModuleAwsSagemaker as default } from './module';
export { AwsSagemakerEntityProvider } from './provider/AwsSagemakerEntityProvider';
export { SagemakerReader } from './reader/SagemakerReader';
export { buildSagemakerEntities } from './mapping/buildSagemakerEntities';
