/**
 * An error as a user reads it: AWS's error name with its message (e.g.
 * `NoSuchKey: The specified key does not exist.`), or just the message of a
 * plain Error.
 */
export function awsErrorMessage(error: unknown): string {
  const e = error as { name?: string; message?: string } | undefined;
  return e?.name && e.name !== 'Error'
    ? `${e.name}: ${e.message}`
    : String(e?.message ?? error);
}
