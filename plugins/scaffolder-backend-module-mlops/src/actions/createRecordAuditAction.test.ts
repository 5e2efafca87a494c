import { mockServices } from '@backstage/backend-test-utils';
import { createMlopsFetch } from '../createMlopsFetch';
import { createRetryingContext } from '../__testUtils__/createRetryingContext';
import { startFakeMlopsBackend } from '../__testUtils__/startFakeMlopsBackend';
import { createRecordAuditAction } from './createRecordAuditAction';

describe('mlops:audit:record', () => {
  let backend: Awaited<ReturnType<typeof startFakeMlopsBackend>>;
  beforeEach(async () => {
    backend = await startFakeMlopsBackend({ reviews: [] });
  });
  afterEach(() => backend.close());

  const action = () =>
    createRecordAuditAction({
      auth: mockServices.auth(),
      discovery: {
        getBaseUrl: async () => backend.baseUrl,
        getExternalBaseUrl: async () => backend.baseUrl,
      },
      fetchApi: createMlopsFetch(mockServices.auth(), async () =>
        mockServices.auth().getOwnServiceCredentials(),
      ),
    });
  // No action: the scaffolder applies no schema default, the action does.
  const input = {
    targetRef: 'model:default/fraud-detector',
    details: { repoUrl: 'file:///repos/fraud-detector' },
  };

  it('records who created what from which template, as a service', async () => {
    const ctx = createRetryingContext().context({
      input,
      user: { ref: 'user:default/ada' },
      templateInfo: { entityRef: 'template:default/ml-project' },
    });
    await action().handler(ctx);
    expect(backend.auditEvents).toEqual([
      {
        actor: 'user:default/ada',
        action: 'scaffolder.template-action',
        targetRef: 'model:default/fraud-detector',
        details: {
          repoUrl: 'file:///repos/fraud-detector',
          template: 'template:default/ml-project',
          taskId: 'mock-task-id',
        },
      },
    ]);
    expect(ctx.output).toHaveBeenCalledWith('eventId', 'event-1');
    expect(backend.authorizations[0]).toMatch(/^Bearer mock-service-token/);
  });

  it('records once when the task is retried', async () => {
    const retrying = createRetryingContext();
    await action().handler(retrying.context({ input }));
    const retried = retrying.context({ input });
    await action().handler(retried);
    expect(backend.auditEvents).toHaveLength(1);
    expect(retried.output).toHaveBeenCalledWith('eventId', 'event-1');
  });

  it("passes on the audit backend's refusal", async () => {
    await expect(
      action().handler(
        createRetryingContext().context({ input: { ...input, targetRef: '' } }),
      ),
    ).rejects.toThrow(/400/);
  });
});
