import type { Entity } from '@backstage/catalog-model';
import type { VersionReports } from '@ml-foundation/plugin-mlops-common';
import { screen, within } from '@testing-library/react';
import {
  mockMlopsApi,
  renderEntityCard,
} from '../__testUtils__/renderEntityCard';
import { BiasCard } from './BiasCard';
import { ExplainabilityCard } from './ExplainabilityCard';

const version: Entity = {
  apiVersion: 'ml-foundation.dev/v1alpha1',
  kind: 'ModelVersion',
  metadata: { name: 'churn-5', namespace: 'default' },
  spec: { model: 'model:default/churn', version: 5 },
};

const reports: VersionReports = {
  entityRef: 'modelversion:default/churn-5',
  explainability: {
    state: 'present',
    uri: 's3://clarify/churn/v5/explainability/analysis.json',
    importances: Array.from({ length: 12 }, (_, i) => ({
      feature: `feature_${i + 1}`,
      importance: (12 - i) / 100,
    })),
  },
  bias: {
    state: 'present',
    metrics: [
      {
        name: 'DI',
        description: 'Disparate Impact (DI)',
        stage: 'post_training',
        facet: 'age_band',
        facetValue: '65+',
        value: 0.71,
        min: 0.8,
        max: 1.25,
        passed: false,
      },
      {
        name: 'CI',
        description: 'Class Imbalance (CI)',
        stage: 'pre_training',
        facet: 'age_band',
        facetValue: '65+',
        value: 0.12,
      },
    ],
  },
};

describe('ExplainabilityCard', () => {
  it('shows the top ten features and folds the rest into one', async () => {
    renderEntityCard(<ExplainabilityCard />, {
      entity: version,
      mlopsApi: mockMlopsApi({ getVersionReports: async () => reports }),
    });
    const list = await screen.findByRole('list', {
      name: 'Feature importance',
    });
    const items = within(list).getAllByRole('listitem');
    expect(items).toHaveLength(11);
    expect(items[0]).toHaveTextContent('feature_1: 0.1200');
    expect(items[10]).toHaveTextContent('2 other features: 0.0300');
  });

  it('says why when the report could not be read', async () => {
    renderEntityCard(<ExplainabilityCard />, {
      entity: version,
      mlopsApi: mockMlopsApi({
        getVersionReports: async () => ({
          ...reports,
          explainability: {
            state: 'unknown',
            reason: 'analysis.json is empty',
            importances: [],
          },
        }),
      }),
    });
    expect(
      await screen.findByText(
        'Explainability report unreadable: analysis.json is empty',
      ),
    ).toBeInTheDocument();
  });
});

describe('BiasCard', () => {
  it('shows each metric with its facet, value, bounds and result', async () => {
    renderEntityCard(<BiasCard />, {
      entity: version,
      mlopsApi: mockMlopsApi({ getVersionReports: async () => reports }),
    });
    expect(
      await screen.findByText('Disparate Impact (DI)'),
    ).toBeInTheDocument();
    const row = screen.getByText('Disparate Impact (DI)').closest('tr')!;
    expect(within(row).getByText('age_band = 65+')).toBeInTheDocument();
    expect(within(row).getByText('0.710')).toBeInTheDocument();
    expect(within(row).getByText('0.8 … 1.25')).toBeInTheDocument();
    expect(within(row).getByText('fail')).toBeInTheDocument();
    const ci = screen.getByText('Class Imbalance (CI)').closest('tr')!;
    expect(within(ci).queryByText('pass')).toBeNull();
    expect(within(ci).queryByText('fail')).toBeNull();
  });
});
