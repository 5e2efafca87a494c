import type { InitializeMiddleware } from '@aws-sdk/types';

// Keys follow the services' own names (the X-Amz-Target prefix of the JSON
// protocols: `SageMaker`, `AWSGlue`), as the simulator counts them too; S3
// has no target header and goes by `S3`.
const SERVICE_NAMES: Record<string, string> = { AmazonS3: 'S3' };

/** `Service.Operation` of an SDK call, from its middleware context. */
export function operationOf(context: {
  __smithy_context?: { service?: string; operation?: string };
  clientName?: string;
  commandName?: string;
}): string {
  const smithy = context.__smithy_context;
  const service = smithy?.service ?? context.clientName ?? 'Unknown';
  const operation =
    smithy?.operation ?? context.commandName?.replace(/Command$/, '');
  return `${SERVICE_NAMES[service] ?? service}.${operation}`;
}

function increment(counts: Map<string, number>, key: string) {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

/**
 * Counts the AWS calls of a sync by operation (`AWSGlue.GetTables`,
 * `SageMaker.DescribeModelPackage`, `S3.GetObject`), and the calls that failed
 * for good, after the SDK's retries. Attach it to clients through
 * `AwsClientFactory.create`.
 */
export class AwsCallRecorder {
  private readonly calls = new Map<string, number>();
  private readonly failures = new Map<string, number>();

  /** SDK middleware for the `initialize` step: once per command, not per retry. */
  readonly middleware: InitializeMiddleware<any, any> =
    (next, context) => async args => {
      const key = operationOf(context);
      increment(this.calls, key);
      try {
        return await next(args);
      } catch (error) {
        increment(this.failures, key);
        throw error;
      }
    };

  /** Calls by operation. */
  counts(): Record<string, number> {
    return Object.fromEntries(this.calls);
  }

  /** All calls. */
  total(): number {
    return [...this.calls.values()].reduce((sum, n) => sum + n, 0);
  }

  /** Calls that failed after retries, by operation. */
  errors(): Record<string, number> {
    return Object.fromEntries(this.failures);
  }
}
