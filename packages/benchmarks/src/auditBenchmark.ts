/*
 * yarn bench:audit [--events 1000000] [--appends 50000] [--database sqlite|postgres|both]
 *
 * The audit trail with a million events, on SQLite (a file, the driver's
 * defaults) and on PostgreSQL (AUDIT_BENCH_POSTGRES_CONNECTION_STRING,
 * default postgresql://postgres@127.0.0.1:55433; a database
 * mlops_audit_bench is created there afresh):
 * - sustained append rate: `--appends` events through AuditTrail.append,
 *   8 callers at a time, each append its own transaction on the chain head;
 * - the rest of the chain bulk-seeded (multi-row inserts of events hashed
 *   with the same function), so the reads run against `--events` events;
 * - p50/p95 of the first and a second page of 50 of an entity (half Models,
 *   whose pages include their versions, half ModelVersions);
 * - full-chain verification rate;
 * - CSV export rate of the whole chain and the RSS sampled during it.
 * Prints a Markdown report for docs/benchmarks.md.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { mockServices } from '@backstage/backend-test-utils';
// The benchmark measures the backend plugin's own AuditTrail, in-process.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import {
  applyMlopsMigrations,
  AuditTrail,
  auditEventHash,
  canonicalJson,
  GENESIS_HASH,
} from '@ml-foundation/plugin-mlops-backend';
import knexFactory, { Knex } from 'knex';

const { values: args } = parseArgs({
  options: {
    events: { type: 'string', default: '1000000' },
    appends: { type: 'string', default: '50000' },
    database: { type: 'string', default: 'both' },
  },
});
const TOTAL_EVENTS = Number(args.events);
const SINGLE_CALLER_APPENDS = 5000;
const APPENDS = Math.min(
  Number(args.appends),
  TOTAL_EVENTS - SINGLE_CALLER_APPENDS,
);
const APPEND_CALLERS = 8;
const MODELS = 2000;
const VERSIONS_PER_MODEL = 5;
const PAGE_QUERIES = 1000;
const SEED_BATCH = 500;
const POSTGRES =
  process.env.AUDIT_BENCH_POSTGRES_CONNECTION_STRING ??
  'postgresql://postgres@127.0.0.1:55433';
const loadAverage = () =>
  loadavg()
    .map(load => load.toFixed(1))
    .join(' / ');
const LOAD_AT_START = loadAverage();
const ACTIONS = [
  'review.opened',
  'checkpoint.evaluated',
  'review.decision',
  'transition.completed',
  'writeback.succeeded',
];

/** A deterministic pseudo-random sequence, so every run sees the same estate. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

/** A plausible event: a version of one of the models, with some details. */
function benchmarkEvent(n: number, next: () => number) {
  const model = Math.floor(next() * MODELS);
  const version = 1 + Math.floor(next() * VERSIONS_PER_MODEL);
  return {
    actor: `user:default/user-${Math.floor(next() * 200)}`,
    action: ACTIONS[n % ACTIONS.length],
    targetRef: `modelversion:default/model-${model}-v${version}`,
    targetArn: `arn:aws:sagemaker:eu-west-1:123456789012:model-package/model-${model}/${version}`,
    modelRef: `model:default/model-${model}`,
    details: {
      checkpoint: 'quality',
      metric: 'validation:auc',
      value: Math.round(next() * 1000) / 1000,
      comment: n % 7 === 0 ? 'Looks good, "ship it"' : undefined,
    },
  };
}

/**
 * Samples the resident set size: on a timer, and on each exported chunk,
 * since with SQLite's synchronous driver the export never lets timers run.
 */
function rssSampler() {
  let peak = process.memoryUsage.rss();
  const samples: number[] = [];
  const sample = () => {
    const rss = process.memoryUsage.rss();
    samples.push(rss);
    peak = Math.max(peak, rss);
  };
  const timer = setInterval(sample, 100);
  return {
    sample,
    stop() {
      clearInterval(timer);
      return { peak, samples };
    },
  };
}

const mib = (bytes: number) => `${Math.round(bytes / 1048576)} MiB`;
const rate = (count: number, ms: number) =>
  `${Math.round((count / ms) * 1000).toLocaleString('en-US')}/s`;

function percentile(values: number[], p: number) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

