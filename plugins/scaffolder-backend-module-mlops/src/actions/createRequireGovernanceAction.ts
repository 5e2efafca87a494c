import { stringifyEntityRef } from '@backstage/catalog-model';
import { NotAllowedError } from '@backstage/errors';
import {
  ActionContext,
  createTemplateAction,
} from '@backstage/plugin-scaffolder-node';
import { MlopsApi, Review } from '@ml-foundation/plugin-mlops-common';
import { parseModelVersionRef } from './parseModelVersionRef';

/**
 * `mlops:governance:require`: stops a template unless the ModelVersion has
 * passed its governance policy for the stage, i.e. a review of that version
 * for that stage completed; otherwise the error lists what is still unmet.
 */
export function createRequireGovernanceAction(options: {
  /** The mlops API as the user running the template. */
  mlopsFor: (
    ctx: Pick<ActionContext<{}>, 'getInitiatorCredentials'>,
  ) => MlopsApi;
}) {
  return createTemplateAction({
    id: 'mlops:governance:require',
    description:
      'Fails unless the ModelVersion passed the governance policy for the target stage (a completed review), listing the unmet checkpoints.',
    supportsDryRun: true,
    examples: [
      {
        description: 'Only package a version approved for production',
        example: [
          'steps:',
          '  - id: governance',
          '    action: mlops:governance:require',
          '    input:',
          '      entityRef: ${{ parameters.modelVersion }}',
          '      stage: production',
        ].join('\n'),
      },
    ],
    schema: {
      input: {
        entityRef: z =>
          z.string().min(1).describe('Entity reference of the ModelVersion'),
        stage: z =>
          z
            .string()
            .min(1)
            .describe('Target stage, e.g. staging or production'),
      },
      output: {
        reviewId: z =>
          z.string().describe('The completed review that allows the stage'),
        completedAt: z => z.string().optional(),
      },
    },
    async handler(ctx) {
      const entityRef = stringifyEntityRef(
        parseModelVersionRef(ctx.input.entityRef),
      );
      const stage = ctx.input.stage.toLocaleLowerCase('en-US');
      const mlops = options.mlopsFor(ctx);
      const reviews = (await mlops.listReviews({ entityRef })).filter(
        r => r.targetStage.toLocaleLowerCase('en-US') === stage,
      );
      const completed = latest(reviews.filter(r => r.state === 'completed'));
      if (completed) {
        ctx.logger.info(
          `${entityRef} passed the ${completed.policy} policy for ${stage} in review ${completed.id}`,
        );
        ctx.output('reviewId', completed.id);
        if (completed.completedAt) {
          ctx.output('completedAt', completed.completedAt);
        }
        return;
      }
      throw new NotAllowedError(
        await describeUnmet(mlops, entityRef, stage, reviews),
      );
    },
  });
}

function latest(reviews: Review[]): Review | undefined {
  return [...reviews].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))[0];
}

async function describeUnmet(
  mlops: MlopsApi,
  entityRef: string,
  stage: string,
  reviews: Review[],
): Promise<string> {
  const head = `${entityRef} has not passed the governance policy for ${stage}`;
  const current = latest(reviews.filter(r => r.state !== 'superseded'));
  if (!current) {
    const policy = await mlops.getPolicy(entityRef);
    const checkpoints = policy.transitions[stage]?.checkpoints ?? [];
    const list = checkpoints.map(c => `  - ${c.id} (${c.type}): not evaluated`);
    return [
      `${head}: no review has been requested for ${stage}. Request one from the version's Governance tab.`,
      ...(list.length
        ? [`Checkpoints of the ${policy.name} policy:`, ...list]
        : []),
    ].join('\n');
  }
  if (current.state === 'approved-not-synced') {
    return `${head}: review ${
      current.id
    } is approved but not yet written back to SageMaker (${
      current.writeBack?.lastError ?? 'write-back pending'
    }); retry the write-back.`;
  }
  if (current.state === 'rejected') {
    return `${head}: review ${current.id} was rejected.`;
  }
  const unmet = current.checkpoints.filter(
    c => c.state === 'failed' || c.state === 'pending',
  );
  return [
    `${head}: review ${current.id} is ${current.state}; unmet checkpoints:`,
    ...unmet.map(c => `  - ${c.id} (${c.type}): ${c.state} — ${c.message}`),
  ].join('\n');
}
