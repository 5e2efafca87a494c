import type {
  ColumnProfile,
  DataProfile,
  DataQualityRun,
  DataQualityTrendPoint,
  DataReadState,
} from '@ml-foundation/plugin-mlops-common';
import type { Knex } from 'knex';

const DATASETS = 'mlops_data_datasets';
const RUNS = 'mlops_data_quality_runs';

type DatasetRow = {
  entity_ref: string;
  profile_state: string;
  profile_reason: string | null;
  record_count: number | string | null;
  columns: string;
  unanalysed_columns: string;
  quality_state: string;
  quality_reason: string | null;
  checked_at: string;
};

type RunRow = {
  entity_ref: string;
  result_id: string;
  ruleset: string | null;
  score: number | string;
  started_at: string;
  completed_at: string | null;
  rules: string;
};

/** What one read of a Dataset found. */
export type DatasetRead = {
  profile: Omit<DataProfile, 'entityRef' | 'checkedAt'>;
  quality: { state: DataReadState; reason?: string };
  /** Quality runs read for the first time. */
  newRuns: DataQualityRun[];
  checkedAt: string;
};

/** The stored quality state of a Dataset. */
export type StoredQuality = {
  state: DataReadState;
  reason?: string;
  checkedAt: string;
};

/** Data profile and quality tables of the mlops plugin. */
export class DataStore {
  constructor(
    private readonly knex: Knex,
    /** Quality runs kept per Dataset, the latest ones. */
    private readonly historySize: number,
  ) {}

  /** Records a read and keeps the latest `historySize` runs, in one transaction. */
  async record(entityRef: string, read: DatasetRead): Promise<void> {
    await this.knex.transaction(async tx => {
      const row: DatasetRow = {
        entity_ref: entityRef,
        profile_state: read.profile.state,
        profile_reason: read.profile.reason ?? null,
        record_count: read.profile.recordCount ?? null,
        columns: JSON.stringify(read.profile.columns),
        unanalysed_columns: JSON.stringify(read.profile.unanalysedColumns),
        quality_state: read.quality.state,
        quality_reason: read.quality.reason ?? null,
        checked_at: read.checkedAt,
      };
      await tx(DATASETS).insert(row).onConflict('entity_ref').merge();
      if (read.newRuns.length > 0) {
        await tx(RUNS)
          .insert(
            read.newRuns.map(run => ({
              entity_ref: entityRef,
              result_id: run.resultId,
              ruleset: run.ruleset ?? null,
              score: run.score,
              started_at: run.startedAt,
              completed_at: run.completedAt ?? null,
              rules: JSON.stringify(run.rules),
            })),
          )
          .onConflict(['entity_ref', 'result_id'])
          .ignore();
      }
      const kept = tx(RUNS)
        .select('result_id')
        .where({ entity_ref: entityRef })
        .orderBy([
          { column: 'started_at', order: 'desc' },
          { column: 'result_id', order: 'desc' },
        ])
        .limit(this.historySize);
      // LIMIT in a subquery: SQLite and PostgreSQL, not MySQL.
      await tx(RUNS)
        .where({ entity_ref: entityRef })
        .whereNotIn('result_id', kept)
        .delete();
    });
  }

  /** Result ids of the runs already stored for a Dataset. */
  async runIds(entityRef: string): Promise<Set<string>> {
    const rows = await this.knex<RunRow>(RUNS)
      .select('result_id')
      .where({ entity_ref: entityRef });
    return new Set(rows.map(r => r.result_id));
  }

  async getProfile(entityRef: string): Promise<DataProfile | undefined> {
    const row = await this.knex<DatasetRow>(DATASETS)
      .where({ entity_ref: entityRef })
      .first();
    if (!row) {
      return undefined;
    }
    return {
      entityRef,
      state: row.profile_state as DataReadState,
      ...(row.profile_reason ? { reason: row.profile_reason } : {}),
      ...(row.record_count !== null
        ? { recordCount: Number(row.record_count) }
        : {}),
      columns: JSON.parse(row.columns) as ColumnProfile[],
      unanalysedColumns: JSON.parse(row.unanalysed_columns) as string[],
      checkedAt: row.checked_at,
    };
  }

  async getQuality(entityRef: string): Promise<StoredQuality | undefined> {
    const row = await this.knex<DatasetRow>(DATASETS)
      .where({ entity_ref: entityRef })
      .first();
    return row
      ? {
          state: row.quality_state as DataReadState,
          ...(row.quality_reason ? { reason: row.quality_reason } : {}),
          checkedAt: row.checked_at,
        }
      : undefined;
  }

  /** The most recent stored run of a Dataset. */
  async latestRun(entityRef: string): Promise<DataQualityRun | undefined> {
    const row = await this.knex<RunRow>(RUNS)
      .where({ entity_ref: entityRef })
      .orderBy([
        { column: 'started_at', order: 'desc' },
        { column: 'result_id', order: 'desc' },
      ])
      .first();
    return row ? toRun(row) : undefined;
  }

  /** The stored runs of a Dataset as a trend, oldest first. */
  async trend(entityRef: string): Promise<DataQualityTrendPoint[]> {
    const rows = await this.knex<RunRow>(RUNS)
      .where({ entity_ref: entityRef })
      .orderBy([
        { column: 'started_at', order: 'asc' },
        { column: 'result_id', order: 'asc' },
      ]);
    return rows.map(row => {
      const run = toRun(row);
      return {
        resultId: run.resultId,
        ...(run.ruleset ? { ruleset: run.ruleset } : {}),
        score: run.score,
        startedAt: run.startedAt,
        failedRules: run.rules.filter(r => r.result !== 'PASS').length,
        totalRules: run.rules.length,
      };
    });
  }
}

function toRun(row: RunRow): DataQualityRun {
  return {
    resultId: row.result_id,
    ...(row.ruleset ? { ruleset: row.ruleset } : {}),
    score: Number(row.score),
    startedAt: row.started_at,
    ...(row.completed_at ? { completedAt: row.completed_at } : {}),
    rules: JSON.parse(row.rules),
  };
}
