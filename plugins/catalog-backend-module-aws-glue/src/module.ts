import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { addAwsEntityProviders } from '@ml-foundation/plugin-mlops-node';
import { readAwsGlueConfigs } from './config/readAwsGlueConfigs';
import { AwsGlueEntityProvider } from './provider/AwsGlueEntityProvider';

/**
 * Adds an {@link AwsGlueEntityProvider} per `catalog.providers.awsGlue` entry,
 * and serves their sync status at `GET /api/catalog/aws-glue/status`.
 */
export const catalogModuleAwsGlue = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'aws-glue',
  register(reg) {
    reg.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        database: coreServices.database,
        httpRouter: coreServices.httpRouter,
      },
      async init(deps) {
        await addAwsEntityProviders({
          ...deps,
          configs: readAwsGlueConfigs(deps.config),
          create: options => new AwsGlueEntityProvider(options),
          statusPath: '/aws-glue/status',
        });
      },
    });
  },
});
