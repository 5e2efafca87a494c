import { AwsSyncStore } from './AwsSyncStore';
import { createAwsSyncStatusHandler } from './createAwsSyncStatusHandler';

describe('createAwsSyncStatusHandler', () => {
  const status = {
    providerId: 'aws-glue:eu',
    startedAt: '2025-06-01T10:00:00.000Z',
    finishedAt: '2025-06-01T10:00:01.000Z',
    durationMs: 1000,
    outcome: 'applied' as const,
    entityCounts: { Dataset: 2 },
    calls: {},
    errors: [],
    warningCount: 1,
    warnings: [
      {
        entityRef: 'component:default/curate',
        read: 'job script s3://scripts/curate.py',
        reason: 'AccessDenied: Access Denied',
      },
    ],
  };
  const store = {
    getStatus: async (id: string) =>
      id === 'aws-glue:eu' ? status : undefined,
  } as unknown as AwsSyncStore;
  const handler = createAwsSyncStatusHandler({
    store,
    path: '/aws-glue/status',
    providerIds: ['aws-glue:eu', 'aws-glue:us'],
  });

  function call(method: string, path: string) {
    return new Promise<{ body?: unknown; next?: unknown }>(resolve => {
      const res = { json: (body: unknown) => resolve({ body }) };
      handler(
        { method, path } as any,
        res as any,
        ((error?: unknown) => resolve({ next: error ?? 'next' })) as any,
      );
    });
  }

  it('lists the latest sync of each provider, null before its first', async () => {
    await expect(call('GET', '/aws-glue/status')).resolves.toEqual({
      body: {
        providers: [
          { providerId: 'aws-glue:eu', latestSync: status },
          { providerId: 'aws-glue:us', latestSync: null },
        ],
      },
    });
  });

  it('leaves other routes to the rest of the router', async () => {
    await expect(call('GET', '/entities')).resolves.toEqual({ next: 'next' });
    await expect(call('POST', '/aws-glue/status')).resolves.toEqual({
      next: 'next',
    });
  });
});
