/*
 * yarn bench:sync [--scale 0.1] [--max-concurrency 4] [--skip-catalog]
 *
 * Syncs a generated AWS estate through the SageMaker and Glue providers from
 * the simulator (20 ms latency, 20 calls/s per operation), once from cold,
 * once with nothing changed, and once with every version of its largest
 * model group (2,000 versions) changed, then times how long the catalog takes to make
 * the synced entities readable compared with the same entities from a static
 * file. Prints a Markdown report for docs/benchmarks.md.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import {
  generateBenchmarkEstate,
  startAwsSimulator,
} from '@ml-foundation/aws-simulator';
import catalogModuleMlops from '@ml-foundation/plugin-catalog-backend-module-mlops';
import catalogModuleAwsGlue, {
  AwsGlueEntityProvider,
  readAwsGlueConfigs,
} from '@ml-foundation/plugin-catalog-backend-module-aws-glue';
import catalogModuleAwsSagemaker, {
  AwsSagemakerEntityProvider,
} from '@ml-foundation/plugin-catalog-backend-module-aws-sagemaker';
import {
  AwsClientFactory,
  AwsSyncStore,
  readAwsProviderConfigs,
} from '@ml-foundation/plugin-mlops-node';
import knexFactory, { Knex } from 'knex';
import { stringify } from 'yaml';

const LATENCY_MS = 20;
const RATE_PER_SECOND = 20;

const { values: args } = parseArgs({
  options: {
    scale: { type: 'string', default: '1' },
    'max-concurrency': { type: 'string', default: '4' },
    'skip-catalog': { type: 'boolean', default: false },
  },
});
const scale = Number(args.scale);
const maxConcurrency = Number(args['max-concurrency']);

function sqlite(file: string): Knex {
  return knexFactory({
    client: 'better-sqlite3',
    connection: { filename: file },
    useNullAsDefault: true,
  });
}

/** Samples the resident set size, for the peak of each phase. */
function rssSampler() {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage().rss);
    },
  };
}

