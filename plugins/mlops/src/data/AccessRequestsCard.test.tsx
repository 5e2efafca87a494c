import type { AccessRequest } from '@ml-foundation/plugin-mlops-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { dataset } from '../__testUtils__/fixtures';
import {
  mockMlopsApi,
  renderEntityCard,
} from '../__testUtils__/renderEntityCard';
import { AccessRequestsCard } from './AccessRequestsCard';

const piiDataset = {
  ...dataset,
  spec: { ...dataset.spec, classification: 'pii' },
};

const pending: AccessRequest = {
  id: 'a1',
  entityRef: 'dataset:default/transactions',
  requestedBy: 'user:default/zoe',
  purpose: 'churn features',
  durationDays: 30,
  state: 'pending',
  requiredSteps: ['owner', 'privacy'],
  pendingSteps: ['privacy'],
  approvers: {
    owner: ['group:default/data-engineering'],
    privacy: ['group:default/privacy-office'],
  },
  decisions: [
    {
      actor: 'user:default/cara',
      decision: 'approve',
      step: 'owner',
      decidedAt: '2026-12-01T10:00:00Z',
    },
  ],
  createdAt: '2026-12-01T09:00:00Z',
};

describe('AccessRequestsCard', () => {
  it('sends a request with purpose and duration from the dialog', async () => {
    const mlopsApi = mockMlopsApi({
      listAccessRequests: async () => [],
      createAccessRequest: async () => pending,
    });
    await renderEntityCard(<AccessRequestsCard />, {
      entity: piiDataset,
      mlopsApi,
      userEntityRef: 'user:default/zoe',
    });
    expect(
      await screen.findByText(
        'PII data: the owners and the privacy group must both approve',
      ),
    ).toBeInTheDocument();
    expect(
      await screen.findByText('No access requests yet'),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(
        screen.getByRole('button', { name: 'Request access' }),
      ).toBeEnabled(),
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Request access' }),
    );
    const dialog = await screen.findByRole('dialog');
    const send = within(dialog).getByRole('button', { name: 'Send request' });
    expect(send).toBeDisabled(); // no purpose yet
    await userEvent.type(
      within(dialog).getByLabelText('Purpose'),
      'churn features',
    );
    await userEvent.clear(within(dialog).getByLabelText('Duration (days)'));
    await userEvent.type(
      within(dialog).getByLabelText('Duration (days)'),
      '14',
    );
    await userEvent.click(send);
    await waitFor(() =>
      expect(mlopsApi.createAccessRequest).toHaveBeenCalledWith({
        entityRef: 'dataset:default/customers',
        purpose: 'churn features',
        durationDays: 14,
      }),
    );
    expect(mlopsApi.listAccessRequests).toHaveBeenCalledTimes(2);
  });

  it('lets an approver approve, with the steps and decisions so far', async () => {
    const mlopsApi = mockMlopsApi({
      listAccessRequests: async () => [pending],
      decideAccessRequest: async () => ({ ...pending, state: 'approved' }),
    });
    await renderEntityCard(<AccessRequestsCard />, {
      entity: piiDataset,
      mlopsApi,
      userEntityRef: 'user:default/pia',
    });
    const request = await screen.findByTestId('access-request-a1');
    expect(request).toHaveTextContent('waiting for privacy: privacy-office)');
    expect(request).toHaveTextContent('cara approved (owner)');
    // People and groups are links to their pages, not entity refs.
    expect(within(request).getByRole('link', { name: 'zoe' })).toHaveAttribute(
      'href',
      '/catalog/default/user/zoe',
    );
    expect(
      within(request).getByRole('link', { name: 'privacy-office' }),
    ).toHaveAttribute('href', '/catalog/default/group/privacy-office');
    await userEvent.type(screen.getByLabelText('Comment'), 'DPIA on file');
    await userEvent.click(screen.getByRole('button', { name: 'Approve' }));
    await waitFor(() =>
      expect(mlopsApi.decideAccessRequest).toHaveBeenCalledWith('a1', {
        decision: 'approve',
        comment: 'DPIA on file',
      }),
    );
  });

  it('tells the requester why they cannot decide, and shows a refused decision', async () => {
    const requester = mockMlopsApi({
      listAccessRequests: async () => [pending],
    });
    const { unmount } = await renderEntityCard(<AccessRequestsCard />, {
      entity: piiDataset,
      mlopsApi: requester,
      userEntityRef: 'user:default/zoe',
    });
    expect(
      await screen.findByText(
        'You requested this access: someone else must decide it',
      ),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Approve' }),
    ).not.toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Request access' }),
    ).toBeDisabled();
    unmount();

    const outsider = mockMlopsApi({
      listAccessRequests: async () => [pending],
      decideAccessRequest: async () => {
        throw new Error(
          'Separation of duties (approver-not-in-group): not a member',
        );
      },
    });
    await renderEntityCard(<AccessRequestsCard />, {
      entity: piiDataset,
      mlopsApi: outsider,
      userEntityRef: 'user:default/bob',
    });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Reject' }),
    );
    expect(
      await screen.findByText(/approver-not-in-group/),
    ).toBeInTheDocument();
  });
});
