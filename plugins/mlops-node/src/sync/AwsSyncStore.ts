import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';

type Knex = Awaited<ReturnType<DatabaseService['getClient']>>;

const MIGRATIONS_TABLE = 'mlops_aws_knex_migrations';
const CACHE_TABLE = 'mlops_aws_describe_cache';
const STATUS_TABLE = 'mlops_aws_sync_status';
// Well below the bound-parameter limits of SQLite and PostgreSQL.
const CHUNK_SIZE = 500;

/** How a sync ended. */
export type AwsSyncOutcome =
  /** The whole scope was read and the catalog got it. */
  | 'applied'
  /** The whole scope was read, but it would have removed too much. */
  | 'refused'
  /** A call failed for good; the catalog kept what it had. */
  | 'failed';

/** The latest sync of one provider. */
export interface AwsSyncStatus {
  /** The entity provider's name, e.g. `aws-glue:prod-eu`. */
  providerId: string;
  /** ISO 8601. */
  startedAt: string;
  /** ISO 8601. */
  finishedAt: string;
  durationMs: number;
  outcome: AwsSyncOutcome;
  /** Entities read, by kind. */
  entityCounts: Record<string, number>;
  /** AWS calls, by operation. */
  calls: Record<string, number>;
  errors: string[];
  /** End of the latest sync whose entities reached the catalog, ISO 8601. */
  lastAppliedAt?: string;
  /** How many entities that sync gave the catalog. */
  lastAppliedEntityCount?: number;
}

/** How a sync ended, for {@link AwsSyncStore.recordStatus}. */
export interface AwsSyncReport {
  providerId: string;
  startedAt: Date;
  finishedAt: Date;
  outcome: AwsSyncOutcome;
  /** The entities read; none when the read failed. */
  entities?: ReadonlyArray<{ kind: string }>;
  /** AWS calls, by operation. */
  calls: Record<string, number>;
  errors: string[];
}

/**
 * Describe results of one provider's resources, kept between syncs, keyed by
 * ARN and a version key that changes whenever the resource does (e.g. its
 * last-modified time).
 */
export interface AwsDescribeCache {
  /** The cached value, if cached under this version. */
  get<T>(arn: string, versionKey: string): Promise<T | undefined>;
  /** The cached values of many resources, by ARN, where the version matches. */
  getMany<T>(
    keys: Array<{ arn: string; versionKey: string }>,
  ): Promise<Map<string, T>>;
  /** Caches a value under the resource's current version. */
  put<T>(arn: string, versionKey: string, value: T): Promise<void>;
  /**
   * Forgets the resources that are not in `arns`: call it after a complete
   * read, with every resource the read found.
   */
  prune(arns: Iterable<string>): Promise<void>;
}

type StatusRow = {
  provider_id: string;
  started_at: Date | string | number;
  finished_at: Date | string | number;
  duration_ms: number;
  outcome: AwsSyncOutcome;
  entity_counts: string;
  calls: string;
  errors: string;
  last_applied_at: Date | string | number | null;
  last_applied_entity_count: number | null;
};

// One migration run per database client, however many providers and modules
// share it: concurrent runs would trip over knex's migration lock.
const migrations = new WeakMap<Knex, Promise<void>>();

function migrate(knex: Knex): Promise<void> {
  let done = migrations.get(knex);
  if (!done) {
    done = knex.migrate.latest({
      directory: resolvePackagePath(
        '@ml-foundation/plugin-mlops-node',
        'migrations',
      ),
      tableName: MIGRATIONS_TABLE,
    });
    migrations.set(knex, done);
  }
  return done;
}

/** SQLite hands timestamps back as numbers, PostgreSQL as dates. */
function toIso(value: Date | string | number): string {
  return new Date(value).toISOString();
}

function toStatus(row: StatusRow): AwsSyncStatus {
  return {
    providerId: row.provider_id,
    startedAt: toIso(row.started_at),
    finishedAt: toIso(row.finished_at),
    durationMs: row.duration_ms,
    outcome: row.outcome,
    entityCounts: JSON.parse(row.entity_counts),
    calls: JSON.parse(row.calls),
    errors: JSON.parse(row.errors),
    ...(row.last_applied_at !== null && {
      lastAppliedAt: toIso(row.last_applied_at),
    }),
    ...(row.last_applied_entity_count !== null && {
      lastAppliedEntityCount: row.last_applied_entity_count,
    }),
  };
}

function chunks<T>(items: T[]): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK_SIZE) {
    result.push(items.slice(i, i + CHUNK_SIZE));
  }
  return result;
}

