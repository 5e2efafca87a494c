import { addMinutes } from './addMinutes';
import { Estate } from './Estate';
import { ColumnSpec, EstateBuilder } from './EstateBuilder';
import { glueScript } from './glueScript';

/** Sizes of a benchmark estate; the defaults are the benchmark of issue 3. */
export interface BenchmarkEstateSizes {
  modelGroups?: number;
  versionsPerGroup?: number;
  /** Versions of one more group, a model retrained daily for years (none by default). */
  largeGroupVersions?: number;
  featureGroups?: number;
  featuresPerGroup?: number;
  /** All Glue tables, the feature groups' offline-store tables included. */
  glueTables?: number;
  glueJobs?: number;
  /** Seeds the random choices, so that the same sizes give the same estate. */
  seed?: number;
}

const ACCOUNT = '123456789012';
const REGION = 'eu-west-1';
const TEAMS = [
  'customer-ml',
  'fraud-ml',
  'pricing-ml',
  'risk-ml',
  'data-engineering',
  'ml-platform',
];
const TABLES_PER_DATABASE = 100;
const COLUMN_TYPES = [
  'string',
  'bigint',
  'double',
  'timestamp',
  'boolean',
  'date',
];
const FEATURE_TYPES = ['String', 'Integral', 'Fractional'] as const;
const BASE_TIME = '2024-01-01T00:00:00.000Z';

/**
 * A large estate in eu-west-1 of account 123456789012 for measuring sync
 * cost: model package groups with their versions, each version with its
 * training job (reading a Glue table and a feature group's offline store)
 * and model-quality report, feature groups with their offline-store tables,
 * Glue databases of 100 tables each, and Glue jobs copying one table into
 * another. The same sizes and seed always give the same estate.
 */
export function generateBenchmarkEstate(
  sizes: BenchmarkEstateSizes = {},
): Estate {
  const {
    modelGroups = 2000,
    versionsPerGroup = 5,
    largeGroupVersions = 0,
    featureGroups = 1000,
    featuresPerGroup = 30,
    glueTables = 5000,
    glueJobs = 500,
    seed = 1,
  } = sizes;
  const random = mulberry32(seed);
  const pick = <T>(items: readonly T[]): T =>
    items[Math.floor(random() * items.length)];
  const pad = (n: number, width = 5) => String(n).padStart(width, '0');
  const b = new EstateBuilder(ACCOUNT);

  const offlineStores: string[] = [];
  if (featureGroups > 0) {
    b.database(REGION, {
      name: 'sagemaker_featurestore',
      description: 'Offline stores of the SageMaker feature groups.',
      owner: 'ml-platform',
      createdAt: BASE_TIME,
    });
  }
  for (let i = 0; i < featureGroups; i++) {
    offlineStores.push(
      b.featureGroup(REGION, {
        name: `bench-fg-${pad(i)}`,
        description: `Benchmark feature group ${i}.`,
        owner: pick(TEAMS),
        createdAtEpochSeconds: Date.parse(BASE_TIME) / 1000 + i * 60,
        recordIdentifier: 'entity_id',
        eventTime: 'event_time',
        offlineStoreBucket: 'bench-feature-store',
        features: Array.from({ length: featuresPerGroup }, (_, f) => {
          if (f === 0) return ['entity_id', 'String'];
          if (f === 1) return ['event_time', 'String'];
          return [`feature_${pad(f, 3)}`, pick(FEATURE_TYPES)];
        }),
      }),
    );
  }

  const tables: { database: string; name: string; location: string }[] = [];
  const regularTables = Math.max(0, glueTables - featureGroups);
  for (let i = 0; i < regularTables; i++) {
    const database = `bench_db_${pad(Math.floor(i / TABLES_PER_DATABASE), 3)}`;
    if (i % TABLES_PER_DATABASE === 0) {
      b.database(REGION, {
        name: database,
        description: `Benchmark database ${database}.`,
        owner: pick(TEAMS),
        createdAt: BASE_TIME,
      });
    }
    const table = {
      database,
      name: `table_${pad(i)}`,
      location: `s3://bench-lake/${database}/table_${pad(i)}/`,
    };
    tables.push(table);
    b.table(REGION, {
      ...table,
      description: `Benchmark table ${i}.`,
      createdAt: addMinutes(BASE_TIME, i),
      format: 'parquet',
      columns: Array.from(
        { length: 6 + Math.floor(random() * 10) },
        (_, c): ColumnSpec => [`column_${c}`, pick(COLUMN_TYPES)],
      ),
      partitionKeys: [['dt', 'date']],
    });
  }

  const groupSizes = Array.from(
    { length: modelGroups },
    () => versionsPerGroup,
  );
  if (largeGroupVersions > 0) {
    groupSizes.push(largeGroupVersions);
  }
  for (const [g, versions] of groupSizes.entries()) {
    const group = `bench-model-${pad(g)}`;
    const createdAt = addMinutes(BASE_TIME, g * 10);
    b.modelGroup(REGION, {
      name: group,
      description: `Benchmark model ${g}.`,
      owner: pick(TEAMS),
      createdAt,
      createdBy: 'benchmark',
    });
    for (let v = 1; v <= versions; v++) {
      const trainedAt = addMinutes(createdAt, v * 60);
      const auc = 0.7 + random() * 0.25;
      const inputs: Record<string, string> = {};
      if (tables.length) inputs.train = pick(tables).location;
      if (offlineStores.length) inputs.features = `${pick(offlineStores)}/`;
      b.modelVersion(REGION, {
        group,
        version: v,
        description: `Version ${v} of benchmark model ${g}.`,
        approvalStatus: pick([
          'Approved',
          'Rejected',
          'PendingManualApproval',
        ] as const),
        stage: pick(['Development', 'Staging', 'Production', 'Archived']),
        framework: ['xgboost', '1.7'],
        image: `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/ml-inference/${group}:v${v}`,
        trainingJobName: `${group}-v${v}-train`,
        trainingStartedAt: trainedAt,
        trainingMinutes: 30,
        createdAt: addMinutes(trainedAt, 45),
        createdBy: 'benchmark',
        hyperparameters: {
          objective: 'binary:logistic',
          num_round: String(100 * v),
          max_depth: String(4 + (v % 4)),
          eta: '0.1',
        },
        inputs,
        outputPath: `s3://bench-artifacts/${group}`,
        instanceType: 'ml.m5.xlarge',
        trainingMetrics: {
          train: { auc: round(auc + 0.02) },
          validation: { auc: round(auc) },
        },
        testMetrics: { auc: round(auc - 0.01), f1: round(auc - 0.3) },
        problem: 'binary',
      });
    }
  }

  for (let j = 0; j < glueJobs && tables.length; j++) {
    const source = pick(tables);
    const target = pick(tables);
    b.glueJob(REGION, {
      name: `bench-job-${pad(j)}`,
      description: `Copies ${source.database}.${source.name} into ${target.database}.${target.name}.`,
      owner: pick(TEAMS),
      createdAt: addMinutes(BASE_TIME, j),
      scriptBucket: 'bench-glue-scripts',
      script: glueScript(`
source = glueContext.create_dynamic_frame.from_catalog(database="${source.database}", table_name="${source.name}", transformation_ctx="source")
mapped = ApplyMapping.apply(frame=source, mappings=[("column_0", "string", "column_0", "string")], transformation_ctx="mapped")
glueContext.write_dynamic_frame.from_catalog(frame=mapped, database="${target.database}", table_name="${target.name}", transformation_ctx="sink")`),
    });
  }
  return b.estate;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/** A small, fast PRNG with a 32-bit seed; deterministic unlike Math.random. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
