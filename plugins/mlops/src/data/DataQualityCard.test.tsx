import type { Entity } from '@backstage/catalog-model';
import type { DataQualityReport } from '@ml-foundation/plugin-mlops-common';
import { screen } from '@testing-library/react';
import {
  mockMlopsApi,
  renderEntityCard,
} from '../__testUtils__/renderEntityCard';
import { DataQualityCard } from './DataQualityCard';

const dataset: Entity = {
  apiVersion: 'ml-foundation.dev/v1alpha1',
  kind: 'Dataset',
  metadata: { name: 'customer-profiles', namespace: 'default' },
  spec: {
    type: 'glue-table',
    owner: 'group:default/de',
    lifecycle: 'production',
  },
};

const point = (startedAt: string, score: number, failedRules: number) => ({
  resultId: `dqresult-${startedAt}`,
  ruleset: 'crm-export',
  score,
  startedAt,
  failedRules,
  totalRules: 7,
});

const report: DataQualityReport = {
  entityRef: 'dataset:default/customer-profiles',
  state: 'ok',
  latest: {
    resultId: 'dqresult-3',
    ruleset: 'crm-export',
    score: 0.4286,
    startedAt: '2025-03-10T05:00:00.000Z',
    rules: [
      { name: 'Rule_1', rule: 'IsComplete "crm_id"', result: 'PASS' },
      {
        name: 'Rule_2',
        rule: 'Completeness "email" > 0.95',
        result: 'FAIL',
        message: 'Value: 0.8900 does not meet the constraint requirement!',
      },
      { name: 'Rule_3', rule: 'RowCount > 1000000', result: 'PASS' },
    ],
  },
  trend: [
    point('2025-03-08T05:00:00.000Z', 1, 0),
    point('2025-03-09T05:00:00.000Z', 0.8571, 1),
    point('2025-03-10T05:00:00.000Z', 0.4286, 4),
  ],
};

describe('DataQualityCard', () => {
  it('shows the latest score, the failing rules with their messages and the trend', async () => {
    renderEntityCard(<DataQualityCard />, {
      entity: dataset,
      mlopsApi: mockMlopsApi({ getDataQuality: async () => report }),
    });
    expect(await screen.findByText('42.9%')).toBeInTheDocument();
    expect(
      screen.getByText(/2 of 3 rules passed · ruleset crm-export/),
    ).toBeInTheDocument();
    expect(screen.getByText('Failing rules (1)')).toBeInTheDocument();
    expect(
      screen.getByText('FAIL · Completeness "email" > 0.95'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'Value: 0.8900 does not meet the constraint requirement!',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText(/IsComplete/)).not.toBeInTheDocument();
    expect(screen.getByLabelText('Score trend')).toBeInTheDocument();
  });

  it('says when Glue has no result, and warns when results could not be read', async () => {
    const { unmount } = await renderEntityCard(<DataQualityCard />, {
      entity: dataset,
      mlopsApi: mockMlopsApi({
        getDataQuality: async () => ({
          entityRef: report.entityRef,
          state: 'none',
          reason: 'Glue Data Quality has no result for this table',
          trend: [],
        }),
      }),
    });
    expect(
      await screen.findByText('No data quality results'),
    ).toBeInTheDocument();
    unmount();

    renderEntityCard(<DataQualityCard />, {
      entity: dataset,
      mlopsApi: mockMlopsApi({
        getDataQuality: async () => ({
          ...report,
          state: 'unknown',
          reason: 'Could not read 1 of the latest 3 data quality results',
        }),
      }),
    });
    expect(
      await screen.findByText(
        'Could not read 1 of the latest 3 data quality results',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('42.9%')).toBeInTheDocument();
  });
});
