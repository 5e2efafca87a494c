import { stringifyError } from '@backstage/errors';
import type { SyncWarning } from '@ml-foundation/plugin-mlops-common';

/**
 * Runs a read that enriches an entity (a report, a script, a training job)
 * but that the entity can do without: if it fails, the failure is added to
 * `warnings`, for the entity to show, and the result is undefined, so that
 * one unreadable object does not fail the sync. An aborted sync still stops.
 *
 * @param read - what is read, as a user would name it, e.g. `model quality report s3://bucket/key`
 */
export async function optionalRead<T>(
  warnings: SyncWarning[],
  read: string,
  call: () => Promise<T>,
  signal?: AbortSignal,
): Promise<T | undefined> {
  try {
    return await call();
  } catch (error) {
    signal?.throwIfAborted();
    warnings.push({ read, reason: stringifyError(error) });
    return undefined;
  }
}
