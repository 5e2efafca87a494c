import type {
  AttentionItem,
  Review,
  ReviewQuery,
} from '@ml-foundation/plugin-mlops-common';
import { screen, within } from '@testing-library/react';
import { review } from '../__testUtils__/fixtures';
import {
  mockMlopsApi,
  renderMlopsPage,
} from '../__testUtils__/renderEntityCard';
import { formatTime } from '../components/formatTime';
import { NeedsAttentionList } from './NeedsAttentionList';

const attention: AttentionItem[] = [
  {
    entityRef: 'modeldeployment:default/churn-endpoint',
    kind: 'drifting-deployment',
    message: 'DataQuality: 2 violations (tenure_months, contract_type)',
    since: '2026-12-01T12:00:00Z',
  },
  {
    entityRef: 'modeldeployment:default/fraud-endpoint',
    kind: 'failing-deployment',
    message: 'Endpoint status Failed',
    since: '2026-12-01T09:00:00Z',
  },
  {
    entityRef: 'modeldeployment:default/ltv-batch',
    kind: 'unknown-health',
    message: 'No monitoring schedule',
    since: '2026-11-30T08:00:00Z',
  },
];

const failedCheckpoint = review({
  id: 'r-open',
  entityRef: 'modelversion:default/churn-4',
  updatedAt: '2026-12-01T11:00:00Z',
  checkpoints: [
    ...review().checkpoints,
    {
      id: 'bias',
      type: 'bias-threshold',
      state: 'failed',
      message: 'DPPL 0.31 exceeds 0.1 for gender',
      evidence: {},
      evaluatedAt: '2026-12-01T11:00:00Z',
    },
  ],
});

const writeBackFailed = (
  id: string,
  entityRef: string,
  lastError?: string,
): Review =>
  review({
    id,
    entityRef,
    state: 'approved-not-synced',
    writeBack: { state: 'failed', attempts: 3, lastError },
    updatedAt: '2026-12-01T13:00:00Z',
  });

/** listReviews answering each state the list asks for. */
const reviewsByState =
  (byState: Partial<Record<string, Review[]>>) => async (query?: ReviewQuery) =>
    byState[query?.state ?? ''] ?? [];

const items = () =>
  within(screen.getByRole('region', { name: 'Needs attention' })).getAllByRole(
    'listitem',
  );

describe('NeedsAttentionList', () => {
  it('lists unhealthy deployments, failed checkpoints and failed write-backs, linking to each entity', async () => {
    renderMlopsPage(<NeedsAttentionList />, {
      mlopsApi: mockMlopsApi({
        listNeedsAttention: async () => attention,
        listReviews: reviewsByState({
          // an open review whose checkpoints all pass or wait is not listed
          open: [failedCheckpoint, review({ id: 'r-fine' })],
          'approved-not-synced': [
            writeBackFailed(
              'r-wb',
              'modelversion:default/fraud-7',
              'AccessDeniedException: sagemaker:UpdateModelPackage',
            ),
            writeBackFailed('r-wb2', 'modelversion:default/ltv-2'),
            // still retrying, not failed yet
            review({
              id: 'r-pending',
              entityRef: 'modelversion:default/ltv-3',
              state: 'approved-not-synced',
              writeBack: { state: 'pending', attempts: 1 },
            }),
          ],
        }),
      }),
    });
    expect(
      await screen.findByRole('link', { name: 'churn-endpoint' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/modeldeployment/churn-endpoint',
    );
    expect(items().map(i => i.textContent)).toEqual([
      `churn-endpoint — drifting deploymentDataQuality: 2 violations (tenure_months, contract_type) (since ${formatTime(
        '2026-12-01T12:00:00Z',
      )})`,
      `fraud-endpoint — failing deploymentEndpoint status Failed (since ${formatTime(
        '2026-12-01T09:00:00Z',
      )})`,
      `ltv-batch — unknown healthNo monitoring schedule (since ${formatTime(
        '2026-11-30T08:00:00Z',
      )})`,
      `churn-4 — failed checkpointbias: DPPL 0.31 exceeds 0.1 for gender (since ${formatTime(
        '2026-12-01T11:00:00Z',
      )})`,
      `fraud-7 — write-back failedAccessDeniedException: sagemaker:UpdateModelPackage (since ${formatTime(
        '2026-12-01T13:00:00Z',
      )})`,
      `ltv-2 — write-back failedSageMaker refused the write (since ${formatTime(
        '2026-12-01T13:00:00Z',
      )})`,
    ]);
    expect(screen.getByRole('link', { name: 'churn-4' })).toHaveAttribute(
      'href',
      '/catalog/default/modelversion/churn-4',
    );
  });

  it('says when nothing needs attention', async () => {
    renderMlopsPage(<NeedsAttentionList />, {
      mlopsApi: mockMlopsApi({
        listNeedsAttention: async () => [],
        listReviews: reviewsByState({ open: [review()] }),
      }),
    });
    expect(
      await screen.findByText('Nothing needs attention'),
    ).toBeInTheDocument();
  });

  it('says what failed when the health cannot be read', async () => {
    renderMlopsPage(<NeedsAttentionList />, {
      mlopsApi: mockMlopsApi({
        listNeedsAttention: async () => {
          throw new Error('model health is unavailable');
        },
        listReviews: reviewsByState({}),
      }),
    });
    expect(
      (await screen.findAllByText(/model health is unavailable/))[0],
    ).toBeInTheDocument();
    expect(
      screen.queryByText('Nothing needs attention'),
    ).not.toBeInTheDocument();
  });
});
