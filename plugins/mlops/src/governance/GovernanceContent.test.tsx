import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { review as openReview, version } from '../__testUtils__/fixtures';
import {
  mockMlopsApi,
  renderEntityCard,
} from '../__testUtils__/renderEntityCard';
import { GovernanceContent } from './GovernanceContent';

const policy = {
  name: 'default',
  transitions: {
    production: {
      checkpoints: [
        { id: 'auc', type: 'metric-threshold' },
        { id: 'risk-signoff', type: 'approval' },
      ],
    },
    staging: { checkpoints: [] },
  },
};

const review = openReview();

describe('GovernanceContent', () => {
  it('shows each checkpoint with its evidence and lets an allowed reviewer approve with a comment', async () => {
    const mlopsApi = mockMlopsApi({
      getPolicy: async () => policy,
      listReviews: async () => [review],
      decide: async () => review,
    });
    renderEntityCard(<GovernanceContent />, {
      entity: version(3),
      mlopsApi,
      userEntityRef: 'user:default/alice',
    });
    expect(
      await screen.findByText('validation:auc 0.86 is >= 0.8'),
    ).toBeInTheDocument();
    expect(screen.getByText('0 of 2 model-risk approvals')).toBeInTheDocument();
    expect(screen.getByText(/min: 0.8/)).toBeInTheDocument();
    const approve = screen.getByRole('button', { name: 'Approve' });
    expect(approve).toBeDisabled(); // no comment yet
    await waitFor(() => expect(screen.getByLabelText('Comment')).toBeEnabled());
    await userEvent.type(screen.getByLabelText('Comment'), 'Looks good');
    const enabledApprove = await waitFor(() => {
      const button = screen.getByRole('button', { name: 'Approve' });
      expect(button).toBeEnabled();
      return button;
    });
    await userEvent.click(enabledApprove);
    await waitFor(() =>
      expect(mlopsApi.decide).toHaveBeenCalledWith('r1', {
        decision: 'approve',
        comment: 'Looks good',
      }),
    );
    expect(mlopsApi.listReviews).toHaveBeenCalledTimes(2); // reloaded after the decision
  });

  it('disables deciding with the reason for the requester', async () => {
    const mlopsApi = mockMlopsApi({
      getPolicy: async () => policy,
      listReviews: async () => [review],
    });
    renderEntityCard(<GovernanceContent />, {
      entity: version(3),
      mlopsApi,
      userEntityRef: 'user:default/bob',
    });
    expect(
      await screen.findByText(
        'You requested this review: someone else must decide it',
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Approve' })).toBeDisabled();
  });

  it('disables requesting and deciding with the reason when the permission is denied', async () => {
    const mlopsApi = mockMlopsApi({
      getPolicy: async () => policy,
      listReviews: async () => [review],
    });
    // usePermission caches answers per entity ref: another version than the allowed tests
    renderEntityCard(<GovernanceContent />, {
      entity: version(4),
      mlopsApi,
      allowed: false,
    });
    expect(
      await screen.findByText(
        'You are not allowed to request reviews for this model',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'You are not allowed to approve or reject reviews for this model',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Request promotion' }),
    ).toBeDisabled();
  });

  it('requests a promotion to the chosen stage', async () => {
    const mlopsApi = mockMlopsApi({
      getPolicy: async () => policy,
      listReviews: async () => [],
      createReview: async () => review,
    });
    renderEntityCard(<GovernanceContent />, { entity: version(3), mlopsApi });
    expect(await screen.findByText('No reviews yet')).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText('Why'), 'Better recall');
    await userEvent.click(
      screen.getByRole('button', { name: 'Request promotion' }),
    );
    await waitFor(() =>
      expect(mlopsApi.createReview).toHaveBeenCalledWith({
        entityRef: 'modelversion:default/churn-3',
        targetStage: 'production',
        kind: 'promotion',
        comment: 'Better recall',
      }),
    );
  });

  it('shows what failed when the reviews cannot be read', async () => {
    const mlopsApi = mockMlopsApi({
      getPolicy: async () => policy,
      listReviews: async () => {
        throw new Error('governance database unavailable');
      },
    });
    renderEntityCard(<GovernanceContent />, { entity: version(3), mlopsApi });
    expect(
      (await screen.findAllByText(/governance database unavailable/))[0],
    ).toBeInTheDocument();
  });
});
