import type { TrainingRun } from '@ml-foundation/plugin-mlops-common';

/** Metrics where a lower value is better; every other metric is better higher. */
const LOWER_IS_BETTER =
  /(^|[:_\-.])(loss|error|err|rmse|mse|mae|mape|logloss|wape|smape|mlogloss)($|[:_\-.])/i;

/** Whether a metric is better higher or lower, by its name. */
export function metricGoal(name: string): 'max' | 'min' {
  return LOWER_IS_BETTER.test(name) ? 'min' : 'max';
}

/** One row of a side-by-side comparison: a value per run. */
export type ComparisonRow = {
  section: 'Run' | 'Parameters' | 'Metrics' | 'Inputs';
  name: string;
  values: (string | undefined)[];
  /** True when the runs do not all have the same value. */
  differs: boolean;
  /** Indices of the runs with the best value, for metrics of two or more runs. */
  best: number[];
};

function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : String(+value.toFixed(4));
}

/** A duration as `1 h 4 min` or `12 min 5 s`. */
export function formatDuration(
  seconds: number | undefined,
): string | undefined {
  if (seconds === undefined) return undefined;
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = Math.round(seconds % 60);
  if (h > 0) return `${h} h ${m} min`;
  if (m > 0) return s > 0 ? `${m} min ${s} s` : `${m} min`;
  return `${s} s`;
}

function row(
  section: ComparisonRow['section'],
  name: string,
  values: (string | undefined)[],
  best: number[] = [],
): ComparisonRow {
  return {
    section,
    name,
    values,
    differs: new Set(values).size > 1,
    best,
  };
}

function union(lists: string[][]): string[] {
  return [...new Set(lists.flat())].sort((a, b) => a.localeCompare(b));
}

/**
 * The rows comparing runs side by side: run facts, then every parameter,
 * metric and input any of them has (absent where a run has none), each
 * flagged when the runs differ; a metric's best value is marked when two or
 * more runs have it.
 */
export function compareRuns(runs: TrainingRun[]): ComparisonRow[] {
  const rows: ComparisonRow[] = [
    row(
      'Run',
      'status',
      runs.map(r => r.status),
    ),
    row(
      'Run',
      'started',
      runs.map(r => r.startedAt?.slice(0, 16).replace('T', ' ')),
    ),
    row(
      'Run',
      'duration',
      runs.map(r => formatDuration(r.durationSeconds)),
    ),
    row(
      'Run',
      'instances',
      runs.map(r =>
        r.instanceType
          ? `${r.instanceCount ?? 1} × ${r.instanceType}`
          : undefined,
      ),
    ),
    row(
      'Run',
      'billable time',
      runs.map(r => formatDuration(r.billableSeconds)),
    ),
  ];
  for (const name of union(runs.map(r => Object.keys(r.parameters)))) {
    rows.push(
      row(
        'Parameters',
        name,
        runs.map(r => r.parameters[name]),
      ),
    );
  }
  for (const name of union(runs.map(r => r.metrics.map(m => m.name)))) {
    const values = runs.map(r => r.metrics.find(m => m.name === name)?.value);
    const present = values.filter((v): v is number => v !== undefined);
    let best: number[] = [];
    if (present.length >= 2 && new Set(present).size > 1) {
      const target =
        metricGoal(name) === 'max'
          ? Math.max(...present)
          : Math.min(...present);
      best = values.flatMap((v, i) => (v === target ? [i] : []));
    }
    rows.push(
      row(
        'Metrics',
        name,
        values.map(v => (v === undefined ? undefined : formatNumber(v))),
        best,
      ),
    );
  }
  for (const name of union(runs.map(r => r.inputs.map(i => i.name)))) {
    rows.push(
      row(
        'Inputs',
        name,
        runs.map(r => r.inputs.find(i => i.name === name)?.uri),
      ),
    );
  }
  return rows.filter(r => r.values.some(v => v !== undefined));
}

/**
 * The metric a model's runs are ranked by: the one most runs have,
 * preferring validation metrics, then the name.
 */
export function objectiveMetric(runs: TrainingRun[]): string | undefined {
  const counts = new Map<string, number>();
  for (const run of runs) {
    for (const m of run.metrics)
      counts.set(m.name, (counts.get(m.name) ?? 0) + 1);
  }
  const score = (name: string) =>
    (counts.get(name) ?? 0) * 2 + (name.startsWith('validation:') ? 1 : 0);
  return [...counts.keys()].sort(
    (a, b) => score(b) - score(a) || a.localeCompare(b),
  )[0];
}
