import { screen } from '@testing-library/react';
import { version } from '../__testUtils__/fixtures';
import { renderEntityCard } from '../__testUtils__/renderEntityCard';
import { TrainingRunLink } from './TrainingRunLink';

describe('TrainingRunLink', () => {
  it("links a version's training job to its model's Training runs tab with the run selected", async () => {
    const v5 = version(5, {
      training: { jobName: 'churn-train-20240930-1115' },
    });
    await renderEntityCard(<TrainingRunLink version={v5} />, { entity: v5 });
    expect(screen.getByText(/churn-train-20240930-1115/)).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'compare with other runs' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/model/churn/training-runs?run=churn-train-20240930-1115',
    );
  });

  it('shows a dash for a version without a training job', async () => {
    await renderEntityCard(<TrainingRunLink version={version(1)} />, {
      entity: version(1),
    });
    expect(screen.getByText('—')).toBeInTheDocument();
    expect(screen.queryByRole('link')).not.toBeInTheDocument();
  });
});
