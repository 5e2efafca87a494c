/** Faults the simulator injects, changeable while it runs. */
export interface SimulatorFaults {
  /** Share (0..1) of the calls of each operation answered ThrottlingException. */
  throttleRate?: number;
  /** Calls per second each operation accepts (0: no limit); the excess is answered ThrottlingException. */
  rateLimitPerSecond?: number;
  /** Operations answered AccessDeniedException, e.g. `SageMaker.DescribeModelPackage`. */
  accessDenied?: string[];
  /** Operations answered ThrottlingException on every call, e.g. `SageMaker.UpdateModelPackage`. */
  throttled?: string[];
  /** S3 buckets whose objects are answered AccessDenied (a bucket policy or KMS key the caller lacks). */
  accessDeniedBuckets?: string[];
  /** Added to every AWS call, faults included. */
  latencyMs?: number;
}

/** What the simulator does with a call instead of answering it. */
export type InjectedFault = 'accessDenied' | 'throttled';

const FAULT_KEYS = new Set([
  'throttleRate',
  'rateLimitPerSecond',
  'accessDenied',
  'throttled',
  'accessDeniedBuckets',
  'latencyMs',
]);

/**
 * Decides, call by call, which faults to inject. Throttling by rate is
 * deterministic, spread evenly over each operation's calls, so that a run
 * with `throttleRate: 0.2` has exactly one call in five throttled and tests
 * do not flake; the rate limit is a token bucket per operation holding one
 * second of calls.
 */
export class FaultInjector {
  #faults: SimulatorFaults = {};
  readonly #now: () => number;
  readonly #calls = new Map<string, number>();
  readonly #buckets = new Map<string, { tokens: number; at: number }>();

  constructor(faults: SimulatorFaults = {}, now: () => number = Date.now) {
    this.#now = now;
    this.set(faults);
  }

  get faults(): SimulatorFaults {
    return { ...this.#faults };
  }

  get latencyMs(): number {
    return this.#faults.latencyMs ?? 0;
  }

  /** Replaces all faults (validating them first) and restarts their counting. */
  set(faults: SimulatorFaults): void {
    this.#faults = validateFaults(faults);
    this.#calls.clear();
    this.#buckets.clear();
  }

  /** The fault to answer a call of `operation` (on S3, about `bucket`) with, if any. */
  decide(operation: string, bucket?: string): InjectedFault | undefined {
    const {
      accessDenied,
      accessDeniedBuckets,
      throttled,
      rateLimitPerSecond,
      throttleRate,
    } = this.#faults;
    if (
      accessDenied?.includes(operation) ||
      (bucket !== undefined && accessDeniedBuckets?.includes(bucket))
    ) {
      return 'accessDenied';
    }
    if (throttled?.includes(operation)) {
      return 'throttled';
    }
    if (rateLimitPerSecond && !this.#takeToken(operation, rateLimitPerSecond)) {
      return 'throttled';
    }
    if (throttleRate) {
      const n = (this.#calls.get(operation) ?? 0) + 1;
      this.#calls.set(operation, n);
      // Throttles call n when the running count of throttles owed,
      // floor(n * rate), goes up: exactly `rate` of the calls, evenly spread.
      if (Math.floor(n * throttleRate) > Math.floor((n - 1) * throttleRate)) {
        return 'throttled';
      }
    }
    return undefined;
  }

  #takeToken(operation: string, ratePerSecond: number): boolean {
    const now = this.#now();
    const capacity = Math.max(1, ratePerSecond);
    const bucket = this.#buckets.get(operation) ?? {
      tokens: capacity,
      at: now,
    };
    bucket.tokens = Math.min(
      capacity,
      bucket.tokens + ((now - bucket.at) / 1000) * ratePerSecond,
    );
    bucket.at = now;
    this.#buckets.set(operation, bucket);
    if (bucket.tokens < 1) {
      return false;
    }
    bucket.tokens -= 1;
    return true;
  }
}

function validateFaults(faults: unknown): SimulatorFaults {
  if (faults === null || typeof faults !== 'object' || Array.isArray(faults)) {
    throw new TypeError('Faults must be an object');
  }
  const f = faults as Record<string, unknown>;
  for (const key of Object.keys(f)) {
    if (!FAULT_KEYS.has(key)) {
      throw new TypeError(
        `Unknown fault '${key}'; known: ${[...FAULT_KEYS].join(', ')}`,
      );
    }
  }
  const isNumberIn = (value: unknown, min: number, max = Infinity) =>
    value === undefined ||
    (typeof value === 'number' && value >= min && value <= max);
  if (!isNumberIn(f.throttleRate, 0, 1)) {
    throw new TypeError('throttleRate must be a number from 0 to 1');
  }
  if (!isNumberIn(f.rateLimitPerSecond, 0)) {
    throw new TypeError(
      'rateLimitPerSecond must be a number of calls per second (0: no limit)',
    );
  }
  if (!isNumberIn(f.latencyMs, 0)) {
    throw new TypeError('latencyMs must be a number of milliseconds');
  }
  for (const [key, example] of [
    ['accessDenied', "operations such as 'SageMaker.DescribeModelPackage'"],
    ['throttled', "operations such as 'SageMaker.UpdateModelPackage'"],
    ['accessDeniedBuckets', 'S3 bucket names'],
  ]) {
    const list = f[key];
    if (
      list !== undefined &&
      !(Array.isArray(list) && list.every(o => typeof o === 'string'))
    ) {
      throw new TypeError(`${key} must be a list of ${example}`);
    }
  }
  return { ...(f as SimulatorFaults) };
}
