/**
 * Entity kinds, JSON schemas, relations and annotations of ML Foundation,
 * shared by its frontend and backend packages.
 *
 * @packageDocumentation
 */

export * from './constants';
export * from './relations';
export * from './kinds/DatasetEntity';
export * from './kinds/FeatureGroupEntity';
export * from './kinds/ModelEntity';
export * from './kinds/ModelVersionEntity';
export * from './kinds/ModelDeploymentEntity';
export * from './kinds/mlEntityReferences';
export * from './kinds/validateMlEntity';
export * from './permissions';
export * from './api/audit';
export * from './api/governance';
export * from './api/lineage';
export * from './api/health';
export * from './api/MlopsApi';
export * from './api/MlopsClient';
export * from './api/data';
export * from './api/experiments';
