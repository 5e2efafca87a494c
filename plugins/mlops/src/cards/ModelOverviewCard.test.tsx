import { screen } from '@testing-library/react';
import { model, version } from '../__testUtils__/fixtures';
import { renderEntityCard } from '../__testUtils__/renderEntityCard';
import { ModelOverviewCard } from './ModelOverviewCard';

describe('ModelOverviewCard', () => {
  it('shows the model card and which versions are in production and staging', async () => {
    renderEntityCard(<ModelOverviewCard />, {
      entity: model,
      catalogEntities: [
        version(1, { stage: 'Production', approvalStatus: 'Approved' }),
        version(2, { stage: 'Staging' }),
        version(3),
      ],
    });
    expect(await screen.findByText('Version 1')).toBeInTheDocument();
    expect(
      screen.getByText('Predicts which customers leave next month.'),
    ).toBeInTheDocument();
    expect(screen.getByText('Retention campaigns')).toBeInTheDocument();
    expect(screen.getByText('EU customers only')).toBeInTheDocument();
    // ethical considerations are missing from this model card
    expect(screen.getByText('Not documented')).toBeInTheDocument();
    expect(screen.getByText('Version 2')).toBeInTheDocument();
    expect(screen.getByText(/3 versions, latest/)).toBeInTheDocument();
  });

  it('says so when nothing is in a stage or no version exists', async () => {
    renderEntityCard(<ModelOverviewCard />, {
      entity: model,
      catalogEntities: [],
    });
    expect(
      await screen.findByText('No versions registered yet'),
    ).toBeInTheDocument();
  });
});
