import { ActionContext } from '@backstage/plugin-scaffolder-node';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { JsonObject, JsonValue } from '@backstage/types';

/**
 * Mock action contexts that share checkpoint state, as the scaffolder does
 * when it retries a task: a checkpoint that succeeded once returns its stored
 * result instead of running again.
 */
export function createRetryingContext() {
  const checkpoints = new Map<string, JsonValue | void>();
  const runs = new Map<string, number>();
  return {
    /** How often each checkpoint's function ran. */
    runs,
    context<I extends JsonObject>(
      overrides: Partial<ActionContext<I, any>>,
    ): ActionContext<I, any> {
      // createMockActionContext ignores a checkpoint override.
      return {
        ...createMockActionContext<I>(overrides),
        async checkpoint<T extends JsonValue | void>(opts: {
          key: string;
          fn: () => Promise<T> | T;
        }): Promise<T> {
          if (checkpoints.has(opts.key)) {
            return checkpoints.get(opts.key) as T;
          }
          const value = await opts.fn();
          runs.set(opts.key, (runs.get(opts.key) ?? 0) + 1);
          checkpoints.set(opts.key, value);
          return value;
        },
      };
    },
  };
}
