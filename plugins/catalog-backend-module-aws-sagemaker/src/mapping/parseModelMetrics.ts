import type {
  MetricSplit,
  ModelMetric,
} from '@ml-foundation/plugin-mlops-common';

const SPLITS: Record<string, MetricSplit> = {
  train: 'train',
  training: 'train',
  validation: 'validation',
  valid: 'validation',
  val: 'validation',
  test: 'test',
};

/**
 * Reads a training job's FinalMetricDataList. SageMaker's built-in algorithms
 * name metrics `<channel>:<metric>` (e.g. `validation:auc`); the channel
 * becomes the split.
 */
export function parseFinalMetrics(
  metrics: Array<{ MetricName?: string; Value?: number }> | undefined,
): ModelMetric[] {
  return (metrics ?? []).flatMap(({ MetricName, Value }) => {
    if (!MetricName || typeof Value !== 'number' || !Number.isFinite(Value)) {
      return [];
    }
    const [prefix, ...rest] = MetricName.split(':');
    const split =
      rest.length > 0 ? SPLITS[prefix.toLocaleLowerCase('en-US')] : undefined;
    return [
      split
        ? { name: rest.join(':'), value: Value, split }
        : { name: MetricName, value: Value },
    ];
  });
}

/**
 * Reads a model quality report in SageMaker's format, e.g.
 * `{"binary_classification_metrics": {"auc": {"value": 0.87, "standard_deviation": 0.004}}}`
 * (or `regression_metrics`, `multiclass_classification_metrics`). Such reports
 * are computed on held-out data, so the metrics are the test split. Nested
 * structures such as confusion matrices are not single figures and are left out.
 */
export function parseModelQualityReport(report: unknown): ModelMetric[] {
  if (!report || typeof report !== 'object') {
    return [];
  }
  return Object.entries(report as Record<string, unknown>)
    .filter(([section]) => section.endsWith('_metrics'))
    .flatMap(([, metrics]) =>
      Object.entries((metrics ?? {}) as Record<string, any>).flatMap(
        ([name, metric]) => {
          if (typeof metric?.value !== 'number') {
            return [];
          }
          const result: ModelMetric = {
            name,
            value: metric.value,
            split: 'test',
          };
          if (typeof metric.standard_deviation === 'number') {
            result.standardDeviation = metric.standard_deviation;
          }
          return [result];
        },
      ),
    );
}

/** Both lists, a metric from the report replacing the same one from training. */
export function mergeMetrics(
  training: ModelMetric[],
  report: ModelMetric[],
): ModelMetric[] {
  const key = (m: ModelMetric) => `${m.split ?? ''}:${m.name}`;
  const fromReport = new Set(report.map(key));
  return [...training.filter(m => !fromReport.has(key(m))), ...report];
}
