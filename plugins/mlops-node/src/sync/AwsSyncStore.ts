import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';

type Knex = Awaited<ReturnType<DatabaseService['getClient']>>;

const MIGRATIONS_TABLE = 'mlops_aws_knex_migrations';
const CACHE_TABLE = 'mlops_aws_describe_cache';
const STATUS_TABLE = 'mlops_aws_sync_status';
const APPLIED_STATE_TABLE = 'mlops_aws_applied_state';
/** The status lists this many warnings at most; `warningCount` has them all. */
const MAX_LISTED_WARNINGS = 200;
/** Describe results are read again after at most a day by default. */
export const DEFAULT_DESCRIBE_CACHE_MAX_AGE_MS = 24 * 3600 * 1000;
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
  /** Optional reads that failed: the entities were applied without what they would have added. */
  warningCount: number;
  /** The first of those warnings, by entity. */
  warnings: AwsSyncWarning[];
  /** End of the latest sync whose entities reached the catalog, ISO 8601. */
  lastAppliedAt?: string;
  /** How many entities that sync gave the catalog. */
  lastAppliedEntityCount?: number;
}

/** An optional read that failed for one entity, in the sync status. */
export interface AwsSyncWarning {
  entityRef: string;
  /** What could not be read. */
  read: string;
  /** Why. */
  reason: string;
}

/** How a sync ended, for {@link AwsSyncStore.recordStatus}. */
export interface AwsSyncReport {
  providerId: string;
  startedAt: Date;
  finishedAt: Date;
  outcome: AwsSyncOutcome;
  /** The entities read; none when the read failed. */
  entities?: ReadonlyArray<{ kind: string }>;
  /** The refs of those entities, kept when the sync was applied. */
  entityRefs?: string[];
  /** AWS calls, by operation. */
  calls: Record<string, number>;
  errors: string[];
  warnings?: AwsSyncWarning[];
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
  /**
   * Caches a value under the resource's current version, until its max age
   * (spread over the second half of it, so entries cached in one sync do not
   * all expire in the same later one).
   */
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
  warnings: string | null;
  last_applied_at: Date | string | number | null;
  last_applied_entity_count: number | null;
  last_applied_entity_refs: string | null;
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
  const warnings: { count: number; listed: AwsSyncWarning[] } = row.warnings
    ? JSON.parse(row.warnings)
    : { count: 0, listed: [] };
  return {
    providerId: row.provider_id,
    startedAt: toIso(row.started_at),
    finishedAt: toIso(row.finished_at),
    durationMs: row.duration_ms,
    outcome: row.outcome,
    entityCounts: JSON.parse(row.entity_counts),
    calls: JSON.parse(row.calls),
    errors: JSON.parse(row.errors),
    warningCount: warnings.count,
    warnings: warnings.listed,
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

  /**
   * The describe cache of one provider, whose entries are read again after
   * at most `maxAgeMs` (default a day) even when AWS shows no change.
   */
  describeCache(
    providerId: string,
    options: { maxAgeMs?: number; random?: () => number } = {},
  ): AwsDescribeCache {
    const maxAgeMs = options.maxAgeMs ?? DEFAULT_DESCRIBE_CACHE_MAX_AGE_MS;
    const random = options.random ?? Math.random;
    return {
      get: (arn, versionKey) => this.get(providerId, arn, versionKey),
      getMany: keys => this.getMany(providerId, keys),
      put: (arn, versionKey, value) =>
        this.put(
          providerId,
          arn,
          versionKey,
          value,
          new Date(Date.now() + maxAgeMs * (0.5 + random() / 2)),
        ),
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
        .select('arn', 'version_key', 'value', 'expires_at');
      const now = Date.now();
      for (const row of rows) {
        const expired =
          row.expires_at !== null && new Date(row.expires_at).getTime() <= now;
        if (!expired && wanted.get(row.arn) === row.version_key) {
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
    expiresAt?: Date,
  ): Promise<void> {
    await this.knex(CACHE_TABLE)
      .insert({
        provider_id: providerId,
        arn,
        version_key: versionKey,
        value: JSON.stringify(value),
        updated_at: this.knex.fn.now(),
        expires_at: expiresAt ?? null,
      })
      .onConflict(['provider_id', 'arn'])
      .merge(['version_key', 'value', 'updated_at', 'expires_at']);
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
      warnings: JSON.stringify({
        count: report.warnings?.length ?? 0,
        listed: (report.warnings ?? []).slice(0, MAX_LISTED_WARNINGS),
      }),
    };
    const applied =
      report.outcome === 'applied'
        ? {
            last_applied_at: report.finishedAt,
            last_applied_entity_count: report.entities?.length ?? 0,
            last_applied_entity_refs: report.entityRefs
              ? JSON.stringify(report.entityRefs)
              : null,
          }
        : {};
    await this.knex(STATUS_TABLE)
      .insert({ ...row, ...applied })
      .onConflict('provider_id')
      .merge([...Object.keys(row), ...Object.keys(applied)]);
  }

  /**
   * The refs of the entities the provider's latest applied sync gave the
   * catalog; undefined before the first one (or one recorded without refs).
   */
  async getLastAppliedEntityRefs(
    providerId: string,
  ): Promise<string[] | undefined> {
    const row = await this.knex<StatusRow>(STATUS_TABLE)
      .where('provider_id', providerId)
      .first('last_applied_entity_refs');
    return row?.last_applied_entity_refs
      ? JSON.parse(row.last_applied_entity_refs)
      : undefined;
  }

  /** What the provider's latest applied sync saw of each resource it follows, by ARN. */
  async getAppliedState<T>(providerId: string): Promise<Map<string, T>> {
    const rows: Array<{ arn: string; state: string }> = await this.knex(
      APPLIED_STATE_TABLE,
    )
      .where('provider_id', providerId)
      .select('arn', 'state');
    return new Map(rows.map(row => [row.arn, JSON.parse(row.state)]));
  }

  /** Replaces what the provider's latest applied sync saw, see {@link AwsSyncStore.getAppliedState}. */
  async replaceAppliedState<T>(
    providerId: string,
    states: Map<string, T>,
  ): Promise<void> {
    await this.knex.transaction(async tx => {
      await tx(APPLIED_STATE_TABLE).where('provider_id', providerId).delete();
      for (const batch of chunks([...states])) {
        await tx(APPLIED_STATE_TABLE).insert(
          batch.map(([arn, state]) => ({
            provider_id: providerId,
            arn,
            state: JSON.stringify(state),
          })),
        );
      }
    });
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
