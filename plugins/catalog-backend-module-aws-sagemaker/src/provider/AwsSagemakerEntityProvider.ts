import type {
  LoggerService,
  SchedulerServiceTaskRunner,
} from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import type {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import {
  AwsClientFactory,
  AwsProviderConfig,
  AwsSyncOutcome,
  AwsSyncStore,
  runAwsEntitySync,
} from '@ml-foundation/plugin-mlops-node';
import { buildSagemakerEntities } from '../mapping/buildSagemakerEntities';
import { createSagemakerReader } from '../reader/createSagemakerReader';

export interface AwsSagemakerEntityProviderOptions {
  config: AwsProviderConfig;
  clients: AwsClientFactory;
  store: AwsSyncStore;
  logger: LoggerService;
  taskRunner: SchedulerServiceTaskRunner;
}

/**
 * Brings the ML estate of one AWS account and region from SageMaker into the
 * catalog, on the provider's schedule. Reading is {@link SagemakerReader}'s
 * job, mapping {@link buildSagemakerEntities}'; each sync is applied only
 * once the whole scope was read, and recorded in the sync status.
 */
export class AwsSagemakerEntityProvider implements EntityProvider {
  private connection?: EntityProviderConnection;

  constructor(private readonly options: AwsSagemakerEntityProviderOptions) {}

  getProviderName(): string {
    return `aws-sagemaker:${this.options.config.id}`;
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
    await this.options.taskRunner.run({
      id: `${this.getProviderName()}:refresh`,
      fn: async () => {
        await this.refresh();
      },
    });
  }

  /**
   * Runs one sync. Failures are logged and recorded, not thrown, so the
   * schedule keeps running.
   */
  async refresh(): Promise<AwsSyncOutcome> {
    if (!this.connection) {
      throw new ConflictError(
        `${this.getProviderName()} is not connected to the catalog yet`,
      );
    }
    const { config, clients, store } = this.options;
    const providerId = this.getProviderName();
    return runAwsEntitySync({
      providerId,
      connection: this.connection,
      store,
      logger: this.options.logger.child({ provider: providerId }),
      maxRemovalShare: config.maxRemovalShare,
      read: async recorder => {
        const reader = await createSagemakerReader({
          clients,
          config,
          cache: store.describeCache(providerId),
          recorder,
        });
        return buildSagemakerEntities(await reader.read(), {
          ownerTagKey: config.ownerTagKey,
          defaultOwner: config.defaultOwner,
        });
      },
    });
  }
}
