import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import {
  AwsClientFactory,
  AwsSyncStore,
  createAwsSyncStatusHandler,
  readAwsProviderConfigs,
} from '@ml-foundation/plugin-mlops-node';
import { AwsSagemakerEntityProvider } from './provider/AwsSagemakerEntityProvider';

/** Adds a SageMaker entity provider per `catalog.providers.awsSagemaker` entry. */
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
      },
      async init({ catalog, config, logger, scheduler, database, httpRouter }) {
        const configs = readAwsProviderConfigs(config, 'awsSagemaker');
        if (configs.length === 0) {
          return;
        }
        const clients = AwsClientFactory.fromConfig(config);
        const store = await AwsSyncStore.create({ database });
        const providers = configs.map(
          providerConfig =>
            new AwsSagemakerEntityProvider({
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
            path: '/aws-sagemaker/status',
            providerIds: providers.map(p => p.getProviderName()),
          }),
        );
      },
    });
  },
});
