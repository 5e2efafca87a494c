import { LoggerService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { stringifyError } from '@backstage/errors';
import type {
  DeferredEntity,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import {
  ML_ANNOTATION_AWS_PROVIDER,
  ML_ANNOTATION_SYNC_WARNINGS,
  SyncWarning,
} from '@ml-foundation/plugin-mlops-common';
import { AwsCallRecorder } from '../aws/AwsCallRecorder';
import { applyFullMutationSafely } from './applyFullMutationSafely';
import { AwsSyncOutcome, AwsSyncStore, AwsSyncWarning } from './AwsSyncStore';

type Entity = DeferredEntity['entity'];

/** The warnings a provider put on its entities (`ML_ANNOTATION_SYNC_WARNINGS`). */
function warningsOf(entities: Entity[]): AwsSyncWarning[] {
  return entities.flatMap(entity => {
    const annotation =
      entity.metadata.annotations?.[ML_ANNOTATION_SYNC_WARNINGS];
    if (!annotation) {
      return [];
    }
    const entityRef = stringifyEntityRef(entity);
    return (JSON.parse(annotation) as SyncWarning[]).map(w => ({
      entityRef,
      ...w,
    }));
  });
}

/** The entity, annotated with the provider that synced it. */
function withProvider(entity: Entity, providerId: string): Entity {
  return {
    ...entity,
    metadata: {
      ...entity.metadata,
      annotations: {
        ...entity.metadata.annotations,
        [ML_ANNOTATION_AWS_PROVIDER]: providerId,
      },
    },
  };
}

/**
 * Runs one sync of an AWS entity provider: reads the provider's whole scope,
 * applies it with {@link applyFullMutationSafely}, and records the outcome,
 * the AWS calls made, any error and the entities' warnings in the sync
 * status.
 *
 * If the read fails (access denied to a list, a call that still fails after
 * retries) or the sync is aborted (its scheduled timeout, a shutdown),
 * nothing reaches the catalog, so nothing it holds is removed; the error is
 * logged and recorded, never thrown, so the provider's schedule keeps running.
 * Optional reads that failed are on the entities as warnings: those syncs apply.
 */
export async function runAwsEntitySync(options: {
  /** The entity provider's name. */
  providerId: string;
  connection: EntityProviderConnection;
  store: AwsSyncStore;
  logger: LoggerService;
  maxRemovalShare: number;
  /**
   * Reads the whole scope, making its AWS calls through clients given the
   * recorder and the signal, which is aborted when the sync must stop: on
   * `signal`, or once the read failed, so that its other calls stop too.
   */
  read: (recorder: AwsCallRecorder, signal: AbortSignal) => Promise<Entity[]>;
  /** Stops the sync: no more calls, nothing applied. */
  signal?: AbortSignal;
  /** Runs once the entities reached the catalog. */
  afterApply?: (entities: Entity[]) => Promise<void>;
}): Promise<AwsSyncOutcome> {
  const { providerId, connection, store, logger, signal } = options;
  const recorder = new AwsCallRecorder();
  const startedAt = new Date();
  let outcome: AwsSyncOutcome = 'failed';
  let entities: Entity[] | undefined;
  const errors: string[] = [];
  const failed = new AbortController();
  const readSignal = signal
    ? AbortSignal.any([signal, failed.signal])
    : failed.signal;
  try {
    signal?.throwIfAborted();
    entities = (
      await options.read(recorder, readSignal).catch(error => {
        failed.abort(error);
        throw error;
      })
    ).map(e => withProvider(e, providerId));
    signal?.throwIfAborted();
    outcome = await applyFullMutationSafely({
      connection,
      entities,
      previousEntityRefs:
        (await store.getLastAppliedEntityRefs(providerId)) ?? [],
      maxRemovalShare: options.maxRemovalShare,
      logger,
      locationKey: providerId,
    });
    if (outcome === 'refused') {
      errors.push('Refused: the sync would have removed too many entities');
    }
  } catch (error) {
    const message = signal?.aborted
      ? `Aborted (${stringifyError(signal.reason ?? error)})`
      : stringifyError(error);
    errors.push(message);
    logger.error(
      `Sync failed; the catalog keeps the entities of the last sync: ${message}`,
    );
  }
  const finishedAt = new Date();
  const warnings = entities ? warningsOf(entities) : [];
  try {
    await store.recordStatus({
      providerId,
      startedAt,
      finishedAt,
      outcome,
      entities,
      entityRefs: entities?.map(e => stringifyEntityRef(e)),
      calls: recorder.counts(),
      errors,
      warnings,
    });
  } catch (error) {
    logger.error(`Could not record the sync status: ${stringifyError(error)}`);
  }
  if (outcome === 'applied' && entities && options.afterApply) {
    try {
      await options.afterApply(entities);
    } catch (error) {
      logger.error(
        `Could not finish the applied sync: ${stringifyError(error)}`,
      );
    }
  }
  logger.info(
    `Sync ${outcome} in ${finishedAt.getTime() - startedAt.getTime()} ms: ${
      entities?.length ?? 0
    } entities read, ${recorder.total()} AWS calls, ${
      warnings.length
    } warnings`,
  );
  return outcome;
}
