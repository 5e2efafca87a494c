const NOT_FOUND_NAMES = new Set([
  'ResourceNotFound',
  'ResourceNotFoundException',
  'EntityNotFoundException',
  'NoSuchKey',
  'NoSuchBucket',
  'NotFound',
]);

const ACCESS_DENIED_NAMES = new Set(['AccessDenied', 'AccessDeniedException']);

/**
 * Whether an AWS error means that a referenced resource is not there, which
 * makes no edge rather than a failed sync: the not-found errors of SageMaker,
 * Glue and S3, SageMaker's `ValidationException` saying the resource does not
 * exist, and access denied on a resource of another account, which this
 * account's credentials are not meant to read.
 *
 * @param options - `crossAccount`: the resource is known to belong to another
 * account than the one being read.
 */
export function isAwsNotFoundError(
  error: unknown,
  options?: { crossAccount?: boolean },
): boolean {
  if (typeof error !== 'object' || error === null) {
    return false;
  }
  const { name, message } = error as { name?: unknown; message?: unknown };
  if (typeof name !== 'string') {
    return false;
  }
  if (NOT_FOUND_NAMES.has(name)) {
    return true;
  }
  if (name === 'ValidationException') {
    return /not found|does not exist|cannot find|could not find/i.test(
      String(message ?? ''),
    );
  }
  return Boolean(options?.crossAccount) && ACCESS_DENIED_NAMES.has(name);
}
