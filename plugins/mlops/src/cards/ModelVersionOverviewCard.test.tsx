import type { ModelDeploymentEntityV1alpha1 } from '@ml-foundation/plugin-mlops-common';
import {
  ML_ANNOTATION_SYNC_WARNINGS,
  RELATION_DEPLOYS,
} from '@ml-foundation/plugin-mlops-common';
import { screen, within } from '@testing-library/react';
import { review, version } from '../__testUtils__/fixtures';
import {
  mockMlopsApi,
  renderEntityCard,
} from '../__testUtils__/renderEntityCard';
import { formatTime } from '../components/formatTime';
import { ModelVersionOverviewCard } from './ModelVersionOverviewCard';

const churn3 = {
  ...version(3, {
    stage: 'Production',
    approvalStatus: 'Approved',
    framework: 'xgboost',
    artifactUri: 's3://models/churn/3/model.tar.gz',
    metrics: [
      { name: 'auc', split: 'train', value: 0.91 },
      {
        name: 'auc',
        split: 'validation',
        value: 0.85,
        standardDeviation: 0.012,
      },
      { name: 'f1', split: 'validation', value: 0.7 },
    ],
    hyperparameters: { max_depth: '6', eta: '0.3' },
    training: {
      jobName: 'churn-train-3',
      inputs: [
        { channel: 'train', uri: 's3://lake/curated/customers/' },
        { uri: 's3://lake/raw/extra/' },
      ],
    },
  }),
  metadata: {
    name: 'churn-3',
    namespace: 'default',
    links: [
      {
        url: 'https://eu-west-1.console.aws.amazon.com/sagemaker/home#/model-packages/churn/3',
        title: 'Model package in SageMaker',
      },
    ],
    annotations: {
      [ML_ANNOTATION_SYNC_WARNINGS]: JSON.stringify([
        {
          read: 'model quality report s3://reports/churn/3.json',
          reason: 'AccessDenied',
        },
      ]),
    },
  },
  relations: [
    { type: 'versionOf', targetRef: 'model:default/churn' },
    { type: 'trainedOn', targetRef: 'dataset:default/customers' },
  ],
};

function deployment(
  name: string,
  spec: Partial<ModelDeploymentEntityV1alpha1['spec']>,
  deploys: string[],
): ModelDeploymentEntityV1alpha1 {
  return {
    apiVersion: 'ml-foundation.dev/v1alpha1',
    kind: 'ModelDeployment',
    metadata: { name, namespace: 'default' },
    spec: {
      type: 'realtime-endpoint',
      owner: 'group:default/ml-platform',
      lifecycle: 'production',
      variants: [],
      ...spec,
    },
    relations: deploys.map(targetRef => ({
      type: RELATION_DEPLOYS,
      targetRef,
    })),
  };
}

