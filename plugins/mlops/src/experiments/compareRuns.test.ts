import type { TrainingRun } from '@ml-foundation/plugin-mlops-common';
import {
  compareRuns,
  formatDuration,
  metricGoal,
  objectiveMetric,
} from './compareRuns';

const run = (
  id: string,
  overrides: Partial<TrainingRun> = {},
): TrainingRun => ({
  id,
  name: id,
  source: 'training-job',
  parameters: {},
  metrics: [],
  inputs: [],
  notes: [],
  ...overrides,
});

describe('compareRuns', () => {
  it('flags differing parameters and marks the best metric by its direction', () => {
    const rows = compareRuns([
      run('a', {
        parameters: { eta: '0.1', max_depth: '6' },
        metrics: [
          { name: 'validation:auc', value: 0.84 },
          { name: 'validation:rmse', value: 3.2 },
        ],
      }),
      run('b', {
        parameters: { eta: '0.1', max_depth: '8' },
        metrics: [
          { name: 'validation:auc', value: 0.83 },
          { name: 'validation:rmse', value: 3.0 },
        ],
      }),
    ]);
    const byName = Object.fromEntries(rows.map(r => [r.name, r]));
    expect(byName.eta).toMatchObject({
      values: ['0.1', '0.1'],
      differs: false,
    });
    expect(byName.max_depth).toMatchObject({ differs: true });
    expect(byName['validation:auc'].best).toEqual([0]);
    expect(byName['validation:rmse'].best).toEqual([1]);
  });

  it('shows what only one run has as absent for the others, with no best of one', () => {
    const rows = compareRuns([
      run('a', { metrics: [{ name: 'train:auc', value: 0.9 }] }),
      run('b', { parameters: { num_leaves: '63' } }),
    ]);
    expect(rows.find(r => r.name === 'train:auc')).toMatchObject({
      values: ['0.9', undefined],
      differs: true,
      best: [],
    });
    expect(rows.find(r => r.name === 'num_leaves')?.values).toEqual([
      undefined,
      '63',
    ]);
    // No run has a status: the row is left out.
    expect(rows.find(r => r.name === 'status')).toBeUndefined();
  });
});

describe('metricGoal, objectiveMetric, formatDuration', () => {
  it('knows lower-is-better metrics by name', () => {
    expect(metricGoal('validation:rmse')).toBe('min');
    expect(metricGoal('train:logloss')).toBe('min');
    expect(metricGoal('validation:auc')).toBe('max');
    expect(metricGoal('validation:r2')).toBe('max');
  });

  it('ranks by the validation metric most runs have', () => {
    expect(
      objectiveMetric([
        run('a', {
          metrics: [
            { name: 'train:auc', value: 1 },
            { name: 'validation:auc', value: 1 },
          ],
        }),
        run('b', {
          metrics: [
            { name: 'train:auc', value: 1 },
            { name: 'validation:auc', value: 1 },
          ],
        }),
        run('c', { metrics: [{ name: 'validation:f1', value: 1 }] }),
      ]),
    ).toBe('validation:auc');
    expect(objectiveMetric([run('a')])).toBeUndefined();
  });

  it('formats durations', () => {
    expect(formatDuration(3840)).toBe('1 h 4 min');
    expect(formatDuration(125)).toBe('2 min 5 s');
    expect(formatDuration(42)).toBe('42 s');
    expect(formatDuration(undefined)).toBeUndefined();
  });
});
