/*
 * yarn bench:frontend [--runs 5] [--skip-bundle] [--reuse-builds] [--keep-running]
 *
 * Measures the ML entity pages in Debian's Chromium against a production
 * build of packages/app: the Model page of a model with 1,000 versions and
 * the Lineage tab of a neighbourhood of about 300 nodes, each opened inside
 * the portal and loaded in a new page, and what the mlops plugin adds to the
 * app's initial bundle. Starts its own AWS simulator,
 * backend and static frontend server on ports apart from the demo's
 * (4666, 7107, 3100), with a fresh SQLite folder; the estate reaches the
 * catalog through the SageMaker and Glue providers, as in production. Prints
 * a Markdown report for docs/benchmarks.md.
 */
import { ChildProcess, spawn } from 'node:child_process';
import {
  closeSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer, Server } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import {
  generateBenchmarkEstate,
  startAwsSimulator,
} from '@ml-foundation/aws-simulator';
import { chromium, Page } from 'playwright-core';
import { stringify } from 'yaml';

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    'app-port': { type: 'string', default: '3100' },
    'backend-port': { type: 'string', default: '7107' },
    'simulator-port': { type: 'string', default: '4666' },
    'skip-bundle': { type: 'boolean', default: false },
    // Serve the builds of the last run (packages/benchmarks/dist/frontend).
    'reuse-builds': { type: 'boolean', default: false },
    // Leave the portal up after the report, to look at the pages, until Ctrl-C.
    'keep-running': { type: 'boolean', default: false },
  },
});
const RUNS = Number(args.runs);
const APP_PORT = Number(args['app-port']);
const BACKEND_PORT = Number(args['backend-port']);
const SIMULATOR_PORT = Number(args['simulator-port']);
const APP_URL = `http://localhost:${APP_PORT}`;
const BACKEND_URL = `http://localhost:${BACKEND_PORT}`;

// `yarn bench:frontend` runs in packages/benchmarks.
const REPO = resolve(process.cwd(), '../..');
const BUILD_ROOT = resolve(process.cwd(), 'dist/frontend');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const MLOPS_PACKAGE = '@ml-foundation/plugin-mlops';
const USER = 'priya.raman';

/** The model of 1,000 versions, and the model whose lineage is measured. */
const BIG_MODEL = { group: 'bench-model-00001', versions: 1000 };
const LINEAGE_MODEL = { group: 'bench-model-00000', versions: 180 };

const progress = (message: string) =>
  process.stderr.write(`[bench] ${new Date().toISOString()} ${message}\n`);
const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const ms = (value: number) => `${Math.round(value)} ms`;
const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;

/** The benchmark's own configuration, on top of the demo's. */
function writeBenchConfig(workDir: string, token: string): string[] {
  const provider = { endpoint: `http://localhost:${SIMULATOR_PORT}` };
  const config = {
    app: { baseUrl: APP_URL },
    backend: {
      baseUrl: BACKEND_URL,
      listen: { port: BACKEND_PORT },
      cors: { origin: APP_URL },
      database: { connection: { directory: join(workDir, 'sqlite') } },
      // For polling the catalog until the providers' entities are stitched.
      auth: {
        externalAccess: [
          { type: 'static', options: { token, subject: 'frontend-bench' } },
        ],
      },
    },
    catalog: {
      // Users to sign in as; the demo's other entities stay out.
      locations: [{ type: 'file', target: join(REPO, 'examples/org.yaml') }],
      providers: {
        awsSagemaker: { demo: provider },
        awsGlue: { demo: provider },
      },
    },
  };
  const file = join(workDir, 'app-config.bench.yaml');
  writeFileSync(file, stringify(config));
  return [
    join(REPO, 'app-config.yaml'),
    join(REPO, 'app-config.demo.yaml'),
    file,
  ];
}

/** Stopped when this process exits, however it exits. */
const children: ChildProcess[] = [];
process.on('exit', () => children.forEach(stop));
process.once('SIGINT', () => process.exit(130));
process.once('SIGTERM', () => process.exit(143));

