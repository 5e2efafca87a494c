import { GlueClient } from '@aws-sdk/client-glue';
import { S3Client } from '@aws-sdk/client-s3';
import {
  LoggerService,
  SchedulerServiceTaskRunner,
} from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import {
  AwsClientFactory,
  AwsSyncOutcome,
  AwsSyncStore,
  runAwsEntitySync,
} from '@ml-foundation/plugin-mlops-node';
import { AwsGlueProviderConfig } from '../config/readAwsGlueConfigs';
import { buildGlueEntities } from '../mapping/buildGlueEntities';
import { GlueReader } from '../reader/GlueReader';

export interface AwsGlueEntityProviderOptions {
  config: AwsGlueProviderConfig;
  clients: AwsClientFactory;
  store: AwsSyncStore;
  logger: LoggerService;
  taskRunner: SchedulerServiceTaskRunner;
}

/**
 * Brings the Glue tables, views and jobs of one AWS account and region into
 * the catalog, on the provider's schedule. Reading is {@link GlueReader}'s
 * job, mapping {@link buildGlueEntities}'; this class runs syncs, each one
 * applied only once the whole scope was read, and recorded in the sync status.
 */
export class AwsGlueEntityProvider implements EntityProvider {
  private connection?: EntityProviderConnection;

  constructor(private readonly options: AwsGlueEntityProviderOptions) {}

  getProviderName(): string {
    return `aws-glue:${this.options.config.id}`;
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
        const reader = new GlueReader({
          glue: await clients.create(GlueClient, config, recorder),
          s3: await clients.create(S3Client, config, recorder),
          accountId: await clients.accountIdOf(config),
          region: config.region,
          databases: config.databases,
          cache: store.describeCache(providerId),
        });
        return buildGlueEntities(await reader.read(), config);
      },
    });
  }
}
