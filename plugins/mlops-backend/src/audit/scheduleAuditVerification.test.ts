import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import type { SchedulerServiceTaskInvocationDefinition } from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import { applyMlopsMigrations } from '../database/applyMlopsMigrations';
import { AuditTrail } from './AuditTrail';
import {
  AUDIT_VERIFICATION_TASK_ID,
  scheduleAuditVerification,
} from './scheduleAuditVerification';

jest.setTimeout(60_000);

describe('scheduleAuditVerification', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  it.each(databases.eachSupportedId())(
    'schedules a global task that records each verification, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await applyMlopsMigrations(knex);
      const logger = mockServices.logger.mock();
      const auditTrail = AuditTrail.create({ knex, logger });
      const scheduler = mockServices.scheduler.mock();
      await scheduleAuditVerification({ auditTrail, scheduler, logger });

      expect(scheduler.scheduleTask).toHaveBeenCalledTimes(1);
      const task: SchedulerServiceTaskInvocationDefinition & {
        scope?: string;
        frequency?: unknown;
      } = scheduler.scheduleTask.mock.calls[0][0];
      expect(task).toMatchObject({
        id: AUDIT_VERIFICATION_TASK_ID,
        scope: 'global',
        frequency: { hours: 1 },
      });

      await auditTrail.append({
        actor: 'user:default/alice',
        action: 'review.opened',
        targetRef: 'modelversion:default/a-v1',
        details: {},
      });
      await task.fn(new AbortController().signal);
      expect(await auditTrail.latestVerification()).toMatchObject({
        ok: true,
        checkedEvents: 1,
      });

      await knex('mlops_audit_events').update({ action: 'review.cancelled' });
      await task.fn(new AbortController().signal);
      expect(await auditTrail.latestVerification()).toMatchObject({
        ok: false,
        firstBrokenEvent: { sequence: 1 },
      });
      expect(logger.error).toHaveBeenCalledWith(
        expect.stringContaining('Audit chain broken at event 1'),
      );
    },
  );

  it('takes its schedule from mlops.audit.verificationSchedule', async () => {
    const scheduler = mockServices.scheduler.mock();
    await scheduleAuditVerification({
      auditTrail: {} as AuditTrail,
      scheduler,
      logger: mockServices.logger.mock(),
      config: new ConfigReader({
        mlops: {
          audit: {
            verificationSchedule: {
              frequency: { minutes: 10 },
              timeout: { minutes: 5 },
            },
          },
        },
      }),
    });
    expect(scheduler.scheduleTask.mock.calls[0][0]).toMatchObject({
      frequency: { minutes: 10 },
      timeout: { minutes: 5 },
    });
  });
});