function run(
  command: string,
  commandArgs: string[],
  options: { cwd: string; log: string; env?: NodeJS.ProcessEnv },
): ChildProcess {
  const log = openSync(options.log, 'a');
  const child = spawn(command, commandArgs, {
    cwd: options.cwd,
    // Its own process group, so that stopping it stops its children.
    detached: true,
    stdio: ['ignore', log, log],
    env: { ...process.env, NODE_ENV: undefined, ...options.env },
  });
  closeSync(log);
  children.push(child);
  return child;
}

function stop(child: ChildProcess | undefined) {
  if (child?.pid && child.exitCode === null) {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
}

function waitForExit(child: ChildProcess, what: string): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    child.on('exit', code =>
      code === 0
        ? resolvePromise()
        : reject(new Error(`${what} exited with ${code}`)),
    );
  });
}

/**
 * Builds packages/app for production from a copy of it under dist/ (the
 * build writes the detected-plugins module and dist/ into the package it
 * builds, which the demo's dev server reads), with or without the mlops
 * plugin in the discovered features.
 */
async function buildApp(
  variant: 'with' | 'without',
  configPaths: string[],
  workDir: string,
): Promise<string> {
  const out = join(BUILD_ROOT, variant);
  if (args['reuse-builds'] && existsSync(join(out, 'index.html'))) {
    return out;
  }
  const copy = join(BUILD_ROOT, `app-${variant}`);
  rmSync(copy, { recursive: true, force: true });
  mkdirSync(copy, { recursive: true });
  for (const entry of ['package.json', 'src', 'public']) {
    cpSync(join(REPO, 'packages/app', entry), join(copy, entry), {
      recursive: true,
    });
  }
  const paths = [...configPaths];
  if (variant === 'without') {
    const app = readFileSync(join(copy, 'src/App.tsx'), 'utf8');
    if (app.includes(MLOPS_PACKAGE)) {
      throw new Error(
        `packages/app/src/App.tsx imports ${MLOPS_PACKAGE}: excluding it from discovery would not remove it`,
      );
    }
    const exclude = join(workDir, 'app-config.without-mlops.yaml');
    writeFileSync(
      exclude,
      stringify({ app: { packages: { exclude: [MLOPS_PACKAGE] } } }),
    );
    paths.push(exclude);
  }
  progress(`building the app ${variant} the mlops plugin`);
  const started = Date.now();
  const build = run(
    process.execPath,
    [
      join(REPO, 'node_modules/@backstage/cli/bin/backstage-cli'),
      'package',
      'build',
      ...paths.flatMap(p => ['--config', p]),
    ],
    { cwd: copy, log: join(workDir, `build-${variant}.log`) },
  );
  await waitForExit(build, `the ${variant} build (${workDir})`);
  progress(`built in ${Math.round((Date.now() - started) / 1000)} s`);
  rmSync(out, { recursive: true, force: true });
  renameSync(join(copy, 'dist'), out);
  rmSync(copy, { recursive: true, force: true });
  return out;
}

/** Gzipped size of the JS that index.html loads, and of all JS. */
function bundleSizes(dist: string) {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const initial = [...html.matchAll(/<script[^>]+src="([^"]+\.js)"/g)].map(m =>
    m[1].replace(/^\//, ''),
  );
  const gz = (file: string) => gzipSync(readFileSync(join(dist, file))).length;
  const allJs = readdirSync(join(dist, 'static')).filter(
    f => extname(f) === '.js',
  );
  return {
    initialFiles: initial.length,
    initialGzip: initial.reduce((sum, f) => sum + gz(f), 0),
    initialRaw: initial.reduce(
      (sum, f) => sum + statSync(join(dist, f)).size,
      0,
    ),
    allJsFiles: allJs.length,
    allJsGzip: allJs.reduce((sum, f) => sum + gz(join('static', f)), 0),
  };
}

/** The built app, as the app backend would serve it. */
function serveStatic(dist: string): Promise<Server> {
  const types: Record<string, string> = {
    '.html': 'text/html',
    '.js': 'text/javascript',
    '.css': 'text/css',
    '.json': 'application/json',
    '.svg': 'image/svg+xml',
    '.png': 'image/png',
    '.ico': 'image/x-icon',
    '.woff2': 'font/woff2',
  };
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url!, APP_URL).pathname);
    let file = join(dist, path);
    if (
      !file.startsWith(dist) ||
      !existsSync(file) ||
      statSync(file).isDirectory()
    ) {
      file = join(dist, 'index.html');
    }
    const immutable = path.startsWith('/static/');
    res.writeHead(200, {
      'content-type': types[extname(file)] ?? 'application/octet-stream',
      'cache-control': immutable
        ? 'public, max-age=31536000, immutable'
        : 'no-store',
    });
    res.end(readFileSync(file));
  });
  return new Promise(r => server.listen(APP_PORT, () => r(server)));
}

