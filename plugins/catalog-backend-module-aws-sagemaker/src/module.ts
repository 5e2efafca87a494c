import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import {
  addAwsEntityProviders,
  readAwsProviderConfigs,
} from '@ml-foundation/plugin-mlops-node';
import { AwsSagemakerEntityProvider } from './provider/AwsSagemakerEntityProvider';

/**
 * Adds an {@link AwsSagemakerEntityProvider} per `catalog.providers.awsSagemaker`
 * entry, and serves their sync status at `GET /api/catalog/aws-sagemaker/status`.
 * Model package approval and stage changes are published through the events
 * service on `ML_MODEL_PACKAGE_CHANGED_TOPIC`.
 */
export const catalogModuleAwsSagemaker = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'aws-sagemaker',
  register(reg) {
    reg.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        database: coreServices.database,
        httpRouter: coreServices.httpRouter,
        events: eventsServiceRef,
      },
      async init({ events, ...deps }) {
        await addAwsEntityProviders({
          ...deps,
          configs: readAwsProviderConfigs(deps.config, 'awsSagemaker'),
          create: options =>
            new AwsSagemakerEntityProvider({ ...options, events }),
          statusPath: '/aws-sagemaker/status',
        });
      },
    });
  },
});
