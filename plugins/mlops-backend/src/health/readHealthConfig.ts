import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  type SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';

/** Model health's settings, under `mlops.health`. */
export type HealthConfig = {
  /** When every deployment's monitoring is read and retraining runs followed. */
  schedule: SchedulerServiceTaskScheduleDefinition;
  /** Days of check history kept per deployment. */
  historyDays: number;
};

const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 15 },
  timeout: { minutes: 10 },
  initialDelay: { seconds: 30 },
};

/** Reads `mlops.health`; every key is optional. */
export function readHealthConfig(config?: Config): HealthConfig {
  const schedule = config?.getOptionalConfig('mlops.health.schedule');
  const historyDays =
    config?.getOptionalNumber('mlops.health.historyDays') ?? 90;
  if (!Number.isInteger(historyDays) || historyDays < 1) {
    throw new InputError(
      `Invalid config at mlops.health.historyDays: expected a whole number of days of at least 1, got ${historyDays}`,
    );
  }
  return {
    schedule: schedule
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(schedule)
      : DEFAULT_SCHEDULE,
    historyDays,
  };
}
