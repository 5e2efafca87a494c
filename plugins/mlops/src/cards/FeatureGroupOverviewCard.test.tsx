import { screen, within } from '@testing-library/react';
import { featureGroup } from '../__testUtils__/fixtures';
import { renderEntityCard } from '../__testUtils__/renderEntityCard';
import { FeatureGroupOverviewCard } from './FeatureGroupOverviewCard';

describe('FeatureGroupOverviewCard', () => {
  it('shows the stores, the features with their roles, and links to sources and models', async () => {
    renderEntityCard(<FeatureGroupOverviewCard />, {
      entity: featureGroup,
    });
    expect(await screen.findByText('Features (3)')).toBeInTheDocument();
    expect(screen.getByText('enabled')).toBeInTheDocument();
    // the offline store's S3 location and Glue table, each on its own line
    const offline = within(
      screen.getByRole('row', { name: /^Offline Store / }),
    ).getAllByRole('listitem');
    expect(offline.map(line => line.textContent)).toEqual([
      's3://lake/feature-store/customer-features/',
      'features.customer_features',
    ]);

    // a row of the features table starts with the feature's name
    const row = (feature: string) =>
      within(screen.getByRole('row', { name: new RegExp(`^${feature} `) }));
    expect(row('customer_id').getByText('record identifier')).toBeVisible();
    expect(row('event_time').getByText('event time')).toBeVisible();
    expect(row('tenure_months').getByText('Months since signup')).toBeVisible();
    expect(row('tenure_months').getAllByText('—')).toHaveLength(1);

    expect(screen.getByRole('link', { name: 'customers' })).toHaveAttribute(
      'href',
      '/catalog/default/dataset/customers',
    );
    expect(screen.getByRole('link', { name: 'churn-3' })).toHaveAttribute(
      'href',
      '/catalog/default/modelversion/churn-3',
    );
    // nothing is computed from this feature group
    expect(screen.getByText('Nothing')).toBeInTheDocument();
  });

  it('says when there is no offline store, online store or known source', async () => {
    renderEntityCard(<FeatureGroupOverviewCard />, {
      entity: {
        ...featureGroup,
        spec: {
          ...featureGroup.spec,
          onlineStore: undefined,
          offlineStore: undefined,
        },
        relations: [],
      },
    });
    expect(await screen.findByText('disabled')).toBeInTheDocument();
    expect(screen.getByText('none')).toBeInTheDocument();
    expect(screen.getByText('No known source')).toBeInTheDocument();
    expect(
      screen.getByText('No model version was trained on it'),
    ).toBeInTheDocument();
  });
});
