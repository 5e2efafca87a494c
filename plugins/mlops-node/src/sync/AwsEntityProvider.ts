import type {
  LoggerService,
  SchedulerServiceTaskRunner,
} from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import type {
  DeferredEntity,
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import type { AwsCallRecorder } from '../aws/AwsCallRecorder';
import type { AwsClientFactory } from '../aws/AwsClientFactory';
import type { AwsProviderConfig } from '../aws/readAwsProviderConfigs';
import type {
  AwsDescribeCache,
  AwsSyncOutcome,
  AwsSyncStore,
} from './AwsSyncStore';
import { runAwsEntitySync } from './runAwsEntitySync';

/** What every AWS entity provider is made with. */
export interface AwsEntityProviderOptions<C extends AwsProviderConfig> {
  config: C;
  clients: AwsClientFactory;
  store: AwsSyncStore;
  logger: LoggerService;
  taskRunner: SchedulerServiceTaskRunner;
}

/**
 * An entity provider for one AWS account and region, on its schedule. A
 * subclass says how to read its scope into entities; this class runs each
 * sync with {@link runAwsEntitySync}: applied only once the whole scope was
 * read, and recorded in the sync status.
 */
export abstract class AwsEntityProvider<
  C extends AwsProviderConfig = AwsProviderConfig,
> implements EntityProvider
{
  private connection?: EntityProviderConnection;

  /**
   * @param kind - the provider kind, the first part of its name, e.g. `aws-glue`
   */
  constructor(
    private readonly kind: string,
    protected readonly options: AwsEntityProviderOptions<C>,
  ) {}

  getProviderName(): string {
    return `${this.kind}:${this.options.config.id}`;
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
    const providerId = this.getProviderName();
    return runAwsEntitySync({
      providerId,
      connection: this.connection,
      store: this.options.store,
      logger: this.options.logger.child({ provider: providerId }),
      maxRemovalShare: this.options.config.maxRemovalShare,
      read: recorder =>
        this.read(recorder, this.options.store.describeCache(providerId)),
    });
  }

  /**
   * Reads the provider's whole scope, its AWS clients made with `recorder`,
   * or throws: a partial read must never reach the catalog.
   */
  protected abstract read(
    recorder: AwsCallRecorder,
    cache: AwsDescribeCache,
  ): Promise<DeferredEntity['entity'][]>;
}
