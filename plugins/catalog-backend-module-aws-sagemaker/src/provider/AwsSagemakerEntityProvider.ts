import type {
  LoggerService,
  SchedulerServiceTaskRunner,
} from '@backstage/backend-plugin-api';
import type {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import { stringifyError } from '@backstage/errors';
import {
  applyFullMutationSafely,
  AwsCallRecorder,
  AwsClientFactory,
  AwsProviderConfig,
  AwsSyncStore,
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

/** Failed calls by operation, as lines a user can read. */
function describeCallErrors(recorder: AwsCallRecorder): string[] {
  return Object.entries(recorder.errors()).map(
    ([operation, count]) => `${operation}: ${count} failed call(s)`,
  );
}

/**
 * Brings the ML estate of one AWS account and region from SageMaker into the
 * catalog. Reading is {@link SagemakerReader}'s job; this class schedules
 * syncs, applies a complete read as a full mutation, and records how each
 * sync went. A failed read removes nothing.
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

  /** One sync. Errors are logged and recorded, never thrown, so the schedule keeps running. */
  async refresh(): Promise<void> {
    if (!this.connection) {
      throw new Error(
        `${this.getProviderName()} is not connected to the catalog yet`,
      );
    }
    const { config, store } = this.options;
    const logger = this.options.logger.child({
      provider: this.getProviderName(),
    });
    const recorder = new AwsCallRecorder();
    const startedAt = new Date();
    try {
      const reader = await createSagemakerReader({
        clients: this.options.clients,
        config,
        cache: store.describeCache(this.getProviderName()),
        recorder,
      });
      const snapshot = await reader.read();
      const entities = buildSagemakerEntities(snapshot, {
        ownerTagKey: config.ownerTagKey,
        defaultOwner: config.defaultOwner,
      });
      const outcome = await applyFullMutationSafely({
        connection: this.connection,
        entities,
        previousCount:
          (
            await store.getStatus(this.getProviderName())
          )?.lastAppliedEntityCount ?? 0,
        maxRemovalShare: config.maxRemovalShare,
        logger,
      });
      await store.recordStatus({
        providerId: this.getProviderName(),
        startedAt,
        finishedAt: new Date(),
        outcome,
        entities,
        calls: recorder.counts(),
        errors: describeCallErrors(recorder),
      });
      logger.info(
        `Sync ${outcome}: ${
          entities.length
        } entities, ${recorder.total()} AWS calls`,
      );
    } catch (error) {
      logger.error(
        `Sync failed, nothing was changed in the catalog: ${stringifyError(
          error,
        )}`,
      );
      await store.recordStatus({
        providerId: this.getProviderName(),
        startedAt,
        finishedAt: new Date(),
        outcome: 'failed',
        calls: recorder.counts(),
        errors: [...describeCallErrors(recorder), stringifyError(error)],
      });
    }
  }
}
