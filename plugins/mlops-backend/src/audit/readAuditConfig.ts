import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  type SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';

/** The audit trail's settings, under `mlops.audit`. */
export type AuditConfig = {
  /** When the whole chain is verified and the result recorded. */
  verificationSchedule: SchedulerServiceTaskScheduleDefinition;
};

const DEFAULT_VERIFICATION_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { hours: 1 },
  timeout: { minutes: 30 },
  initialDelay: { minutes: 1 },
};

/** Reads `mlops.audit`; every key is optional. */
export function readAuditConfig(config?: Config): AuditConfig {
  const schedule = config?.getOptionalConfig(
    'mlops.audit.verificationSchedule',
  );
  return {
    verificationSchedule: schedule
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(schedule)
      : DEFAULT_VERIFICATION_SCHEDULE,
  };
}
