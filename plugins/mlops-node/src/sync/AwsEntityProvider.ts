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

/** What one sync of a provider reads with. */
export interface AwsSyncContext {
  /** Counts the AWS calls; give it to every client the sync creates. */
  recorder: AwsCallRecorder;
  /** Describe results of the provider's resources from earlier syncs. */
  cache: AwsDescribeCache;
  /** Aborted when the sync must stop (timeout, shutdown, a failed read); give it to every client. */
  signal: AbortSignal;
}

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
      // The scheduler aborts the signal when the task times out or the
      // backend stops: the sync then makes no more calls and applies nothing.
      fn: async (abortSignal: AbortSignal) => {
        await this.refresh(abortSignal);
      },
    });
  }

  /**
   * Runs one sync. Failures are logged and recorded, not thrown, so the
   * schedule keeps running.
   */
  async refresh(signal?: AbortSignal): Promise<AwsSyncOutcome> {
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
      signal,
      read: (recorder, readSignal) =>
        this.read({
          recorder,
          cache: this.options.store.describeCache(providerId, {
            maxAgeMs: this.options.config.describeCacheMaxAgeMs,
          }),
          signal: readSignal,
        }),
      afterApply: entities => this.afterApply(entities),
    });
  }

  /**
   * Reads the provider's whole scope, its AWS clients made with the context's
   * recorder and signal, or throws: a partial read must never reach the
   * catalog. Optional reads that fail go on their entity as warnings.
   */
  protected abstract read(
    context: AwsSyncContext,
  ): Promise<DeferredEntity['entity'][]>;

  /** Runs once a sync's entities reached the catalog, e.g. to announce changes. */
  protected async afterApply(
    _entities: DeferredEntity['entity'][],
  ): Promise<void> {}
}
