import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import {
  AwsClientFactory,
  AwsSyncStore,
  createAwsSyncStatusHandler,
} from '@ml-foundation/plugin-mlops-node';
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
      async init({ catalog, config, logger, scheduler, database, httpRouter }) {
        const store = await AwsSyncStore.create({ database });
        const clients = AwsClientFactory.fromConfig(config);
        const providers = readAwsGlueConfigs(config).map(
          providerConfig =>
            new AwsGlueEntityProvider({
              config: providerConfig,
              clients,
              store,
              logger,
              taskRunner: scheduler.createScheduledTaskRunner(
                providerConfig.schedule,
              ),
            }),
        );
        catalog.addEntityProvider(providers);
        httpRouter.use(
          createAwsSyncStatusHandler({
            store,
            path: '/aws-glue/status',
            providerIds: providers.map(p => p.getProviderName()),
          }),
        );
      },
    });
  },
});
