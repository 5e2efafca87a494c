import { ResponseError } from '@backstage/errors';
import type { AuditEvent } from '@ml-foundation/plugin-mlops-common';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { model } from '../__testUtils__/fixtures';
import {
  mockMlopsApi,
  renderEntityCard,
} from '../__testUtils__/renderEntityCard';
import { AuditContent } from './AuditContent';

const event = (sequence: number, action: string): AuditEvent => ({
  id: `e${sequence}`,
  sequence,
  actor: 'user:default/alice',
  action,
  targetRef: 'modelversion:default/churn-3',
  details: { targetStage: 'production' },
  occurredAt: '2026-12-01T10:00:00Z',
  previousHash: '0'.repeat(64),
  hash: 'a'.repeat(64),
});

describe('AuditContent', () => {
  it("lists the model's events with the chain's verification, and pages back", async () => {
    const mlopsApi = mockMlopsApi({
      verifyAudit: async () => ({
        ok: true,
        checkedEvents: 42,
        verifiedAt: '2026-12-01T10:00:00Z',
      }),
      listAuditEvents: async query =>
        query.cursor
          ? { items: [event(1, 'review.opened')] }
          : { items: [event(2, 'review.decision')], nextCursor: 'c1' },
    });
    renderEntityCard(<AuditContent />, { entity: model, mlopsApi });
    expect(await screen.findByText('review.decision')).toBeInTheDocument();
    expect(
      await screen.findByText(/Chain verified: 42 events intact/),
    ).toBeInTheDocument();
    expect(mlopsApi.listAuditEvents).toHaveBeenCalledWith(
      expect.objectContaining({ entityRef: 'model:default/churn' }),
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Load older events' }),
    );
    expect(await screen.findByText('review.opened')).toBeInTheDocument();
    expect(screen.getByText('review.decision')).toBeInTheDocument();
  });

  it('filters by action and says when nothing matches; a broken chain is shown', async () => {
    const mlopsApi = mockMlopsApi({
      verifyAudit: async () => ({
        ok: false,
        checkedEvents: 10,
        verifiedAt: '2026-12-01T10:00:00Z',
        firstBrokenEvent: { id: 'e7', sequence: 7, reason: 'hash mismatch' },
      }),
      listAuditEvents: async query => ({
        items: query.action ? [] : [event(2, 'review.decision')],
      }),
    });
    renderEntityCard(<AuditContent />, { entity: model, mlopsApi });
    expect(
      await screen.findByText('Chain broken at event #7: hash mismatch'),
    ).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText('Action'), 'writeback.failed');
    await userEvent.click(screen.getByRole('button', { name: 'Filter' }));
    expect(await screen.findByText('No audit events')).toBeInTheDocument();
    await waitFor(() =>
      expect(mlopsApi.listAuditEvents).toHaveBeenLastCalledWith(
        expect.objectContaining({ action: 'writeback.failed' }),
      ),
    );
  });

  it("says what is needed, in the server's words, when reading is refused", async () => {
    const reason =
      'Reading the audit trail of model:default/churn needs the mlops.audit.read permission';
    const refused = await ResponseError.fromResponse(
      new Response(
        JSON.stringify({
          error: { name: 'NotAllowedError', message: reason },
          request: { method: 'GET', url: '/audit/events' },
          response: { statusCode: 403 },
        }),
        {
          status: 403,
          statusText: 'Forbidden',
          headers: { 'Content-Type': 'application/json' },
        },
      ),
    );
    const mlopsApi = mockMlopsApi({
      verifyAudit: async () => ({
        ok: true,
        checkedEvents: 2,
        verifiedAt: '2026-12-01T10:00:00Z',
      }),
      listAuditEvents: async () => {
        throw refused;
      },
    });
    renderEntityCard(<AuditContent />, { entity: model, mlopsApi });
    expect(
      await screen.findByText(`You may not see this: ${reason}`),
    ).toBeInTheDocument();
    expect(screen.queryByText(/403 Forbidden/)).not.toBeInTheDocument();
  });
});
