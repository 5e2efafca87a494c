import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';

/** How training runs are read; keys under `mlops.experiments`. */
export type ExperimentsConfig = {
  /** The newest trial components read of each experiment. */
  maxRuns: number;
};

/** Reads `mlops.experiments`; default: 100 runs an experiment. */
export function readExperimentsConfig(config: Config): ExperimentsConfig {
  const maxRuns = config.getOptionalNumber('mlops.experiments.maxRuns') ?? 100;
  if (!Number.isInteger(maxRuns) || maxRuns < 1 || maxRuns > 1000) {
    throw new InputError(
      `mlops.experiments.maxRuns must be an integer from 1 to 1000, got ${maxRuns}`,
    );
  }
  return { maxRuns };
}