async function openDatabase(
  name: 'sqlite' | 'postgres',
): Promise<{ knex: Knex; close(): Promise<void> }> {
  if (name === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'audit-bench-'));
    const knex = knexFactory({
      client: 'better-sqlite3',
      connection: { filename: join(dir, 'audit.sqlite') },
      useNullAsDefault: true,
    });
    return {
      knex,
      async close() {
        await knex.destroy();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const admin = knexFactory({ client: 'pg', connection: POSTGRES });
  await admin.raw('DROP DATABASE IF EXISTS mlops_audit_bench');
  await admin.raw('CREATE DATABASE mlops_audit_bench');
  await admin.destroy();
  const url = new URL(POSTGRES);
  url.pathname = '/mlops_audit_bench';
  const knex = knexFactory({
    client: 'pg',
    connection: url.toString(),
    pool: { min: 0, max: 10 },
  });
  return { knex, close: () => knex.destroy() };
}

type ChainHead = { sequence: number; hash: string };
const SEED_START = Date.parse('2026-01-01T00:00:00Z');

/** The next `count` stored rows of the chain after `head`, hashed as append does. */
function seedRows(head: ChainHead, count: number, next: () => number) {
  const rows = [];
  let last = head;
  for (let i = 0; i < count; i++) {
    const sequence = last.sequence + 1;
    const event = benchmarkEvent(sequence, next);
    const fields = {
      sequence,
      id: crypto.randomUUID(),
      occurredAt: new Date(SEED_START + sequence * 1000).toISOString(),
      actor: event.actor,
      action: event.action,
      targetRef: event.targetRef,
      targetArn: event.targetArn,
      modelRef: event.modelRef,
      detailsJson: canonicalJson(event.details),
      previousHash: last.hash,
    };
    last = { sequence, hash: auditEventHash(fields) };
    rows.push({
      sequence,
      id: fields.id,
      occurred_at: fields.occurredAt,
      actor: fields.actor,
      action: fields.action,
      target_ref: fields.targetRef,
      target_arn: fields.targetArn,
      model_ref: fields.modelRef,
      details: fields.detailsJson,
      previous_hash: fields.previousHash,
      hash: last.hash,
    });
  }
  return { rows, last };
}

/** Appends the rest of the chain in multi-row inserts, 50,000 a transaction. */
async function bulkSeed(knex: Knex, upTo: number, next: () => number) {
  const stored = await knex('mlops_audit_chain_head').where({ id: 1 }).first();
  let head: ChainHead = {
    sequence: Number(stored.last_sequence),
    hash: stored.last_hash ?? GENESIS_HASH,
  };
  while (head.sequence < upTo) {
    const { rows, last } = seedRows(
      head,
      Math.min(50000, upTo - head.sequence),
      next,
    );
    await knex.transaction(async tx => {
      for (let i = 0; i < rows.length; i += SEED_BATCH) {
        await tx('mlops_audit_events').insert(rows.slice(i, i + SEED_BATCH));
      }
      await tx('mlops_audit_chain_head')
        .where({ id: 1 })
        .update({ last_sequence: last.sequence, last_hash: last.hash });
    });
    head = last;
    if (head.sequence % 100000 === 0)
      console.error(`  seeded ${head.sequence}`);
  }
}

async function benchmark(name: 'sqlite' | 'postgres') {
  console.error(`${name}: opening`);
  const { knex, close } = await openDatabase(name);
  try {
    await applyMlopsMigrations(knex);
    if (name === 'postgres') await knex.raw('ANALYZE');
    const trail = AuditTrail.create({
      knex,
      logger: mockServices.rootLogger({ level: 'warn' }),
    });
    const next = random(42);

    console.error(`${name}: ${APPENDS} appends`);
    let appended = 0;
    const appendStart = performance.now();
    await Promise.all(
      Array.from({ length: APPEND_CALLERS }, async () => {
        while (appended < APPENDS) {
          appended += 1;
          await trail.append(benchmarkEvent(appended, next));
        }
      }),
    );
    const appendMs = performance.now() - appendStart;

    console.error(`${name}: ${SINGLE_CALLER_APPENDS} appends by one caller`);
    const singleStart = performance.now();
    for (let i = 0; i < SINGLE_CALLER_APPENDS; i++) {
      await trail.append(benchmarkEvent(appended + i, next));
    }
    const singleMs = performance.now() - singleStart;

    console.error(`${name}: seeding to ${TOTAL_EVENTS}`);
    const seedStart = performance.now();
    await bulkSeed(knex, TOTAL_EVENTS, next);
    const seedMs = performance.now() - seedStart;
    if (name === 'postgres') await knex.raw('ANALYZE');

    console.error(`${name}: pages`);
    const firstPages: number[] = [];
    const secondPages: number[] = [];
    for (let i = 0; i < PAGE_QUERIES; i++) {
      const model = Math.floor(next() * MODELS);
      const entityRef =
        i % 2
          ? `model:default/model-${model}`
          : `modelversion:default/model-${model}-v${
              1 + Math.floor(next() * VERSIONS_PER_MODEL)
            }`;
      let started = performance.now();
      const page = await trail.query({ entityRef, limit: 50 });
      firstPages.push(performance.now() - started);
      if (page.nextCursor) {
        started = performance.now();
        await trail.query({ entityRef, limit: 50, cursor: page.nextCursor });
        secondPages.push(performance.now() - started);
      }
    }

    console.error(`${name}: verify`);
    const verifyStart = performance.now();
    const verification = await trail.verify();
    const verifyMs = performance.now() - verifyStart;
    if (!verification.ok || verification.checkedEvents !== TOTAL_EVENTS) {
      throw new Error(`Verification failed: ${JSON.stringify(verification)}`);
    }

    console.error(`${name}: export`);
    global.gc?.();
    const rssBefore = process.memoryUsage().rss;
    const sampler = rssSampler();
    const exportStart = performance.now();
    let bytes = 0;
    let lines = 0;
    for await (const chunk of trail.export({}, { format: 'csv' })) {
      sampler.sample();
      bytes += chunk.length;
      for (
        let i = chunk.indexOf('\n');
        i !== -1;
        i = chunk.indexOf('\n', i + 1)
      )
        lines += 1;
    }
    const exportMs = performance.now() - exportStart;
    const { peak, samples } = sampler.stop();
    if (lines !== TOTAL_EVENTS + 1) {
      throw new Error(`Export wrote ${lines - 1} events, not ${TOTAL_EVENTS}`);
    }
    const decile = (d: number) =>
      samples.length
        ? mib(
            samples[
              Math.min(
                samples.length - 1,
                Math.floor((samples.length * d) / 10),
              )
            ],
          )
        : 'n/a';

    return {
      name,
      append: `${rate(APPENDS, appendMs)} (${APPENDS.toLocaleString(
        'en-US',
      )} in ${(appendMs / 1000).toFixed(1)} s)`,
      single: `${rate(
        SINGLE_CALLER_APPENDS,
        singleMs,
      )} (${SINGLE_CALLER_APPENDS.toLocaleString('en-US')} in ${(
        singleMs / 1000
      ).toFixed(1)} s)`,
      seed: `${rate(
        TOTAL_EVENTS - APPENDS - SINGLE_CALLER_APPENDS,
        seedMs,
      )} bulk`,
      firstPage: `p50 ${percentile(firstPages, 0.5).toFixed(
        1,
      )} ms, p95 ${percentile(firstPages, 0.95).toFixed(1)} ms`,
      secondPage: `p50 ${percentile(secondPages, 0.5).toFixed(
        1,
      )} ms, p95 ${percentile(secondPages, 0.95).toFixed(1)} ms (${
        secondPages.length
      })`,
      verify: `${rate(TOTAL_EVENTS, verifyMs)} (${(verifyMs / 1000).toFixed(
        1,
      )} s)`,
      exportRate: `${rate(TOTAL_EVENTS, exportMs)} (${(exportMs / 1000).toFixed(
        1,
      )} s, ${mib(bytes)})`,
      exportMemory: `${mib(rssBefore)} before, peak ${mib(
        peak,
      )}; at 10/50/90%: ${decile(1)} / ${decile(5)} / ${decile(9)}`,
    };
  } finally {
    await close();
  }
}

async function main() {
  const names: Array<'sqlite' | 'postgres'> =
    args.database === 'both'
      ? ['sqlite', 'postgres']
      : [args.database as 'sqlite' | 'postgres'];
  const results = [];
  for (const name of names) {
    results.push(await benchmark(name));
    console.error(JSON.stringify(results[results.length - 1]));
  }
  const rows: Array<[string, keyof (typeof results)[number]]> = [
    [`sustained append (${APPEND_CALLERS} callers)`, 'append'],
    ['append by one caller, each awaited', 'single'],
    ['bulk seed of the rest (not a target)', 'seed'],
    ['entity page of 50 (first page)', 'firstPage'],
    ['entity page of 50 (second page, by cursor)', 'secondPage'],
    ['full-chain verification', 'verify'],
    ['CSV export of the whole chain', 'exportRate'],
    ['RSS during the export', 'exportMemory'],
  ];
  console.log(
    `\n${TOTAL_EVENTS.toLocaleString(
      'en-US',
    )} events, ${new Date().toISOString()}, Node ${process.version}, ${
      cpus().length
    } cores, load average (1/5/15 min) at start ${LOAD_AT_START}, at end ${loadAverage()}\n`,
  );
  console.log(`| measure | ${results.map(r => r.name).join(' | ')} |`);
  console.log(`| --- | ${results.map(() => '---').join(' | ')} |`);
  for (const [label, key] of rows) {
    console.log(`| ${label} | ${results.map(r => r[key]).join(' | ')} |`);
  }
}

main().then(
  () => process.exit(0),
  error => {
    console.error(error);
    process.exit(1);
  },
);
