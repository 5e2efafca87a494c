import {
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import type { SchedulerServiceTaskInvocationDefinition } from '@backstage/backend-plugin-api';
import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  ML_ANNOTATION_RETRAINING_PIPELINE,
  type MonitoringExecutionHealth,
} from '@ml-foundation/plugin-mlops-common';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { AuditTrail } from '../audit';
import { applyMlopsMigrations } from '../database/applyMlopsMigrations';
import { HealthService } from './HealthService';
import { HealthStore } from './HealthStore';
import { parseConstraintViolations } from './parseConstraintViolations';
import type { HealthAws } from './SagemakerHealthAws';
import { HEALTH_TASK_ID, scheduleHealthChecks } from './scheduleHealthChecks';

jest.setTimeout(60_000);

const fixture = (name: string) =>
  readFileSync(resolve(__dirname, '__fixtures__', name), 'utf8');

const model: Entity = {
  apiVersion: 'ml-foundation.dev/v1alpha1',
  kind: 'Model',
  metadata: {
    name: 'churn',
    namespace: 'default',
    annotations: { [ML_ANNOTATION_RETRAINING_PIPELINE]: 'churn-training' },
  },
  spec: { owner: 'group:default/ds', lifecycle: 'production' },
};
const version = (n: number, auc: number): Entity => ({
  apiVersion: 'ml-foundation.dev/v1alpha1',
  kind: 'ModelVersion',
  metadata: { name: `churn-${n}`, namespace: 'default' },
  spec: {
    model: 'model:default/churn',
    version: n,
    createdAt: `2026-0${n}-01T00:00:00.000Z`,
    metrics: [{ name: 'auc', split: 'validation', value: auc }],
  },
});
const deployment = (name: string, status = 'InService'): Entity => ({
  apiVersion: 'ml-foundation.dev/v1alpha1',
  kind: 'ModelDeployment',
  metadata: { name, namespace: 'default' },
  spec: {
    status,
    variants: [{ name: 'main', modelVersion: 'modelversion:default/churn-2' }],
    monitoringSchedules: [{ name: `${name}-dq`, type: 'DataQuality' }],
  },
});
const entities = [
  model,
  version(1, 0.81),
  version(2, 0.85),
  deployment('churn-drifting'),
  deployment('churn-healthy'),
  deployment('churn-malformed'),
  deployment('churn-unreachable'),
];

const execution = (
  name: string,
  extra: Partial<MonitoringExecutionHealth> = {},
): MonitoringExecutionHealth => ({
  scheduleName: `${name}-dq`,
  monitoringType: 'DataQuality',
  status: 'Completed',
  scheduledTime: '2026-12-01T10:00:00.000Z',
  violations: [],
  ...extra,
});

function fakeAws(): jest.Mocked<HealthAws> {
  return {
    latestExecutions: jest.fn(async (d: Entity) => {
      switch (d.metadata.name) {
        case 'churn-drifting':
          return [
            execution('churn-drifting', {
              status: 'CompletedWithViolations',
              violations: parseConstraintViolations(
                fixture('data_quality_constraint_violations.json'),
              ),
            }),
          ];
        case 'churn-malformed':
          return [
            execution('churn-malformed', {
              status: 'CompletedWithViolations',
              reportError:
                'Could not read the violation report of churn-malformed-dq: constraint_violations.json is empty',
            }),
          ];
        case 'churn-unreachable':
          throw new Error('AccessDeniedException: not authorized');
        default:
          return [execution(d.metadata.name)];
      }
    }),
    readText: jest.fn(),
    startPipeline: jest.fn<
      Promise<string>,
      Parameters<HealthAws['startPipeline']>
    >(
      async () =>
        'arn:aws:sagemaker:eu-west-1:123456789012:pipeline/churn-training/execution/abc123',
    ),
    describePipelineExecution: jest.fn<
      Promise<{ status: string }>,
      Parameters<HealthAws['describePipelineExecution']>
    >(async () => ({
      status: 'Succeeded',
    })),
  };
}

