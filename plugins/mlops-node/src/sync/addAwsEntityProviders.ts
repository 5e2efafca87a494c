import type {
  DatabaseService,
  HttpRouterService,
  LoggerService,
  RootConfigService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { CatalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { AwsClientFactory } from '../aws/AwsClientFactory';
import type { AwsProviderConfig } from '../aws/readAwsProviderConfigs';
import type {
  AwsEntityProvider,
  AwsEntityProviderOptions,
} from './AwsEntityProvider';
import { AwsSyncStore } from './AwsSyncStore';
import { createAwsSyncStatusHandler } from './createAwsSyncStatusHandler';

/**
 * What a catalog module for an AWS service does at start-up: one provider per
 * configured account and region, on its own schedule, sharing the clients and
 * the sync store, and their sync status served at `statusPath` (an empty
 * list when none is configured).
 */
export async function addAwsEntityProviders<
  C extends AwsProviderConfig,
>(options: {
  configs: C[];
  create: (options: AwsEntityProviderOptions<C>) => AwsEntityProvider<C>;
  /** Below the catalog's routes, e.g. `/aws-glue/status`. */
  statusPath: string;
  catalog: CatalogProcessingExtensionPoint;
  config: RootConfigService;
  logger: LoggerService;
  scheduler: SchedulerService;
  database: DatabaseService;
  httpRouter: HttpRouterService;
}): Promise<void> {
  const { configs, catalog, logger, scheduler } = options;
  const store = await AwsSyncStore.create({ database: options.database });
  const clients = AwsClientFactory.fromConfig(options.config);
  const providers = configs.map(config =>
    options.create({
      config,
      clients,
      store,
      logger,
      taskRunner: scheduler.createScheduledTaskRunner(config.schedule),
    }),
  );
  catalog.addEntityProvider(providers);
  options.httpRouter.use(
    createAwsSyncStatusHandler({
      store,
      path: options.statusPath,
      providerIds: providers.map(p => p.getProviderName()),
    }),
  );
}
