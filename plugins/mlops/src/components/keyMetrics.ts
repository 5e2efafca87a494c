import type { ModelMetric } from '@ml-foundation/plugin-mlops-common';

/** The split a metric table or chart prefers: validation, then test, then any. */
function preferredValue(
  metrics: ModelMetric[],
  name: string,
): number | undefined {
  const ofName = metrics.filter(m => m.name === name);
  return (
    ofName.find(m => m.split === 'validation') ??
    ofName.find(m => m.split === 'test') ??
    ofName[0]
  )?.value;
}

/** Metric names across versions, most common first. */
export function metricNames(
  versions: Array<{ spec: { metrics?: ModelMetric[] } }>,
): string[] {
  const counts = new Map<string, number>();
  for (const version of versions) {
    for (const name of new Set((version.spec.metrics ?? []).map(m => m.name))) {
      counts.set(name, (counts.get(name) ?? 0) + 1);
    }
  }
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([name]) => name);
}

/** A version's value of a metric, on its validation split where it has one. */
export function metricValue(
  metrics: ModelMetric[] | undefined,
  name: string,
): number | undefined {
  return preferredValue(metrics ?? [], name);
}

/** A metric value as users read it. */
export function formatMetric(value: number | undefined): string {
  if (value === undefined) return '—';
  return Number.isInteger(value) ? String(value) : value.toFixed(3);
}