async function catalogQuery(token: string, filter: string, fields?: string) {
  const url = `${BACKEND_URL}/api/catalog/entities/by-query?limit=1000&filter=${encodeURIComponent(
    filter,
  )}${fields ? `&fields=${fields}` : ''}`;
  const response = await fetch(url, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return (await response.json()) as {
    items: any[];
    totalItems: number;
  };
}

/**
 * Waits until the providers' entities are in the catalog with their
 * relations stitched: both models with all their versions, and the lineage
 * (from the mlops backend, as the Lineage tab reads it) the same size in
 * three polls in a row.
 */
async function waitForEstate(token: string) {
  const deadline = Date.now() + 30 * 60_000;
  const sizes: string[] = [];
  for (;;) {
    if (Date.now() > deadline) throw new Error('the estate never appeared');
    try {
      const models = await catalogQuery(
        token,
        'kind=Model',
        'metadata.name,metadata.title,relations',
      );
      const find = (group: string) =>
        models.items.find(m => m.metadata.title === group);
      const big = find(BIG_MODEL.group);
      const lineage = find(LINEAGE_MODEL.group);
      const versionsOf = (model: any) =>
        (model?.relations ?? []).filter((r: any) => r.type === 'hasVersion')
          .length;
      let size = 'no lineage yet';
      if (lineage) {
        const response = await fetch(
          `${BACKEND_URL}/api/mlops/lineage?entityRef=${encodeURIComponent(
            `model:default/${lineage.metadata.name}`,
          )}&depth=3&direction=both`,
          { headers: { authorization: `Bearer ${token}` } },
        );
        if (!response.ok) throw new Error(`lineage: ${response.status}`);
        const graph = await response.json();
        size = `${graph.nodes.length} nodes, ${graph.edges.length} edges`;
      }
      sizes.push(size);
      progress(
        `catalog: ${versionsOf(big)}/${BIG_MODEL.versions} and ${versionsOf(
          lineage,
        )}/${LINEAGE_MODEL.versions} versions stitched; lineage ${size}`,
      );
      const stable =
        sizes.length >= 3 && sizes.slice(-3).every(v => v === size);
      if (
        versionsOf(big) === BIG_MODEL.versions &&
        versionsOf(lineage) === LINEAGE_MODEL.versions &&
        stable
      ) {
        return { big: big.metadata.name, lineage: lineage.metadata.name };
      }
    } catch (error) {
      progress(`waiting for the backend: ${error}`);
    }
    await sleep(10_000);
  }
}

/**
 * In the page, from navigation start: `versions` when the versions table
 * shows its first row (the newest version's link), `lineage` when the graph
 * has all its nodes placed and fitView has run, and `interactive` when a
 * click on the graph's zoom-in control, made as soon as the main thread is
 * free after that frame, has changed the viewport. Each mark is the start of
 * the frame after the DOM change (layout done, paint next). `versionsPage`,
 * `versionsData` and `lineageData` are when the responses of the table's
 * first page, of all versions and of the lineage call ended (read once the
 * visit has settled), so the rest is the browser's work.
 */
const MARKS_SCRIPT = `(() => {
  const marks = (window.__benchMarks = {});
  const atNextFrame = (name, then) =>
    requestAnimationFrame(() => { marks[name] ??= performance.now(); then?.(); });
  const responseEnd = pattern => Math.max(0, ...performance
    .getEntriesByType('resource')
    .filter(e => e.startTime >= (marks.start ?? 0) && pattern.test(e.name))
    .map(e => e.responseEnd));
  // Read once the visit has settled: all versions may answer after the table.
  window.__benchResponses = () => {
    marks.versionsPage = responseEnd(/\\/api\\/catalog\\/entities\\/by-query\\?.*ModelVersion/);
    marks.versionsData = responseEnd(/\\/api\\/catalog\\/entities\\?.*ModelVersion/);
    marks.lineageData = responseEnd(/\\/api\\/mlops\\/lineage/);
  };
  const check = () => {
    if (!marks.versionsSeen) {
      const link = [...document.querySelectorAll('table tbody tr a')].find(
        a => /^v\\d+$/.test(a.textContent.trim()));
      if (link) {
        marks.versionsSeen = true;
        atNextFrame('versions');
      }
    }
    if (!marks.lineageSeen) {
      const viewport = document.querySelector('.react-flow__viewport');
      const nodes = document.querySelectorAll('.react-flow__node');
      const shown = [...nodes].filter(n => n.style.visibility !== 'hidden');
      if (viewport && nodes.length > 0 && shown.length === nodes.length &&
          viewport.style.transform && viewport.style.transform !== 'translate(0px, 0px) scale(1)') {
        marks.lineageSeen = true;
        marks.lineageNodes = nodes.length;
        const before = viewport.style.transform;
        new MutationObserver((_, observer) => {
          if (viewport.style.transform !== before) {
            observer.disconnect();
            atNextFrame('interactive');
          }
        }).observe(viewport, { attributes: true, attributeFilter: ['style'] });
        atNextFrame('lineage', () => setTimeout(() =>
          document.querySelector('.react-flow__controls-zoomin').click()));
      }
    }
  };
  new MutationObserver(check).observe(document, {
    subtree: true, childList: true, attributes: true,
    attributeFilter: ['style'],
  });
  new PerformanceObserver(list => {
    for (const e of list.getEntries()) {
      if (e.startTime >= (marks.start ?? 0)) {
        marks.longestTask = Math.max(marks.longestTask ?? 0, e.duration);
      }
    }
  }).observe({ type: 'longtask', buffered: true });
  // A navigation inside the portal, as a link makes it (React Router
  // follows popstate); marks are then from \`start\`.
  window.__benchNavigate = url => {
    for (const key of Object.keys(marks)) delete marks[key];
    marks.start = performance.now();
    history.pushState({}, '', url);
    dispatchEvent(new PopStateEvent('popstate', { state: {} }));
  };
})();`;

/**
 * Like {@link measure}, but opening the page from the Settings page inside
 * the portal, its shell already loaded: times are from that navigation.
 */
async function measureInApp(
  page: Page,
  path: string,
  mark: string,
  settleMs = 3000,
) {
  // Not /settings: its redirect to /settings/general, when late, undid the
  // navigation below (the visit then timed out on the Settings page).
  await page.goto(`${APP_URL}/settings/general`, { timeout: 120_000 });
  await page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name: 'Settings' })
    .waitFor({ timeout: 120_000 });
  await page.evaluate(p => (window as any).__benchNavigate(p), path);
  const marks = await waitForMarks(page, mark, settleMs);
  const relative: Record<string, number> = { ...marks };
  for (const key of [
    'versions',
    'versionsPage',
    'versionsData',
    'lineage',
    'lineageData',
    'interactive',
  ]) {
    // 0: no such request in this visit.
    if (marks[key]) relative[key] = marks[key] - marks.start;
  }
  return relative;
}

