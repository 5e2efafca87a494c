import { LoggerService } from '@backstage/backend-plugin-api';
import { stringifyError } from '@backstage/errors';
import type {
  DeferredEntity,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import { AwsCallRecorder } from '../aws/AwsCallRecorder';
import { applyFullMutationSafely } from './applyFullMutationSafely';
import { AwsSyncOutcome, AwsSyncStore } from './AwsSyncStore';

/**
 * Runs one sync of an AWS entity provider: reads the provider's whole scope,
 * applies it with {@link applyFullMutationSafely}, and records the outcome,
 * the AWS calls made and any error in the sync status.
 *
 * If the read fails (access denied, a call that still fails after retries),
 * nothing reaches the catalog, so nothing it holds is removed; the error is
 * logged and recorded, never thrown, so the provider's schedule keeps running.
 */
export async function runAwsEntitySync(options: {
  /** The entity provider's name. */
  providerId: string;
  connection: EntityProviderConnection;
  store: AwsSyncStore;
  logger: LoggerService;
  maxRemovalShare: number;
  /** Reads the whole scope, making its AWS calls through clients given the recorder. */
  read: (recorder: AwsCallRecorder) => Promise<DeferredEntity['entity'][]>;
}): Promise<AwsSyncOutcome> {
  const { providerId, connection, store, logger } = options;
  const recorder = new AwsCallRecorder();
  const startedAt = new Date();
  let outcome: AwsSyncOutcome = 'failed';
  let entities: DeferredEntity['entity'][] | undefined;
  const errors: string[] = [];
  try {
    entities = await options.read(recorder);
    const previous = await store.getStatus(providerId);
    outcome = await applyFullMutationSafely({
      connection,
      entities,
      previousCount: previous?.lastAppliedEntityCount ?? 0,
      maxRemovalShare: options.maxRemovalShare,
      logger,
      locationKey: providerId,
    });
    if (outcome === 'refused') {
      errors.push('Refused: the sync would have removed too many entities');
    }
  } catch (error) {
    errors.push(stringifyError(error));
    logger.error(
      `Sync failed; the catalog keeps the entities of the last sync: ${stringifyError(
        error,
      )}`,
    );
  }
  const finishedAt = new Date();
  try {
    await store.recordStatus({
      providerId,
      startedAt,
      finishedAt,
      outcome,
      entities,
      calls: recorder.counts(),
      errors,
    });
  } catch (error) {
    logger.error(`Could not record the sync status: ${stringifyError(error)}`);
  }
  logger.info(
    `Sync ${outcome} in ${finishedAt.getTime() - startedAt.getTime()} ms: ${
      entities?.length ?? 0
    } entities read, ${recorder.total()} AWS calls`,
  );
  return outcome;
}
