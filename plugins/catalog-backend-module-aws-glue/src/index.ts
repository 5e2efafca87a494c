/**
 * Catalog entity provider for AWS Glue: tables and views as Datasets, jobs as
 * data-pipeline Components with the lineage their scripts describe.
 *
 * @packageDocumentation
 */

export { catalogModuleAwsGlue as default } from './module';
export { AwsGlueEntityProvider } from './provider/AwsGlueEntityProvider';
export type { AwsGlueEntityProviderOptions } from './provider/AwsGlueEntityProvider';
export { readAwsGlueConfigs } from './config/readAwsGlueConfigs';
export type { AwsGlueProviderConfig } from './config/readAwsGlueConfigs';