const progress = (message: string) =>
  process.stderr.write(`[bench] ${new Date().toISOString()} ${message}\n`);

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
const mib = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MiB`;
const seconds = (s: number) => `${s.toFixed(1)} s`;

async function main() {
  const sizes = {
    modelGroups: Math.round(2000 * scale),
    versionsPerGroup: 5,
    largeGroupVersions: Math.round(2000 * scale),
    featureGroups: Math.round(1000 * scale),
    featuresPerGroup: 30,
    glueTables: Math.round(5000 * scale),
    glueJobs: Math.round(500 * scale),
  };
  const estate = generateBenchmarkEstate(sizes);
  const simulator = await startAwsSimulator({
    estate,
    faults: { latencyMs: LATENCY_MS, rateLimitPerSecond: RATE_PER_SECOND },
  });
  const region = Object.keys(estate.regions)[0];
  const providerConfig = {
    accountId: estate.accountId,
    region,
    endpoint: simulator.endpoint,
    schedule: { frequency: { hours: 24 }, timeout: { hours: 1 } },
    maxConcurrency,
  };
  const configData = {
    aws: { mainAccount: { accessKeyId: 'bench', secretAccessKey: 'bench' } },
    catalog: {
      providers: {
        awsSagemaker: { bench: providerConfig },
        awsGlue: { bench: providerConfig },
      },
    },
  };
  const rootConfig = new ConfigReader(configData);
  const workDir = mkdtempSync(join(tmpdir(), 'mlf-bench-'));
  const knex = sqlite(join(workDir, 'sync.sqlite'));
  const store = await AwsSyncStore.create({
    database: mockServices.database({ knex }),
  });
  const clients = AwsClientFactory.fromConfig(rootConfig);
  const logger = mockServices.rootLogger({ level: 'warn' });
  let applied: Entity[][] = [];
  const connection = {
    async applyMutation(mutation: any) {
      applied.push(mutation.entities.map((e: { entity: Entity }) => e.entity));
    },
    async refresh() {},
  };
  const taskRunner = { run: async () => {} };
  const sagemaker = new AwsSagemakerEntityProvider({
    config: readAwsProviderConfigs(rootConfig, 'awsSagemaker')[0],
    clients,
    store,
    logger,
    taskRunner,
  });
  const glue = new AwsGlueEntityProvider({
    config: readAwsGlueConfigs(rootConfig)[0],
    clients,
    store,
    logger,
    taskRunner,
  });
  await sagemaker.connect(connection);
  await glue.connect(connection);

  async function sync(label: string, providers = [sagemaker, glue]) {
    progress(`${label}: starting`);
    applied = [];
    simulator.resetStats();
    const rss = rssSampler();
    const start = performance.now();
    await Promise.all(providers.map(p => p.refresh()));
    const wall = (performance.now() - start) / 1000;
    progress(`${label}: done in ${seconds(wall)}`);
    const calls = simulator.stats();
    const errors = simulator.errors();
    const throttled: Record<string, number> = {};
    for (const [key, count] of Object.entries(errors)) {
      const [operation, code] = key.split(':');
      if (code === 'ThrottlingException' || code === 'SlowDown') {
        throttled[operation] = (throttled[operation] ?? 0) + count;
      }
    }
    // The least a client can do is each call once, unthrottled; the per
    // operation rate limit then bounds the wall time from below.
    const needed = Object.fromEntries(
      Object.entries(calls).map(([op, n]) => [op, n - (throttled[op] ?? 0)]),
    );
    const throttleMinimum = Math.max(
      ...Object.values(needed).map(n => n / RATE_PER_SECOND),
    );
    const statuses = await Promise.all(
      providers.map(p => store.getStatus(p.getProviderName())),
    );
    return {
      label,
      wall,
      peakRss: rss.stop(),
      calls,
      needed,
      throttled,
      throttleMinimum,
      entities: applied.flat(),
      outcomes: statuses.map(s => s?.outcome),
    };
  }

  const full = await sync('full sync (cold)');
  const unchanged = await sync('no-change sync');
  // Every version of the large group changes stage, as a bulk promotion
  // would: the SageMaker provider re-reads the whole group.
  const largeGroup = `bench-model-${String(sizes.modelGroups).padStart(
    5,
    '0',
  )}`;
  for (const version of estate.regions[region].sagemaker.modelPackages) {
    if (version.ModelPackageGroupName === largeGroup) {
      version.ModelLifeCycle = { Stage: 'Archived', StageStatus: 'Approved' };
    }
  }
  const largeGroupSync = await sync(
    `${sizes.largeGroupVersions} versions of one group changed (SageMaker provider)`,
    [sagemaker],
  );

  const report: string[] = [];
  report.push(
    `Estate: ${sizes.modelGroups} model groups, ${
      sizes.modelGroups * sizes.versionsPerGroup
    } versions and training jobs, ${sizes.featureGroups} feature groups (${
      sizes.featureGroups * sizes.featuresPerGroup
    } features), ${sizes.glueTables} Glue tables, ${
      sizes.glueJobs
    } Glue jobs, and one more group of ${
      sizes.largeGroupVersions
    } versions; simulator latency ${LATENCY_MS} ms, ${RATE_PER_SECOND} calls/s per operation, page size 100; maxConcurrency ${maxConcurrency} per provider.`,
    '',
    '| sync | outcome | entities | calls | of which throttled | calls / needed | wall time | throttle minimum | wall / minimum | peak RSS |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  );
  for (const run of [full, unchanged, largeGroupSync]) {
    const calls = sum(Object.values(run.calls));
    const needed = sum(Object.values(run.needed));
    report.push(
      `| ${run.label} | ${run.outcomes.join(', ')} | ${
        run.entities.length
      } | ${calls} | ${sum(Object.values(run.throttled))} | ${(
        calls / needed
      ).toFixed(3)} | ${seconds(run.wall)} | ${seconds(
        run.throttleMinimum,
      )} | ${(run.wall / run.throttleMinimum).toFixed(2)} | ${mib(
        run.peakRss,
      )} |`,
    );
  }
  report.push(
    '',
    '| operation | full sync calls | throttled | no-change sync calls | large group changed |',
    '| --- | --- | --- | --- | --- |',
  );
  for (const op of Object.keys(full.calls).sort()) {
    report.push(
      `| ${op} | ${full.calls[op]} | ${full.throttled[op] ?? 0} | ${
        unchanged.calls[op] ?? 0
      } | ${largeGroupSync.calls[op] ?? 0} |`,
    );
  }
  const describesUnchanged = sum(
    Object.entries(unchanged.calls)
      .filter(([op]) => /\.(Describe|GetDataflowGraph)/.test(op))
      .map(([, n]) => n),
  );
  // What a no-change sync cannot avoid: its list calls (tags and script
  // ETags are extra reads).
  const listCalls = sum(
    Object.entries(unchanged.needed)
      .filter(([op]) => /\.(List|Get(Databases|Tables|Jobs)$)/.test(op))
      .map(([, n]) => n),
  );
  const unchangedCalls = sum(Object.values(unchanged.calls));
  const tagReads = sum(
    Object.entries(unchanged.calls)
      .filter(([op]) => /(ListTags|GetTags|GetResources)$/.test(op))
      .map(([, n]) => n),
  );
  report.push(
    '',
    `Describe calls in the no-change sync: ${describesUnchanged}.`,
    `No-change sync: ${unchangedCalls} calls, ${tagReads} of them tag reads, against ${listCalls} list calls: ${(
      unchangedCalls / listCalls
    ).toFixed(3)}x (target 1.1x).`,
    `Large group: ${seconds(
      largeGroupSync.wall,
    )} against a throttle minimum of ${seconds(
      largeGroupSync.throttleMinimum,
    )}: ${(largeGroupSync.wall / largeGroupSync.throttleMinimum).toFixed(
      2,
    )}x (target 1.25x).`,
  );

  // The sync figures first: the catalog comparison takes long at full scale.
  process.stdout.write(`${report.join('\n')}\n`);
  if (!args['skip-catalog']) {
    const comparison = await catalogComparison(
      full.entities,
      configData,
      workDir,
      knex,
    );
    process.stdout.write(`\n${comparison.join('\n')}\n`);
  }
  await simulator.close();
  await knex.destroy();
  process.exit(0);
}

/**
 * Time until every entity is readable through the catalog API: from the
 * providers (their describe cache warm from the runs above, so the AWS part
 * is list calls only) against the same entities from a static file.
 */
async function catalogComparison(
  entities: Entity[],
  configData: object,
  workDir: string,
  syncKnex: Knex,
): Promise<string[]> {
  const file = join(workDir, 'entities.yaml');
  // As a file would have them: the catalog sets the location annotations.
  const asWritten = entities.map(({ metadata, ...rest }) => {
    const {
      'backstage.io/managed-by-location': _location,
      'backstage.io/managed-by-origin-location': _origin,
      ...annotations
    } = metadata.annotations ?? {};
    return { ...rest, metadata: { ...metadata, annotations } };
  });
  writeFileSync(file, asWritten.map(e => stringify(e)).join('---\n'));
  const rules = [
    {
      allow: [
        'Component',
        'Location',
        'Dataset',
        'FeatureGroup',
        'Model',
        'ModelVersion',
        'ModelDeployment',
      ],
    },
  ];

  async function timeUntilReadable(
    label: string,
    features: any[],
    data: object,
    knex: Knex,
  ) {
    const start = performance.now();
    const backend = await startTestBackend({
      features: [
        catalogPlugin,
        catalogModuleMlops,
        ...features,
        mockServices.database.factory({ knex }),
        mockServices.rootConfig.factory({ data }),
      ],
    });
    const address = backend.server.address() as { port: number };
    progress(`${label}: waiting for ${entities.length} entities`);
    const deadline = start + 30 * 60 * 1000;
    let readable = 0;
    while (readable < entities.length && performance.now() < deadline) {
      await new Promise(resolve => setTimeout(resolve, 500));
      const response = await fetch(
        `http://127.0.0.1:${
          address.port
        }/api/catalog/entities/by-query?limit=1&filter=${encodeURIComponent(
          'metadata.annotations.aws.amazon.com/arn',
        )}`,
      );
      readable = (await response.json()).totalItems ?? 0;
    }
    const elapsed = (performance.now() - start) / 1000;
    progress(`${label}: ${readable} readable after ${seconds(elapsed)}`);
    await backend.stop();
    return { label, elapsed, readable };
  }

  const fromProviders = await timeUntilReadable(
    'providers (warm describe cache)',
    [catalogModuleAwsSagemaker, catalogModuleAwsGlue],
    { ...configData, catalog: { ...(configData as any).catalog, rules } },
    syncKnex,
  );
  const fromFile = await timeUntilReadable(
    'static file location',
    [],
    { catalog: { rules, locations: [{ type: 'file', target: file }] } },
    sqlite(join(workDir, 'static.sqlite')),
  );
  return [
    '| source | entities readable | time until all readable |',
    '| --- | --- | --- |',
    ...[fromProviders, fromFile].map(
      r =>
        `| ${r.label} | ${r.readable} of ${entities.length} | ${seconds(
          r.elapsed,
        )} |`,
    ),
    '',
    `Ratio providers / static file: ${(
      fromProviders.elapsed / fromFile.elapsed
    ).toFixed(2)}.`,
  ];
}

main().catch(error => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
