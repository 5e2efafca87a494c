import {
  mergeMetrics,
  parseFinalMetrics,
  parseModelQualityReport,
} from './parseModelMetrics';

describe('parseFinalMetrics', () => {
  it('turns channel prefixes into splits', () => {
    expect(
      parseFinalMetrics([
        { MetricName: 'validation:auc', Value: 0.91 },
        { MetricName: 'train:logloss', Value: 0.21 },
        { MetricName: 'ObjectiveMetric', Value: 3 },
      ]),
    ).toEqual([
      { name: 'auc', value: 0.91, split: 'validation' },
      { name: 'logloss', value: 0.21, split: 'train' },
      { name: 'ObjectiveMetric', value: 3 },
    ]);
  });

  it('skips metrics without a finite value', () => {
    expect(
      parseFinalMetrics([
        { MetricName: 'test:auc', Value: NaN },
        { MetricName: 'x' },
      ]),
    ).toEqual([]);
  });
});

describe('parseModelQualityReport', () => {
  it('reads binary classification figures with their deviation', () => {
    expect(
      parseModelQualityReport({
        version: 0,
        binary_classification_metrics: {
          auc: { value: 0.87, standard_deviation: 0.004 },
          recall: { value: 0.7 },
          confusion_matrix: { '0': { '0': 10 } },
        },
      }),
    ).toEqual([
      { name: 'auc', value: 0.87, split: 'test', standardDeviation: 0.004 },
      { name: 'recall', value: 0.7, split: 'test' },
    ]);
  });

  it('reads regression reports and ignores what is not a report', () => {
    expect(
      parseModelQualityReport({
        regression_metrics: { rmse: { value: 12.5 } },
      }),
    ).toEqual([{ name: 'rmse', value: 12.5, split: 'test' }]);
    expect(parseModelQualityReport('not json')).toEqual([]);
    expect(parseModelQualityReport(null)).toEqual([]);
  });
});

describe('mergeMetrics', () => {
  it('prefers the report for the same metric and split', () => {
    expect(
      mergeMetrics(
        [
          { name: 'auc', value: 0.9, split: 'test' },
          { name: 'auc', value: 0.92, split: 'validation' },
        ],
        [{ name: 'auc', value: 0.87, split: 'test' }],
      ),
    ).toEqual([
      { name: 'auc', value: 0.92, split: 'validation' },
      { name: 'auc', value: 0.87, split: 'test' },
    ]);
  });
});
