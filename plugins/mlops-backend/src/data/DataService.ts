import type {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import {
  ML_ANNOTATION_AWS_ARN,
  type DataProfile,
  type DataQualityReport,
  type DataQualityRun,
  type DataReadState,
  type DatasetColumn,
} from '@ml-foundation/plugin-mlops-common';
import pLimit from 'p-limit';
import type { DataStore, DatasetRead } from './DataStore';
import type { DataAws, GlueTableName } from './GlueDataAws';
import { parseColumnStatistics } from './parseColumnStatistics';
import { parseDataQualityResult } from './parseDataQualityResult';
import { requireCatalogEntity } from '../service/requireCatalogEntity';
import { awsErrorMessage } from '@ml-foundation/plugin-mlops-node';

/** Catalog reads of the data capability; without credentials, the plugin's own. */
export interface DataCatalog {
  getEntity(
    ref: string,
    credentials?: BackstageCredentials,
  ): Promise<Entity | undefined>;
  listEntities(filter: Record<string, string>): Promise<Entity[]>;
}

/** What the data service is built from. */
export interface DataServiceOptions {
  store: DataStore;
  catalog: DataCatalog;
  aws: DataAws;
  logger: LoggerService;
  /** Quality results read per Dataset, the latest ones. */
  historySize: number;
  /** Datasets read at once. */
  concurrency?: number;
  now?: () => Date;
}

/** A Dataset's latest quality, as governance checks it. */
export type LatestQuality = {
  state: DataReadState;
  reason?: string;
  latest?: DataQualityRun;
};

const GLUE_TABLE_ARN = /^arn:[^:]+:glue:[^:]+:(\d{12}):table\/([^/]+)\/(.+)$/;

/** The Glue table a Dataset's ARN names, if it is one. */
export function glueTableOf(entity: Entity): GlueTableName | undefined {
  const arn = entity.metadata.annotations?.[ML_ANNOTATION_AWS_ARN];
  const match = arn ? GLUE_TABLE_ARN.exec(arn) : null;
  return match
    ? { catalogId: match[1], database: match[2], table: match[3] }
    : undefined;
}

function recordCountOf(entity: Entity): number | undefined {
  const parameters = (entity.spec?.parameters ?? {}) as Record<string, string>;
  const count = Number(parameters.recordCount ?? parameters.numRows);
  return Number.isInteger(count) && count >= 0 ? count : undefined;
}

/**
 * Dataset profiles and data quality: reads every Glue table Dataset's column
 * statistics and Glue Data Quality results, keeps the latest runs, and
 * serves them. One Dataset's failure gives it the state `unknown` with the
 * reason; the others are still read.
 */
export class DataService {
  constructor(private readonly options: DataServiceOptions) {}

  private now(): string {
    return (this.options.now?.() ?? new Date()).toISOString();
  }

  async readAll(): Promise<{ read: number }> {
    const datasets = (
      await this.options.catalog.listEntities({ kind: 'Dataset' })
    ).filter(d => glueTableOf(d));
    const limit = pLimit(this.options.concurrency ?? 4);
    await Promise.all(
      datasets.map(d =>
        limit(async () => {
          try {
            await this.refreshDataset(d);
          } catch (error) {
            this.options.logger.warn(
              `Could not record the data profile of ${stringifyEntityRef(
                d,
              )}: ${error}`,
            );
          }
        }),
      ),
    );
    return { read: datasets.length };
  }

  /** Reads a Dataset's statistics and quality from Glue and records them. */
  async refreshDataset(dataset: Entity): Promise<void> {
    const table = glueTableOf(dataset);
    if (!table) {
      return;
    }
    const entityRef = stringifyEntityRef(dataset);
    const [profile, quality] = await Promise.all([
      this.readProfile(dataset, table),
      this.readQuality(dataset, entityRef, table),
    ]);
    const read: DatasetRead = {
      profile,
      quality: quality.status,
      newRuns: quality.newRuns,
      checkedAt: this.now(),
    };
    await this.options.store.record(entityRef, read);
  }

  private async readProfile(
    dataset: Entity,
    table: GlueTableName,
  ): Promise<DatasetRead['profile']> {
    const schema =
      (dataset.spec?.schema as { columns?: DatasetColumn[] } | undefined)
        ?.columns ?? [];
    const recordCount = recordCountOf(dataset);
    const base = {
      ...(recordCount !== undefined && { recordCount }),
      columns: [],
      unanalysedColumns: [],
    };
    if (schema.length === 0) {
      return { ...base, state: 'none', reason: 'The table has no columns' };
    }
    const names = schema.map(c => c.name);
    try {
      const { columns, errors } = parseColumnStatistics(
        await this.options.aws.columnStatistics(dataset, table, names),
        new Map(schema.map(c => [c.name, c.type])),
        recordCount,
      );
      const analysed = new Set(columns.map(c => c.name));
      const unanalysedColumns = names.filter(n => !analysed.has(n));
      const reason = errors.length
        ? `Glue gave no statistics for ${errors.join('; ')}`
        : columns.length === 0 &&
          'No column of this table has been analysed: run a Glue column statistics task';
      return {
        ...base,
        state: columns.length > 0 ? 'ok' : 'none',
        ...(reason && { reason }),
        columns,
        unanalysedColumns,
      };
    } catch (error) {
      return {
        ...base,
        state: 'unknown',
        reason: `Could not read the column statistics of ${table.database}.${
          table.table
        }: ${awsErrorMessage(error)}`,
      };
    }
  }

  private async readQuality(
    dataset: Entity,
    entityRef: string,
    table: GlueTableName,
  ): Promise<{ status: DatasetRead['quality']; newRuns: DataQualityRun[] }> {
    let listed;
    try {
      listed = await this.options.aws.listQualityResults(dataset, table);
    } catch (error) {
      return {
        status: {
          state: 'unknown',
          reason: `Could not list the data quality results of ${
            table.database
          }.${table.table}: ${awsErrorMessage(error)}`,
        },
        newRuns: [],
      };
    }
    const latest = listed
      .filter(r => r.ResultId)
      .sort(
        (a, b) => (b.StartedOn?.getTime() ?? 0) - (a.StartedOn?.getTime() ?? 0),
      )
      .slice(0, this.options.historySize);
    if (latest.length === 0) {
      return {
        status: {
          state: 'none',
          reason: 'Glue Data Quality has no result for this table',
        },
        newRuns: [],
      };
    }
    const known = await this.options.store.runIds(entityRef);
    const newRuns: DataQualityRun[] = [];
    const failures: string[] = [];
    for (const { ResultId: id } of latest) {
      if (known.has(id!)) {
        continue;
      }
      try {
        const run = parseDataQualityResult(
          await this.options.aws.getQualityResult(dataset, id!),
        );
        newRuns.push(run);
      } catch (error) {
        failures.push(`${id}: ${awsErrorMessage(error)}`);
      }
    }
    return {
      status: failures.length
        ? {
            state: 'unknown',
            reason: `Could not read ${failures.length} of the latest ${
              latest.length
            } data quality results: ${failures.join('; ')}`,
          }
        : { state: 'ok' },
      newRuns,
    };
  }

  private requireDataset(
    ref: string,
    credentials: BackstageCredentials,
  ): Promise<Entity> {
    return requireCatalogEntity(ref, ['Dataset'], normalized =>
      this.options.catalog.getEntity(normalized, credentials),
    );
  }

  private notRead(entity: Entity): {
    state: 'none' | 'unknown';
    reason: string;
  } {
    return glueTableOf(entity)
      ? { state: 'unknown', reason: 'Not read from Glue yet' }
      : {
          state: 'none',
          reason: 'Not a Glue table: profiles and quality come from Glue',
        };
  }

  async getProfile(
    ref: string,
    credentials: BackstageCredentials,
  ): Promise<DataProfile> {
    const dataset = await this.requireDataset(ref, credentials);
    const entityRef = stringifyEntityRef(dataset);
    return (
      (await this.options.store.getProfile(entityRef)) ?? {
        entityRef,
        ...this.notRead(dataset),
        columns: [],
        unanalysedColumns: [],
      }
    );
  }

  async getQuality(
    ref: string,
    credentials: BackstageCredentials,
  ): Promise<DataQualityReport> {
    const dataset = await this.requireDataset(ref, credentials);
    const entityRef = stringifyEntityRef(dataset);
    const [stored, latest, trend] = await Promise.all([
      this.options.store.getQuality(entityRef),
      this.options.store.latestRun(entityRef),
      this.options.store.trend(entityRef),
    ]);
    return {
      entityRef,
      ...(stored ?? this.notRead(dataset)),
      ...(latest && { latest }),
      trend,
    };
  }

  /**
   * A Dataset's latest quality for a governance checkpoint, read from Glue
   * now if it was never read; undefined when it is not in the catalog.
   */
  async latestQuality(ref: string): Promise<LatestQuality | undefined> {
    const dataset = await this.options.catalog.getEntity(ref);
    if (!dataset) {
      return undefined;
    }
    const entityRef = stringifyEntityRef(dataset);
    let stored = await this.options.store.getQuality(entityRef);
    if (!stored && glueTableOf(dataset)) {
      await this.refreshDataset(dataset);
      stored = await this.options.store.getQuality(entityRef);
    }
    const latest = await this.options.store.latestRun(entityRef);
    return {
      ...(stored
        ? {
            state: stored.state,
            ...(stored.reason && { reason: stored.reason }),
          }
        : this.notRead(dataset)),
      ...(latest && { latest }),
    };
  }
}
