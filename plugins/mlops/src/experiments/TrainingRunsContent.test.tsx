import type {
  TrainingRun,
  TrainingRuns,
} from '@ml-foundation/plugin-mlops-common';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { model } from '../__testUtils__/fixtures';
import {
  mockMlopsApi,
  renderEntityCard,
} from '../__testUtils__/renderEntityCard';
import { TrainingRunsContent } from './TrainingRunsContent';

const run = (
  id: string,
  auc: number | undefined,
  overrides: Partial<TrainingRun> = {},
): TrainingRun => ({
  id,
  name: id,
  source: 'training-job',
  status: 'Completed',
  startedAt: '2024-09-30T11:15:00.000Z',
  durationSeconds: 3840,
  instanceType: 'ml.m5.2xlarge',
  instanceCount: 1,
  parameters: { eta: '0.04', max_depth: '7' },
  metrics:
    auc === undefined
      ? []
      : [
          { name: 'validation:auc', value: auc },
          { name: 'validation:logloss', value: 1 - auc },
        ],
  inputs: [{ name: 'features', uri: 's3://fs/churn/' }],
  notes: [],
  ...overrides,
});

const result: TrainingRuns = {
  modelRef: 'model:default/churn',
  experiments: ['churn-training'],
  runs: [
    run('churn-train-v5', 0.841, {
      versionRef: 'modelversion:default/churn-5',
    }),
    run('churn-train-deep', 0.829, {
      parameters: { eta: '0.04', max_depth: '8' },
      startedAt: '2024-09-26T09:44:00.000Z',
    }),
    run('churn-train-gpu', undefined, {
      status: 'Failed',
      failureReason: 'AlgorithmError: gpu_hist needs a GPU instance',
      instanceCount: 2,
      notes: ['No metrics recorded'],
      startedAt: '2024-09-28T08:15:00.000Z',
    }),
    run('lightgbm-baseline', 0.826, {
      source: 'trial-component',
      instanceType: undefined,
      parameters: { model: 'lightgbm' },
      startedAt: '2024-09-25T14:02:00.000Z',
    }),
  ],
  notes: ['Could not read the runs of experiment old: AccessDenied'],
  truncated: false,
};

/** The comparison's row of a parameter or metric (MUI gives its header cell the role cell). */
const rowOf = (table: HTMLElement, name: string) =>
  within(table).getByRole('row', { name: new RegExp(`^${name} `) });

describe('TrainingRunsContent', () => {
  it('lists the runs with instance, objective metric, version and notes', async () => {
    const mlopsApi = mockMlopsApi({ listTrainingRuns: async () => result });
    await renderEntityCard(<TrainingRunsContent />, {
      entity: model,
      mlopsApi,
    });
    expect(await screen.findByText('Training runs (4)')).toBeInTheDocument();
    expect(mlopsApi.listTrainingRuns).toHaveBeenCalledWith(
      'model:default/churn',
    );
    expect(screen.getByText('Experiments: churn-training')).toBeInTheDocument();
    expect(
      screen.getByText(
        'Could not read the runs of experiment old: AccessDenied',
      ),
    ).toBeInTheDocument();
    const v5 = screen.getByText('churn-train-v5').closest('tr')!;
    expect(within(v5).getByText('1 × ml.m5.2xlarge')).toBeInTheDocument();
    expect(within(v5).getByText('0.841')).toBeInTheDocument();
    expect(within(v5).getByText('1 h 4 min')).toBeInTheDocument();
    expect(
      within(v5).getByRole('link', { name: /churn-5/ }),
    ).toBeInTheDocument();
    const failed = screen.getByText('churn-train-gpu').closest('tr')!;
    expect(
      within(failed).getByText(/gpu_hist needs a GPU/),
    ).toBeInTheDocument();
    expect(
      within(failed).getByText('⚠ No metrics recorded'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Trial component without a training job'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Select 2 to 5 runs to compare them side by side.'),
    ).toBeInTheDocument();
  });

  it('compares two selected runs side by side, highlighting differences and the best value', async () => {
    const mlopsApi = mockMlopsApi({ listTrainingRuns: async () => result });
    await renderEntityCard(<TrainingRunsContent />, {
      entity: model,
      mlopsApi,
    });
    await userEvent.click(
      await screen.findByRole('checkbox', { name: 'Compare churn-train-v5' }),
    );
    await userEvent.click(
      screen.getByRole('checkbox', { name: 'Compare churn-train-deep' }),
    );
    const table = screen.getByRole('table', { name: 'Run comparison' });
    const depth = rowOf(table, 'max_depth');
    expect(depth).toHaveAttribute('data-differs', 'true');
    expect(within(depth).getByText('7')).toBeInTheDocument();
    expect(within(depth).getByText('8')).toBeInTheDocument();
    const eta = rowOf(table, 'eta');
    expect(eta).toHaveAttribute('data-differs', 'false');
    const auc = rowOf(table, 'validation:auc');
    expect(
      within(auc).getByRole('img', { name: 'best highest value' })
        .parentElement,
    ).toHaveTextContent('0.841');
    const logloss = rowOf(table, 'validation:logloss');
    expect(
      within(logloss).getByRole('img', { name: 'best lowest value' })
        .parentElement,
    ).toHaveTextContent('0.159');

    await userEvent.click(
      screen.getByRole('checkbox', { name: 'Only differences' }),
    );
    expect(
      within(table).queryByRole('row', { name: /^eta / }),
    ).not.toBeInTheDocument();
  });

  it('preselects the run named in the URL and allows at most five', async () => {
    const many: TrainingRuns = {
      ...result,
      notes: [],
      runs: Array.from({ length: 6 }, (_, i) => run(`run-${i}`, 0.8 + i / 100)),
    };
    const mlopsApi = mockMlopsApi({ listTrainingRuns: async () => many });
    await renderEntityCard(<TrainingRunsContent />, {
      entity: model,
      mlopsApi,
      initialRouteEntries: ['/?run=run-0&run=missing'],
    });
    expect(
      await screen.findByRole('checkbox', { name: 'Compare run-0' }),
    ).toBeChecked();
    for (const i of [1, 2, 3, 4]) {
      await userEvent.click(
        screen.getByRole('checkbox', { name: `Compare run-${i}` }),
      );
    }
    expect(
      screen.getByRole('checkbox', { name: 'Compare run-5' }),
    ).toBeDisabled();
    const table = screen.getByRole('table', { name: 'Run comparison' });
    expect(within(table).getAllByRole('columnheader')).toHaveLength(6);
  });

  it('says when there are no runs', async () => {
    await renderEntityCard(<TrainingRunsContent />, {
      entity: model,
      mlopsApi: mockMlopsApi({
        listTrainingRuns: async () => ({
          ...result,
          experiments: [],
          runs: [],
          notes: [],
        }),
      }),
    });
    expect(await screen.findByText('No training runs yet')).toBeInTheDocument();
  });

  it('shows the error when the runs cannot be loaded', async () => {
    await renderEntityCard(<TrainingRunsContent />, {
      entity: model,
      mlopsApi: mockMlopsApi({
        listTrainingRuns: async () => {
          throw new Error('backend down');
        },
      }),
    });
    expect((await screen.findAllByText(/backend down/))[0]).toBeInTheDocument();
  });
});
