import type { RunFunction } from 'p-queue/dist/queue';

/** How a call is queued: under its AWS operation, e.g. `SageMaker.DescribeModelPackage`. */
export interface OperationQueueOptions {
  readonly [key: string]: unknown;
  operation?: string;
}

/**
 * The queue of a provider's `p-queue`: calls wait per AWS operation, and a
 * free slot takes the oldest call of the next operation in turn. AWS
 * throttles each operation on its own, so a sync keeps every operation going
 * at its own pace instead of running the thousands of calls queued first
 * (the describes of a large group) before those that follow from them (their
 * training jobs, their reports) or come from elsewhere (other groups' lists).
 */
export class OperationFairQueue {
  private readonly waiting = new Map<string, RunFunction[]>();
  private turn: string[] = [];

  get size(): number {
    let size = 0;
    for (const runs of this.waiting.values()) {
      size += runs.length;
    }
    return size;
  }

  enqueue(run: RunFunction, options?: Partial<OperationQueueOptions>): void {
    const operation = options?.operation ?? '';
    const runs = this.waiting.get(operation);
    if (runs) {
      runs.push(run);
    } else {
      this.waiting.set(operation, [run]);
      this.turn.push(operation);
    }
  }

  dequeue(): RunFunction | undefined {
    const operation = this.turn.shift();
    if (operation === undefined) {
      return undefined;
    }
    const runs = this.waiting.get(operation)!;
    const run = runs.shift();
    if (runs.length) {
      this.turn.push(operation);
    } else {
      this.waiting.delete(operation);
    }
    return run;
  }

  filter(options: Partial<OperationQueueOptions>): RunFunction[] {
    return options.operation === undefined
      ? [...this.waiting.values()].flat()
      : [...(this.waiting.get(options.operation) ?? [])];
  }
}
