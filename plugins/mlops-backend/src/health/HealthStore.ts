import type {
  DeploymentHealth,
  HealthHistoryEntry,
  HealthState,
  MonitoringExecutionHealth,
  RetrainingRun,
} from '@ml-foundation/plugin-mlops-common';
import type { Knex } from 'knex';
import { randomUUID } from 'node:crypto';

const DEPLOYMENTS = 'mlops_health_deployments';
const HISTORY = 'mlops_health_history';
const RUNS = 'mlops_health_retraining_runs';

/** Pipeline execution statuses after which nothing changes. */
export const FINAL_PIPELINE_STATUSES = ['Succeeded', 'Failed', 'Stopped'];

type DeploymentRow = {
  entity_ref: string;
  state: string;
  reason: string | null;
  executions: string;
  checked_at: string;
  state_since: string;
};

type RunRow = {
  id: string;
  model_ref: string;
  deployment_ref: string | null;
  pipeline: string;
  execution_arn: string;
  status: string;
  started_by: string;
  reason: string;
  started_at: string;
  failure_reason: string | null;
};

/** A deployment's stored health, with when it entered its state. */
export type StoredDeploymentHealth = Omit<
  DeploymentHealth,
  'retrainingPipeline' | 'modelRef'
> & { stateSince: string };

const DAY_MS = 24 * 3_600_000;

/** Health tables of the mlops plugin. */
export class HealthStore {
  /** @param historyDays - days of check history kept per deployment */
  constructor(private readonly knex: Knex, private readonly historyDays = 90) {}

  async getDeployment(
    entityRef: string,
  ): Promise<StoredDeploymentHealth | undefined> {
    const row = await this.knex<DeploymentRow>(DEPLOYMENTS)
      .where({ entity_ref: entityRef })
      .first();
    return row ? toHealth(row) : undefined;
  }

  async listDeployments(filter?: {
    states?: HealthState[];
  }): Promise<StoredDeploymentHealth[]> {
    const query = this.knex<DeploymentRow>(DEPLOYMENTS).orderBy('entity_ref');
    if (filter?.states) {
      query.whereIn('state', filter.states);
    }
    return (await query).map(toHealth);
  }

  /**
   * Records a check of a deployment, and returns its previous state
   * (undefined the first time), in one transaction so that concurrent checks
   * cannot both see the same change.
   */
  async recordCheck(
    health: Omit<DeploymentHealth, 'retrainingPipeline' | 'modelRef'>,
  ): Promise<HealthState | undefined> {
    return this.knex.transaction(async tx => {
      const previous = await tx<DeploymentRow>(DEPLOYMENTS)
        .where({ entity_ref: health.entityRef })
        .forUpdate()
        .first();
      const row: DeploymentRow = {
        entity_ref: health.entityRef,
        state: health.state,
        reason: health.reason ?? null,
        executions: JSON.stringify(health.executions),
        checked_at: health.checkedAt,
        state_since:
          previous && previous.state === health.state
            ? previous.state_since
            : health.checkedAt,
      };
      if (previous) {
        await tx(DEPLOYMENTS)
          .where({ entity_ref: health.entityRef })
          .update(row);
      } else {
        await tx(DEPLOYMENTS).insert(row);
      }
      await tx(HISTORY).insert({
        entity_ref: health.entityRef,
        state: health.state,
        reason: health.reason ?? null,
        violation_count: health.executions.reduce(
          (sum, e) => sum + e.violations.length,
          0,
        ),
        checked_at: health.checkedAt,
      });
      // Checks run every few minutes for years: keep a bounded history.
      const cutoff = new Date(
        Date.parse(health.checkedAt) - this.historyDays * DAY_MS,
      ).toISOString();
      await tx(HISTORY)
        .where({ entity_ref: health.entityRef })
        .andWhere('checked_at', '<', cutoff)
        .delete();
      return previous?.state as HealthState | undefined;
    });
  }

  /** The latest `limit` checks of a deployment, oldest first. */
  async history(entityRef: string, limit = 100): Promise<HealthHistoryEntry[]> {
    const rows = await this.knex(HISTORY)
      .where({ entity_ref: entityRef })
      .orderBy([
        { column: 'checked_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(limit);
    return rows.reverse().map(row => ({
      state: row.state,
      ...(row.reason ? { reason: row.reason } : {}),
      violationCount: Number(row.violation_count),
      checkedAt: row.checked_at,
    }));
  }

  async insertRun(run: Omit<RetrainingRun, 'id'>): Promise<RetrainingRun> {
    const stored = { id: randomUUID(), ...run };
    await this.knex<RunRow>(RUNS).insert(toRunRow(stored));
    return stored;
  }

  async listRuns(modelRef: string): Promise<RetrainingRun[]> {
    const rows = await this.knex<RunRow>(RUNS)
      .where({ model_ref: modelRef })
      .orderBy('started_at', 'desc');
    return rows.map(toRun);
  }

  /** Runs whose status may still change. */
  async listUnfinishedRuns(): Promise<RetrainingRun[]> {
    const rows = await this.knex<RunRow>(RUNS).whereNotIn(
      'status',
      FINAL_PIPELINE_STATUSES,
    );
    return rows.map(toRun);
  }

  async updateRunStatus(
    id: string,
    status: string,
    failureReason?: string,
  ): Promise<void> {
    await this.knex<RunRow>(RUNS)
      .where({ id })
      .update({ status, failure_reason: failureReason ?? null });
  }
}

function toHealth(row: DeploymentRow): StoredDeploymentHealth {
  return {
    entityRef: row.entity_ref,
    state: row.state as HealthState,
    ...(row.reason ? { reason: row.reason } : {}),
    checkedAt: row.checked_at,
    stateSince: row.state_since,
    executions: JSON.parse(row.executions) as MonitoringExecutionHealth[],
  };
}

function toRunRow(run: RetrainingRun): RunRow {
  return {
    id: run.id,
    model_ref: run.modelRef,
    deployment_ref: run.deploymentRef ?? null,
    pipeline: run.pipeline,
    execution_arn: run.executionArn,
    status: run.status,
    started_by: run.startedBy,
    reason: run.reason,
    started_at: run.startedAt,
    failure_reason: run.failureReason ?? null,
  };
}

function toRun(row: RunRow): RetrainingRun {
  return {
    id: row.id,
    modelRef: row.model_ref,
    ...(row.deployment_ref ? { deploymentRef: row.deployment_ref } : {}),
    pipeline: row.pipeline,
    executionArn: row.execution_arn,
    status: row.status,
    startedBy: row.started_by,
    reason: row.reason,
    startedAt: row.started_at,
    ...(row.failure_reason ? { failureReason: row.failure_reason } : {}),
  };
}
