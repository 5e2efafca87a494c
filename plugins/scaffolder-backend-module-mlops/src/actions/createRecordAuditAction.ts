import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { MlopsFetch, NewAuditEvent } from '@ml-foundation/plugin-mlops-common';

/**
 * `mlops:audit:record`: appends who created what from which template to the
 * mlops audit trail. Recorded once per task and target, even when the task
 * is retried.
 */
export function createRecordAuditAction(options: {
  auth: AuthService;
  discovery: DiscoveryService;
  fetchApi: MlopsFetch;
}) {
  return createTemplateAction({
    id: 'mlops:audit:record',
    description:
      'Records an event (by default scaffolder.template-action) in the mlops audit trail, with the user and template that ran.',
    examples: [
      {
        description: 'Record the creation of a Model',
        example: [
          'steps:',
          '  - id: audit',
          '    action: mlops:audit:record',
          '    input:',
          '      targetRef: model:default/${{ parameters.name }}',
          '      details:',
          '        repoUrl: ${{ steps.publish.output.remoteUrl }}',
        ].join('\n'),
      },
    ],
    schema: {
      input: {
        targetRef: z =>
          z.string().min(1).describe('The entity the event is about'),
        targetArn: z => z.string().optional(),
        // The scaffolder does not apply schema defaults: the handler does.
        action: z =>
          z
            .string()
            .min(1)
            .optional()
            .describe('Default: scaffolder.template-action'),
        details: z =>
          z
            .record(z.string(), z.unknown())
            .optional()
            .describe('What was created, e.g. the repository URL'),
      },
      output: {
        eventId: z => z.string(),
      },
    },
    async handler(ctx) {
      const credentials = await ctx.getInitiatorCredentials();
      const actor =
        ctx.user?.ref ??
        (options.auth.isPrincipal(credentials, 'user')
          ? credentials.principal.userEntityRef
          : 'service:scaffolder');
      const action = ctx.input.action ?? 'scaffolder.template-action';
      const event: NewAuditEvent = {
        actor,
        action,
        targetRef: ctx.input.targetRef,
        ...(ctx.input.targetArn ? { targetArn: ctx.input.targetArn } : {}),
        details: {
          ...(ctx.input.details as NewAuditEvent['details'] | undefined),
          template: ctx.templateInfo?.entityRef ?? null,
          taskId: ctx.task.id,
        },
      };
      const eventId = await ctx.checkpoint({
        key: `audit-${action}-${ctx.input.targetRef}`,
        fn: async () => {
          const base = await options.discovery.getBaseUrl('mlops');
          const response = await options.fetchApi.fetch(
            `${base}/audit/events`,
            {
              method: 'POST',
              headers: { 'Content-Type': 'application/json' },
              body: JSON.stringify(event),
            },
          );
          if (!response.ok) {
            throw await ResponseError.fromResponse(response);
          }
          const recorded = (await response.json()) as { id: string };
          return recorded.id;
        },
      });
      ctx.output('eventId', eventId);
    },
  });
}