/** Where a visit that never reached its mark leaves a screenshot. */
let diagnosticsDir = tmpdir();

async function waitForMarks(page: Page, mark: string, settleMs: number) {
  const handle = await page
    .waitForFunction(
      m => (window as any).__benchMarks?.[m] !== undefined,
      mark,
      {
        timeout: 120_000,
        polling: 100,
      },
    )
    .catch(async error => {
      const file = join(diagnosticsDir, `no-${mark}-${Date.now()}.png`);
      await page.screenshot({ path: file, fullPage: true }).catch(() => {});
      throw new Error(
        `${page.url()}: no ${mark} mark (screenshot ${file}): ${error}`,
      );
    });
  await handle.dispose();
  await page.waitForTimeout(settleMs);
  await page.evaluate(() => (window as any).__benchResponses());
  return (await page.evaluate(() => (window as any).__benchMarks)) as Record<
    string,
    number
  >;
}

/**
 * One visit: the marks once `mark` is set and, `settleMs` later, the longest
 * main-thread task of the visit (what a user waits on after seeing the
 * content).
 */
async function measure(page: Page, url: string, mark: string, settleMs = 3000) {
  // The marks time from navigation start; not waiting for `load`, which a
  // busy main thread can hold back long after the content is shown.
  await page.goto(url, { waitUntil: 'commit', timeout: 120_000 });
  return waitForMarks(page, mark, settleMs);
}

