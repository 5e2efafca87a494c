import type {
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { DataService } from './DataService';
import type { DataConfig } from './readDataConfig';

/** Id of the data task, run by one backend instance at a time. */
export const DATA_TASK_ID = 'mlops-data-profiles';

/** Reads every Glue table Dataset's statistics and quality on `mlops.data.schedule`. */
export async function scheduleDataReads(options: {
  service: DataService;
  scheduler: SchedulerService;
  logger: LoggerService;
  config: DataConfig;
}): Promise<void> {
  const { service, scheduler, logger } = options;
  await scheduler.scheduleTask({
    id: DATA_TASK_ID,
    scope: 'global',
    ...options.config.schedule,
    fn: async () => {
      const { read } = await service.readAll();
      logger.info(`Read the profile and quality of ${read} datasets`);
    },
  });
}
