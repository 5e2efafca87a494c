import { screen } from '@testing-library/react';
import { dataset } from '../__testUtils__/fixtures';
import { renderEntityCard } from '../__testUtils__/renderEntityCard';
import { DatasetOverviewCard } from './DatasetOverviewCard';

describe('DatasetOverviewCard', () => {
  it('shows the schema with personal data flagged, location, partitions, producers and consumers', async () => {
    renderEntityCard(<DatasetOverviewCard />, { entity: dataset });
    expect(await screen.findByText('Schema (2 columns)')).toBeInTheDocument();
    expect(screen.getByText('PII — personal data')).toBeInTheDocument();
    expect(screen.getByText('internal')).toBeInTheDocument();
    expect(screen.getByText('1 columns: email')).toBeInTheDocument();
    expect(
      screen.getByText('s3://lake/curated/customers/'),
    ).toBeInTheDocument();
    expect(screen.getByText('dt (date)')).toBeInTheDocument();
    expect(screen.getByText('curate-customers')).toBeInTheDocument();
    expect(screen.getByText('churn-3')).toBeInTheDocument();
  });
});