async function main() {
  const workDir = mkdtempSync(join(tmpdir(), 'mlf-bench-frontend-'));
  const token = randomBytes(24).toString('base64url');
  const configPaths = writeBenchConfig(workDir, token);
  diagnosticsDir = workDir;
  progress(`work folder ${workDir}; load average ${loadavg().join(' ')}`);

  const withDist = await buildApp('with', configPaths, workDir);
  const bundle = args['skip-bundle']
    ? undefined
    : {
        with: bundleSizes(withDist),
        without: bundleSizes(await buildApp('without', configPaths, workDir)),
      };

  // One model of 1,000 versions; one of 180 versions trained on 60 tables
  // and 20 feature groups, the tables written by Glue jobs: its lineage to
  // the default depth (3) is about 300 nodes.
  const estate = generateBenchmarkEstate({
    modelGroups: 1,
    versionsPerGroup: LINEAGE_MODEL.versions,
    largeGroupVersions: BIG_MODEL.versions,
    featureGroups: 20,
    featuresPerGroup: 30,
    glueTables: 80,
    glueJobs: 40,
  });
  const simulator = await startAwsSimulator({ estate, port: SIMULATOR_PORT });
  const server = await serveStatic(withDist);
  let backend: ChildProcess | undefined;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    // Stopping is this script's: its exit handler also stops the backend.
    handleSIGINT: false,
    handleSIGTERM: false,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
  try {
    progress('starting the backend');
    // As `backstage-cli package start` runs it, but without its watcher:
    // other work in the tree would restart it mid-measurement.
    backend = run(
      process.execPath,
      [
        '--enable-source-maps',
        '--require',
        require.resolve('@backstage/cli/config/nodeTransform.cjs'),
        'src/index.ts',
        ...configPaths.flatMap(p => ['--config', p]),
      ],
      {
        cwd: join(REPO, 'packages/backend'),
        log: join(workDir, 'backend.log'),
        env: { NODE_ENV: 'development' },
      },
    );
    const syncStarted = Date.now();
    const names = await waitForEstate(token);
    const syncSeconds = Math.round((Date.now() - syncStarted) / 1000);

    const page = await browser.newPage({
      viewport: { width: 1440, height: 900 },
    });
    await page.addInitScript(MARKS_SCRIPT);
    await page.goto(APP_URL);
    await page.getByRole('button', { name: `(${USER})` }).click();
    await page
      .getByRole('navigation', { name: 'sidebar nav' })
      .getByRole('link', { name: 'Settings' })
      .waitFor();

    // Visit 0 is each page's first (its lazy chunks not cached yet); the
    // visits after it are repeat visits, as a user moving between pages
    // makes them. Then the same pages opened inside the portal.
    const modelPath = `/catalog/default/model/${names.big}`;
    const lineagePath = `/catalog/default/model/${names.lineage}/lineage`;
    const visits = async (
      label: string,
      count: number,
      visit: () => Promise<Record<string, number>>,
    ) => {
      const results = [];
      for (let i = 0; i < count; i++) {
        const v = await visit();
        results.push(v);
        progress(
          `${label} ${i}: ${Object.entries(v)
            .filter(([k]) => !k.endsWith('Seen') && k !== 'start')
            .map(([k, n]) => `${k} ${Math.round(n)}`)
            .join(', ')}`,
        );
      }
      return results;
    };
    const modelLoads = await visits('model page load', RUNS + 1, () =>
      measure(page, `${APP_URL}${modelPath}`, 'versions', 5000),
    );
    const modelInApp = await visits('model page in the portal', RUNS, () =>
      measureInApp(page, modelPath, 'versions', 5000),
    );
    const lineageLoads = await visits('lineage load', RUNS + 1, () =>
      measure(page, `${APP_URL}${lineagePath}`, 'interactive'),
    );
    const lineageInApp = await visits('lineage in the portal', RUNS, () =>
      measureInApp(page, lineagePath, 'interactive'),
    );
    const lineageText = `${
      (await page.getByText(/^\d+ nodes, \d+ edges/).textContent()) ?? ''
    }`.trim();

    /** A row: median and values of the repeat visits, and the first visit. */
    const row = (
      label: string,
      results: Array<Record<string, number>>,
      key: string,
      options: { first?: boolean; target?: string } = {},
    ) => {
      const repeat = (options.first ? results.slice(1) : results).map(
        v => v[key] ?? 0,
      );
      return `| ${label} | ${ms(median(repeat))} | ${repeat
        .map(ms)
        .join(', ')} | ${options.first ? ms(results[0][key] ?? 0) : '—'} | ${
        options.target ?? ''
      } |`;
    };
    const first = { first: true };

    const report = [
      `Machine: ${process.platform}, load average ${loadavg()
        .map(n => n.toFixed(1))
        .join(
          ' / ',
        )} at the end; Chromium ${browser.version()}; production build of packages/app served as static files.`,
      `Estate: one model of ${BIG_MODEL.versions} versions, one of ${LINEAGE_MODEL.versions} versions whose lineage (depth 3, both ways: ${lineageText}) is measured; synced by the providers from the simulator and stitched in ${syncSeconds} s.`,
      '',
      '| measure | median | runs | first visit | target |',
      '| --- | --- | --- | --- | --- |',
      `| **Model page (${BIG_MODEL.versions} versions), opened inside the portal** (from Settings; time from the navigation) | | | | |`,
      row("table's first page answered", modelInApp, 'versionsPage'),
      row('all versions answered', modelInApp, 'versionsData'),
      row("versions table's first row on screen", modelInApp, 'versions', {
        target: '< 1 s',
      }),
      row('longest main-thread task (to 5 s after)', modelInApp, 'longestTask'),
      '| **Model page, loaded in a new page** (time from navigation start: the portal boots and signs in first) | | | | |',
      row("table's first page answered", modelLoads, 'versionsPage', first),
      row('all versions answered', modelLoads, 'versionsData', first),
      row(
        "versions table's first row on screen",
        modelLoads,
        'versions',
        first,
      ),
      row(
        'longest main-thread task (to 5 s after)',
        modelLoads,
        'longestTask',
        first,
      ),
      '| **Lineage tab, opened inside the portal** | | | | |',
      row('lineage call answered', lineageInApp, 'lineageData'),
      row('graph laid out', lineageInApp, 'lineage'),
      row('a zoom click responded', lineageInApp, 'interactive', {
        target: '< 1.5 s',
      }),
      row(
        'longest main-thread task (to 3 s after)',
        lineageInApp,
        'longestTask',
      ),
      '| **Lineage tab, loaded in a new page** | | | | |',
      row('lineage call answered', lineageLoads, 'lineageData', first),
      row('graph laid out', lineageLoads, 'lineage', first),
      row('a zoom click responded', lineageLoads, 'interactive', first),
      row(
        'longest main-thread task (to 3 s after)',
        lineageLoads,
        'longestTask',
        first,
      ),
    ];
    if (bundle) {
      report.push(
        '',
        '| app build | initial JS (index.html) gzipped | raw | all JS gzipped |',
        '| --- | --- | --- | --- |',
        ...(['with', 'without'] as const).map(
          v =>
            `| ${v} the mlops plugin | ${kb(bundle[v].initialGzip)} (${
              bundle[v].initialFiles
            } files) | ${kb(bundle[v].initialRaw)} | ${kb(
              bundle[v].allJsGzip,
            )} (${bundle[v].allJsFiles} files) |`,
        ),
        '',
        `The mlops plugin adds ${kb(
          bundle.with.initialGzip - bundle.without.initialGzip,
        )} gzipped to the initial JS (target < 500 KB), ${kb(
          bundle.with.allJsGzip - bundle.without.allJsGzip,
        )} to all JS, lazy chunks included.`,
      );
    }
    process.stdout.write(`${report.join('\n')}\n`);
    if (args['keep-running']) {
      progress(`portal up on ${APP_URL} (sign in as ${USER}); Ctrl-C stops it`);
      await new Promise(() => {});
    }
  } finally {
    await browser.close();
    stop(backend);
    server.close();
    await simulator.close();
  }
  progress(`logs in ${workDir}`);
  process.exit(0);
}

main().catch(error => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