describe('ModelVersionOverviewCard', () => {
  it('shows the registry facts, metrics by split, training and hyperparameters', async () => {
    renderEntityCard(<ModelVersionOverviewCard />, {
      entity: churn3,
      mlopsApi: mockMlopsApi({ listReviews: async () => [] }),
    });
    expect(
      await screen.findByRole('region', { name: 'Version 3' }),
    ).toBeInTheDocument();
    expect(await screen.findByText(/^No review yet/)).toBeInTheDocument();
    expect(await screen.findByText(/^Not deployed/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'churn' })).toHaveAttribute(
      'href',
      '/catalog/default/model/churn',
    );
    expect(screen.getByText('Approved')).toBeInTheDocument();
    expect(screen.getByText('Production')).toBeInTheDocument();
    expect(screen.getByText('xgboost')).toBeInTheDocument();
    expect(
      screen.getByText(`${formatTime('2026-11-03T10:00:00Z')} by alice`),
    ).toBeInTheDocument();
    expect(
      screen.getByText('s3://models/churn/3/model.tar.gz'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /^Model package in SageMaker/ }),
    ).toHaveAttribute('href', churn3.metadata.links[0].url);

    // one row per metric, one column per split it was measured on
    expect(
      screen.getByRole('columnheader', { name: 'train' }),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('columnheader', { name: 'test' }),
    ).not.toBeInTheDocument();
    const auc = within(screen.getByRole('row', { name: /^auc / }));
    expect(auc.getByText('0.910')).toBeInTheDocument();
    expect(auc.getByText('0.850 ± 0.012')).toBeInTheDocument();
    const f1 = within(screen.getByRole('row', { name: /^f1 / }));
    expect(f1.getByText('—')).toBeInTheDocument();
    expect(f1.getByText('0.700')).toBeInTheDocument();

    expect(
      screen.getByRole('link', { name: 'compare with other runs' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/model/churn/training-runs?run=churn-train-3',
    );
    expect(screen.getByRole('link', { name: 'customers' })).toHaveAttribute(
      'href',
      '/catalog/default/dataset/customers',
    );
    expect(screen.getByText('s3://lake/raw/extra/')).toBeInTheDocument();
    expect(
      within(screen.getByRole('row', { name: /^max_depth/ })).getByText('6'),
    ).toBeInTheDocument();

    expect(
      screen.getByText(
        'Warning: The last sync could not read 1 thing for this entity',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('model quality report s3://reports/churn/3.json'),
    ).toBeInTheDocument();
  });

  it("shows the deployments serving it with this version's share of traffic, and its reviews", async () => {
    const api = mockMlopsApi({
      listReviews: async () => [
        review({
          state: 'approved-not-synced',
          checkpoints: review().checkpoints.map(c => ({
            ...c,
            state: 'passed',
          })),
        }),
      ],
    });
    renderEntityCard(<ModelVersionOverviewCard />, {
      entity: churn3,
      mlopsApi: api,
      catalogEntities: [
        deployment(
          'churn-endpoint',
          {
            status: 'InService',
            variants: [
              { name: 'champion', modelVersion: 'churn-3', weight: 3 },
              {
                name: 'challenger',
                modelVersion: 'modelversion:default/churn-4',
                weight: 1,
              },
            ],
          },
          ['modelversion:default/churn-3', 'modelversion:default/churn-4'],
        ),
        deployment('churn-batch', { type: 'batch-transform' }, [
          'modelversion:default/churn-3',
        ]),
        // serves another version only
        deployment(
          'churn-shadow',
          {
            variants: [{ name: 'v4', modelVersion: 'churn-4', weight: 1 }],
          },
          ['modelversion:default/churn-4'],
        ),
      ],
    });
    const endpoint = (
      await screen.findByRole('link', { name: 'churn-endpoint' })
    ).closest('li')!;
    expect(endpoint).toHaveTextContent(
      'churn-endpoint (InService) — 75% of traffic on champion',
    );
    expect(
      screen.getByRole('link', { name: 'churn-batch' }).closest('li'),
    ).toHaveTextContent('churn-batch (status unknown)');
    expect(
      screen.queryByRole('link', { name: 'churn-shadow' }),
    ).not.toBeInTheDocument();

    expect(
      await screen.findByText(/2\/2 checkpoints passed/),
    ).toHaveTextContent(
      /^promotion to production: approved-not-synced, requested by bob on .* \(2\/2 checkpoints passed\)$/,
    );
    expect(api.listReviews).toHaveBeenCalledWith({
      entityRef: 'modelversion:default/churn-3',
    });
  });

  it('says what is missing on a bare version', async () => {
    renderEntityCard(<ModelVersionOverviewCard />, {
      entity: version(5, { metrics: [] }),
      mlopsApi: mockMlopsApi({ listReviews: async () => [] }),
    });
    expect(
      await screen.findByText(
        'Not deployed. No endpoint or batch transform serves this version.',
      ),
    ).toBeInTheDocument();
    expect(
      await screen.findByText(
        'No review yet. Request a promotion on the Governance tab.',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('No metrics recorded.')).toBeInTheDocument();
    expect(screen.getByText('None recorded.')).toBeInTheDocument();
    expect(screen.getByText('No dataset matched')).toBeInTheDocument();
    expect(
      screen.queryByText(/The last sync could not read/),
    ).not.toBeInTheDocument();
  });

  it('shows why the reviews could not be read', async () => {
    renderEntityCard(<ModelVersionOverviewCard />, {
      entity: churn3,
      mlopsApi: mockMlopsApi({
        listReviews: async () => {
          throw new Error('governance database unavailable');
        },
      }),
    });
    expect(
      (await screen.findAllByText(/governance database unavailable/))[0],
    ).toBeInTheDocument();
    // the rest of the card still shows
    expect(await screen.findByText(/^Not deployed/)).toBeInTheDocument();
    expect(screen.getByText('xgboost')).toBeInTheDocument();
  });
});