/**
 * What the AWS entity providers keep between syncs, in the database of the
 * plugin they belong to (the catalog's):
 *
 * - a describe cache, so a sync in which a resource did not change reuses
 *   what describing it returned last time instead of calling AWS again;
 * - the status of each provider's latest sync, for users to see freshness and
 *   for the mass-removal guard to know how many entities the catalog holds.
 *
 * Providers key their rows by their entity provider name, which is unique in
 * the catalog (ids repeat across provider kinds).
 */
export class AwsSyncStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<AwsSyncStore> {
    const knex = await options.database.getClient();
    if (!options.database.migrations?.skip) {
      await migrate(knex);
    }
    return new AwsSyncStore(knex);
  }

  private constructor(private readonly knex: Knex) {}

  /** The describe cache of one provider. */
  describeCache(providerId: string): AwsDescribeCache {
    return {
      get: (arn, versionKey) => this.get(providerId, arn, versionKey),
      getMany: keys => this.getMany(providerId, keys),
      put: (arn, versionKey, value) =>
        this.put(providerId, arn, versionKey, value),
      prune: arns => this.prune(providerId, arns),
    };
  }

  /** See {@link AwsDescribeCache.get}. */
  async get<T>(
    providerId: string,
    arn: string,
    versionKey: string,
  ): Promise<T | undefined> {
    const found = await this.getMany<T>(providerId, [{ arn, versionKey }]);
    return found.get(arn);
  }

  /** See {@link AwsDescribeCache.getMany}. */
  async getMany<T>(
    providerId: string,
    keys: Array<{ arn: string; versionKey: string }>,
  ): Promise<Map<string, T>> {
    const wanted = new Map(keys.map(key => [key.arn, key.versionKey]));
    const found = new Map<string, T>();
    for (const arns of chunks([...wanted.keys()])) {
      const rows = await this.knex(CACHE_TABLE)
        .where('provider_id', providerId)
        .whereIn('arn', arns)
        .select('arn', 'version_key', 'value');
      for (const row of rows) {
        if (wanted.get(row.arn) === row.version_key) {
          found.set(row.arn, JSON.parse(row.value));
        }
      }
    }
    return found;
  }

  /** See {@link AwsDescribeCache.put}. */
  async put<T>(
    providerId: string,
    arn: string,
    versionKey: string,
    value: T,
  ): Promise<void> {
    await this.knex(CACHE_TABLE)
      .insert({
        provider_id: providerId,
        arn,
        version_key: versionKey,
        value: JSON.stringify(value),
        updated_at: this.knex.fn.now(),
      })
      .onConflict(['provider_id', 'arn'])
      .merge(['version_key', 'value', 'updated_at']);
  }

  /** See {@link AwsDescribeCache.prune}. */
  async prune(providerId: string, arns: Iterable<string>): Promise<void> {
    const keep = new Set(arns);
    const cached: Array<{ arn: string }> = await this.knex(CACHE_TABLE)
      .where('provider_id', providerId)
      .select('arn');
    const gone = cached.map(row => row.arn).filter(arn => !keep.has(arn));
    for (const batch of chunks(gone)) {
      await this.knex(CACHE_TABLE)
        .where('provider_id', providerId)
        .whereIn('arn', batch)
        .delete();
    }
  }

  /**
   * Records how a sync ended; an applied sync also becomes the provider's
   * last applied one.
   */
  async recordStatus(report: AwsSyncReport): Promise<void> {
    const entityCounts: Record<string, number> = {};
    for (const { kind } of report.entities ?? []) {
      entityCounts[kind] = (entityCounts[kind] ?? 0) + 1;
    }
    const row = {
      provider_id: report.providerId,
      started_at: report.startedAt,
      finished_at: report.finishedAt,
      duration_ms: report.finishedAt.getTime() - report.startedAt.getTime(),
      outcome: report.outcome,
      entity_counts: JSON.stringify(entityCounts),
      calls: JSON.stringify(report.calls),
      errors: JSON.stringify(report.errors),
    };
    const applied =
      report.outcome === 'applied'
        ? {
            last_applied_at: report.finishedAt,
            last_applied_entity_count: report.entities?.length ?? 0,
          }
        : {};
    await this.knex(STATUS_TABLE)
      .insert({ ...row, ...applied })
      .onConflict('provider_id')
      .merge([...Object.keys(row), ...Object.keys(applied)]);
  }

  /** The latest sync of a provider, if it has synced. */
  async getStatus(providerId: string): Promise<AwsSyncStatus | undefined> {
    const [row] = await this.knex<StatusRow>(STATUS_TABLE)
      .where('provider_id', providerId)
      .select();
    return row && toStatus(row);
  }

  /** The latest sync of every provider that has synced, by provider id. */
  async listStatus(): Promise<AwsSyncStatus[]> {
    const rows = await this.knex<StatusRow>(STATUS_TABLE)
      .orderBy('provider_id')
      .select();
    return rows.map(toStatus);
  }
}
