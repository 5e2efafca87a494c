import type { Entity } from '@backstage/catalog-model';
import {
  ML_ANNOTATION_AWS_PROVIDER,
  ML_ANNOTATION_SYNC_WARNINGS,
} from '@ml-foundation/plugin-mlops-common';
import { screen } from '@testing-library/react';
import { model } from '../__testUtils__/fixtures';
import { renderEntityCard } from '../__testUtils__/renderEntityCard';
import { formatTime } from '../components/formatTime';
import { SyncFreshnessCard } from './SyncFreshnessCard';

const synced = (annotations: Record<string, string> = {}): Entity => ({
  ...model,
  metadata: {
    ...model.metadata,
    annotations: {
      [ML_ANNOTATION_AWS_PROVIDER]: 'aws-sagemaker:prod-eu',
      ...annotations,
    },
  },
});

const minutesAgo = (minutes: number) =>
  new Date(Date.now() - minutes * 60_000).toISOString();

/** A fetch answering the status route with these providers' latest syncs. */
function statusRoute(providers: unknown[]) {
  return jest.fn(async (input: RequestInfo | URL) => {
    const url = String(input instanceof Request ? input.url : input);
    if (url !== 'http://example.com/api/catalog/aws-sagemaker/status') {
      return new Response('not found', { status: 404 });
    }
    return Response.json({ providers });
  }) as typeof fetch;
}

/** The status icon next to a text: ok, warning or error. */
const statusOf = (text: HTMLElement) =>
  text.closest('[aria-label^="Status"]')?.getAttribute('aria-label');

describe('SyncFreshnessCard', () => {
  it("shows when this entity's provider last synced, not another provider's sync", async () => {
    const finishedAt = minutesAgo(5);
    renderEntityCard(<SyncFreshnessCard />, {
      entity: synced(),
      fetch: statusRoute([
        {
          providerId: 'aws-sagemaker:prod-us',
          latestSync: {
            finishedAt: minutesAgo(600),
            outcome: 'failed',
            errors: ['us-east-1 throttled'],
          },
        },
        {
          providerId: 'aws-sagemaker:prod-eu',
          latestSync: { finishedAt, outcome: 'applied', errors: [] },
        },
      ]),
    });
    const summary = await screen.findByText(
      `Synced from aws-sagemaker:prod-eu 5 min ago (${formatTime(finishedAt)})`,
    );
    expect(statusOf(summary)).toBe('Status ok');
    expect(screen.queryByText('us-east-1 throttled')).not.toBeInTheDocument();
    expect(screen.queryByText(/^Warning:/)).not.toBeInTheDocument();
  });

  it('shows a failed sync, its errors and how old the data is', async () => {
    const lastAppliedAt = minutesAgo(3 * 24 * 60);
    renderEntityCard(<SyncFreshnessCard />, {
      entity: synced(),
      fetch: statusRoute([
        {
          providerId: 'aws-sagemaker:prod-eu',
          latestSync: {
            finishedAt: minutesAgo(120),
            outcome: 'failed',
            errors: [
              'ListModelPackages: AccessDeniedException',
              'DescribeEndpoint churn-endpoint: ThrottlingException',
            ],
            lastAppliedAt,
          },
        },
      ]),
    });
    const summary = await screen.findByText(
      `Last sync from aws-sagemaker:prod-eu 2 h ago was failed; data is from ${formatTime(
        lastAppliedAt,
      )}`,
    );
    expect(statusOf(summary)).toBe('Status error');
    expect(
      screen.getByText('ListModelPackages: AccessDeniedException'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('DescribeEndpoint churn-endpoint: ThrottlingException'),
    ).toBeInTheDocument();
  });

  it('shows a refused sync as not applied', async () => {
    renderEntityCard(<SyncFreshnessCard />, {
      entity: synced(),
      fetch: statusRoute([
        {
          providerId: 'aws-sagemaker:prod-eu',
          latestSync: {
            finishedAt: minutesAgo(1),
            outcome: 'refused',
            errors: ['would remove 80% of the entities'],
          },
        },
      ]),
    });
    const summary = await screen.findByText(
      'Last sync from aws-sagemaker:prod-eu 1 min ago was refused',
    );
    expect(statusOf(summary)).toBe('Status error');
    expect(
      screen.getByText('would remove 80% of the entities'),
    ).toBeInTheDocument();
  });

  it('says when the provider has not finished a sync yet', async () => {
    renderEntityCard(<SyncFreshnessCard />, {
      entity: synced(),
      fetch: statusRoute([
        { providerId: 'aws-sagemaker:prod-eu', latestSync: null },
      ]),
    });
    const summary = await screen.findByText(
      'aws-sagemaker:prod-eu has not finished a sync yet',
    );
    expect(statusOf(summary)).toBe('Status warning');
  });

  it("says why the status could not be read, in the server's words", async () => {
    renderEntityCard(<SyncFreshnessCard />, {
      entity: synced(),
      fetch: (async () =>
        Response.json(
          {
            error: { name: 'Error', message: 'sync store unavailable' },
            response: { statusCode: 503 },
          },
          { status: 503, statusText: 'Service Unavailable' },
        )) as typeof fetch,
    });
    expect(
      await screen.findByText(
        'Could not read the sync status of aws-sagemaker:prod-eu: sync store unavailable',
      ),
    ).toBeInTheDocument();
  });

  it('lists what the last sync could not read for this entity', async () => {
    renderEntityCard(<SyncFreshnessCard />, {
      entity: synced({
        [ML_ANNOTATION_SYNC_WARNINGS]: JSON.stringify([
          {
            read: 'model card of churn',
            reason: 'AccessDeniedException: not authorized',
          },
          { read: 'tags of churn', reason: 'ThrottlingException' },
        ]),
      }),
      fetch: statusRoute([
        {
          providerId: 'aws-sagemaker:prod-eu',
          latestSync: {
            finishedAt: minutesAgo(5),
            outcome: 'applied',
            errors: [],
          },
        },
      ]),
    });
    expect(
      await screen.findByText(
        'Warning: The last sync could not read 2 things for this entity',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('model card of churn').closest('li'),
    ).toHaveTextContent(
      'model card of churn: AccessDeniedException: not authorized',
    );
    expect(screen.getByText('tags of churn')).toBeInTheDocument();
    expect(await screen.findByText(/^Synced from/)).toBeInTheDocument();
  });

  it('shows an unreadable warnings annotation as one warning', async () => {
    renderEntityCard(<SyncFreshnessCard />, {
      entity: synced({ [ML_ANNOTATION_SYNC_WARNINGS]: '[{"read": ' }),
      fetch: statusRoute([]),
    });
    expect(
      await screen.findByText(
        'Warning: The last sync could not read 1 thing for this entity',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('unreadable annotation: [{"read":', { exact: false }),
    ).toBeInTheDocument();
    // a provider missing from the status has not synced either
    expect(
      await screen.findByText(
        'aws-sagemaker:prod-eu has not finished a sync yet',
      ),
    ).toBeInTheDocument();
  });
});