describe('HealthService', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  async function setUp(
    databaseId: Parameters<typeof databases.init>[0],
    {
      allow = true,
      now = () => new Date('2026-12-01T12:00:00.000Z'),
      historyDays,
    }: { allow?: boolean; now?: () => Date; historyDays?: number } = {},
  ) {
    const knex = await databases.init(databaseId);
    await applyMlopsMigrations(knex);
    const logger = mockServices.logger.mock();
    const audit = AuditTrail.create({ knex, logger });
    const notifications = { send: jest.fn(async () => {}) };
    const aws = fakeAws();
    const byRef = new Map(entities.map(e => [stringifyEntityRef(e), e]));
    const permissions = mockServices.permissions.mock({
      authorize: jest.fn(async requests =>
        requests.map(() => ({
          result: allow ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
        })),
      ) as any,
    });
    const service = new HealthService({
      store: new HealthStore(knex, historyDays),
      catalog: {
        getEntity: async ref => byRef.get(ref),
        listEntities: async filter =>
          entities.filter(e =>
            Object.entries(filter).every(([key, value]) =>
              key === 'kind'
                ? e.kind === value
                : (e.spec as any)?.[key.replace('spec.', '')] === value,
            ),
          ),
      },
      aws,
      modelPackages: async () => undefined,
      policyOf: async () => ({
        name: 'default',
        transitions: {
          production: {
            checkpoints: [
              {
                id: 'quality',
                type: 'metric-threshold',
                metric: 'validation:auc',
                min: 0.8,
              },
            ],
          },
        },
      }),
      permissions,
      audit,
      notifications: notifications as any,
      logger,
      now,
    });
    return { knex, service, audit, notifications, aws, permissions };
  }

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('gives each deployment its state; a broken one is unknown with the reason', async () => {
      const { service } = await setUp(databaseId);
      await expect(service.checkAll()).resolves.toEqual({ checked: 4 });
      const user = mockCredentials.user();
      const health = (name: string) =>
        service.getDeploymentHealth(`modeldeployment:default/${name}`, user);

      const drifting = await health('churn-drifting');
      expect(drifting).toMatchObject({
        state: 'drifting',
        reason:
          'DataQuality: 3 violations (tenure_months, monthly_charges, contract_type)',
        modelRef: 'model:default/churn',
        retrainingPipeline: 'churn-training',
        history: [{ state: 'drifting', violationCount: 3 }],
      });
      expect(drifting.executions[0].violations[0]).toMatchObject({
        featureName: 'tenure_months',
        constraintCheckType: 'baseline_drift_check',
      });
      expect(await health('churn-healthy')).toMatchObject({ state: 'healthy' });
      expect(await health('churn-malformed')).toMatchObject({
        state: 'unknown',
        reason: expect.stringContaining('constraint_violations.json is empty'),
      });
      expect(await health('churn-unreachable')).toMatchObject({
        state: 'unknown',
        reason: expect.stringContaining('AccessDeniedException'),
      });
    });

    it('audits and notifies a change to drifting once, and lists it as needing attention', async () => {
      const { service, audit, notifications } = await setUp(databaseId);
      await service.checkAll();
      await service.checkAll();

      const { items } = await audit.query({ action: 'health.changed' });
      expect(items).toHaveLength(1);
      expect(items[0]).toMatchObject({
        actor: 'service:mlops',
        targetRef: 'modeldeployment:default/churn-drifting',
        modelRef: 'model:default/churn',
        details: {
          from: null,
          to: 'drifting',
          retrainingPipeline: 'churn-training',
        },
      });
      expect(notifications.send).toHaveBeenCalledTimes(1);
      expect(notifications.send).toHaveBeenCalledWith(
        expect.objectContaining({
          recipients: {
            type: 'entity',
            entityRef: [
              'modeldeployment:default/churn-drifting',
              'model:default/churn',
            ],
          },
          payload: expect.objectContaining({
            title: 'churn-drifting is drifting',
            description: expect.stringContaining(
              'Retrain model:default/churn with pipeline churn-training',
            ),
          }),
        }),
      );
      const attention = await service.needsAttention();
      expect(attention.map(a => [a.entityRef, a.kind])).toEqual([
        ['modeldeployment:default/churn-drifting', 'drifting-deployment'],
        ['modeldeployment:default/churn-malformed', 'unknown-health'],
        ['modeldeployment:default/churn-unreachable', 'unknown-health'],
      ]);
      const history = await service.getDeploymentHealth(
        'modeldeployment:default/churn-drifting',
        mockCredentials.user(),
      );
      expect(history.history).toHaveLength(2);
    });

    it('starts the retraining pipeline, records who and why, and follows its status', async () => {
      const { service, audit, aws } = await setUp(databaseId);
      const user = mockCredentials.user('user:default/alice');
      const run = await service.retrain(
        {
          entityRef: 'modeldeployment:default/churn-drifting',
          reason: 'tenure drifted',
        },
        user,
      );
      expect(aws.startPipeline).toHaveBeenCalledWith(
        model,
        'churn-training',
        'Retraining requested by user:default/alice: tenure drifted',
        expect.any(String),
      );
      expect(run).toMatchObject({
        modelRef: 'model:default/churn',
        deploymentRef: 'modeldeployment:default/churn-drifting',
        status: 'Executing',
        startedBy: 'user:default/alice',
      });
      const { items } = await audit.query({ action: 'retraining.started' });
      expect(items[0]).toMatchObject({
        actor: 'user:default/alice',
        targetArn: run.executionArn,
        modelRef: 'model:default/churn',
        details: { pipeline: 'churn-training', reason: 'tenure drifted' },
      });

      await service.followRuns();
      const [followed] = await service.listRuns('model:default/churn', user);
      expect(followed.status).toBe('Succeeded');
      await service.followRuns();
      expect(aws.describePipelineExecution).toHaveBeenCalledTimes(1);
    });

    it('refuses to retrain without mlops.retrain', async () => {
      const { service, aws } = await setUp(databaseId, { allow: false });
      await expect(
        service.retrain(
          { entityRef: 'model:default/churn', reason: 'drift' },
          mockCredentials.user('user:default/bob'),
        ),
      ).rejects.toThrow(
        'user:default/bob lacks mlops.retrain on model:default/churn',
      );
      expect(aws.startPipeline).not.toHaveBeenCalled();
    });

    it('serves the evaluation trend of every version with the threshold', async () => {
      const { service } = await setUp(databaseId);
      await expect(
        service.getEvaluationTrend(
          'model:default/churn',
          mockCredentials.user(),
        ),
      ).resolves.toEqual({
        modelRef: 'model:default/churn',
        points: [
          expect.objectContaining({
            version: 1,
            metrics: { 'validation:auc': 0.81 },
          }),
          expect.objectContaining({
            version: 2,
            metrics: { 'validation:auc': 0.85 },
          }),
        ],
        thresholds: [{ metric: 'validation:auc', min: 0.8 }],
      });
    });

    it('runs the checks from a global scheduled task', async () => {
      const { service } = await setUp(databaseId);
      const scheduler = mockServices.scheduler.mock();
      await scheduleHealthChecks({
        service,
        scheduler,
        logger: mockServices.logger.mock(),
      });
      const task: SchedulerServiceTaskInvocationDefinition & {
        scope?: string;
      } = scheduler.scheduleTask.mock.calls[0][0];
      expect(task).toMatchObject({ id: HEALTH_TASK_ID, scope: 'global' });
      expect(await service.needsAttention()).toEqual([]);
      await task.fn(new AbortController().signal);
      expect(await service.needsAttention()).toHaveLength(3);
    });

    it('run hourly over fake time, the task announces each new drift once and keeps only the configured history', async () => {
      const start = Date.parse('2026-12-01T00:00:00.000Z');
      const HOUR = 3_600_000;
      let clock = new Date(start);
      const { service, audit, aws } = await setUp(databaseId, {
        now: () => clock,
        historyDays: 1,
      });
      const scheduler = mockServices.scheduler.mock();
      await scheduleHealthChecks({
        service,
        scheduler,
        logger: mockServices.logger.mock(),
      });
      const task: SchedulerServiceTaskInvocationDefinition =
        scheduler.scheduleTask.mock.calls[0][0];
      // churn-drifting drifts, recovers in hours 2 and 3, then drifts again.
      const drifts = aws.latestExecutions.getMockImplementation()!;
      aws.latestExecutions.mockImplementation(async d => {
        const hour = (clock.getTime() - start) / HOUR;
        return d.metadata.name === 'churn-drifting' && hour >= 2 && hour < 4
          ? [execution('churn-drifting')]
          : drifts(d);
      });

      for (let hour = 0; hour < 30; hour++) {
        clock = new Date(start + hour * HOUR);
        await task.fn(new AbortController().signal);
      }

      const ref = 'modeldeployment:default/churn-drifting';
      const { items } = await audit.query({ action: 'health.changed' });
      expect(
        items
          .filter(e => e.targetRef === ref)
          .map(e => [e.details.from, e.details.to])
          .sort(),
      ).toEqual([
        [null, 'drifting'],
        ['healthy', 'drifting'],
      ]);
      const { history } = await service.getDeploymentHealth(
        ref,
        mockCredentials.user(),
      );
      // One day back from the last check at hour 29: hours 5 to 29.
      expect(history).toHaveLength(25);
      expect(history[0].checkedAt).toBe(
        new Date(start + 5 * HOUR).toISOString(),
      );
    });
  });
});
