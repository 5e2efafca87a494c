import type { Config } from '@backstage/config';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { ExperimentsService } from './ExperimentsService';
import { readExperimentsConfig } from './readExperimentsConfig';
import { SagemakerExperimentsAws } from './SagemakerExperimentsAws';

/** The experiments service of the plugin: SageMaker through the configured providers. */
export function createExperimentsService(options: {
  config: Config;
  catalog: CatalogService;
}): ExperimentsService {
  return new ExperimentsService({
    catalog: options.catalog,
    aws: SagemakerExperimentsAws.fromConfig(options.config),
    config: readExperimentsConfig(options.config),
  });
}
