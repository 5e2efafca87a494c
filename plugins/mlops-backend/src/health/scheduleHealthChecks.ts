import type {
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import type { HealthService } from './HealthService';
import { readHealthConfig } from './readHealthConfig';

/** Id of the health task, run by one backend instance at a time. */
export const HEALTH_TASK_ID = 'mlops-health-check';

/**
 * Checks every deployment's monitoring and follows the retraining runs,
 * every 15 minutes unless `mlops.health.schedule` says otherwise.
 */
export async function scheduleHealthChecks(options: {
  service: HealthService;
  scheduler: SchedulerService;
  logger: LoggerService;
  config?: Config;
}): Promise<void> {
  const { service, scheduler, logger } = options;
  const { schedule } = readHealthConfig(options.config);
  await scheduler.scheduleTask({
    id: HEALTH_TASK_ID,
    scope: 'global',
    ...schedule,
    fn: async () => {
      const { checked } = await service.checkAll();
      await service.followRuns();
      logger.info(`Checked the health of ${checked} deployments`);
    },
  });
}
