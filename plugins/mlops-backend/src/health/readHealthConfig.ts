import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  type SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';

/** Model health's settings, under `mlops.health`. */
export type HealthConfig = {
  /** When every deployment's monitoring is read and retraining runs followed. */
  schedule: SchedulerServiceTaskScheduleDefinition;
};

const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 15 },
  timeout: { minutes: 10 },
  initialDelay: { seconds: 30 },
};

/** Reads `mlops.health`; every key is optional. */
export function readHealthConfig(config?: Config): HealthConfig {
  const schedule = config?.getOptionalConfig('mlops.health.schedule');
  return {
    schedule: schedule
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(schedule)
      : DEFAULT_SCHEDULE,
  };
}
