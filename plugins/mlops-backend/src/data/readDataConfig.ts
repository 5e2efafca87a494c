import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  type SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';

/** Dataset profiles' and data quality's settings, under `mlops.data`. */
export type DataConfig = {
  /** When every Glue table Dataset's statistics and quality are read. */
  schedule: SchedulerServiceTaskScheduleDefinition;
  /** Quality results kept per Dataset, the latest ones. */
  qualityHistory: number;
};

const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { hours: 1 },
  timeout: { minutes: 15 },
  initialDelay: { seconds: 45 },
};

/** Reads `mlops.data`; every key is optional. */
export function readDataConfig(config?: Config): DataConfig {
  const schedule = config?.getOptionalConfig('mlops.data.schedule');
  const qualityHistory =
    config?.getOptionalNumber('mlops.data.qualityHistory') ?? 30;
  if (!Number.isInteger(qualityHistory) || qualityHistory < 1) {
    throw new Error(
      `Invalid config at mlops.data.qualityHistory: expected a whole number >= 1, got ${qualityHistory}`,
    );
  }
  return {
    schedule: schedule
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(schedule)
      : DEFAULT_SCHEDULE,
    qualityHistory,
  };
}
