/**
 * Catalog module that registers the ML Foundation entity kinds (Dataset,
 * FeatureGroup, Model, ModelVersion, ModelDeployment) and their relations.
 *
 * @packageDocumentation
 */

export { catalogModuleMlops as default } from './module';
export { MlEntitiesProcessor } from './processor/MlEntitiesProcessor';
export {
  ModelEndpointApiProcessor,
  buildEndpointOpenApi,
} from './processor/ModelEndpointApiProcessor';
