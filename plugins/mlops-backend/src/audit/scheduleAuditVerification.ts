import type {
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import type { AuditTrail } from './AuditTrail';
import { readAuditConfig } from './readAuditConfig';

/** Id of the periodic verification task, one run at a time across instances. */
export const AUDIT_VERIFICATION_TASK_ID = 'mlops-audit-verification';

/**
 * Verifies the whole audit chain periodically (hourly unless
 * `mlops.audit.verificationSchedule` says otherwise) on one backend
 * instance at a time, and records each result: GET /audit/verify?cached=true
 * serves the latest, for the frontend's badge.
 */
export async function scheduleAuditVerification(options: {
  auditTrail: AuditTrail;
  scheduler: SchedulerService;
  logger: LoggerService;
  config?: Config;
}): Promise<void> {
  const { auditTrail, scheduler, logger } = options;
  const { verificationSchedule } = readAuditConfig(options.config);
  await scheduler.scheduleTask({
    id: AUDIT_VERIFICATION_TASK_ID,
    scope: 'global',
    ...verificationSchedule,
    fn: async () => {
      try {
        await auditTrail.verifyAndRecord();
      } catch (error) {
        logger.error(`Audit chain verification could not run: ${error}`);
        throw error;
      }
    },
  });
}
