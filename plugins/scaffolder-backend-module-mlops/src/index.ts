/**
 * Scaffolder actions for ML Foundation: read model versions, require
 * governance, ensure SageMaker registry groups, validate generated catalog
 * files, record audit events, and publish locally in the demo.
 *
 * @packageDocumentation
 */

export { scaffolderModuleMlops as default } from './module';
