import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  ML_ANNOTATION_AWS_ARN,
  ModelVersionEntityV1alpha1,
} from '@ml-foundation/plugin-mlops-common';
import { parseModelVersionRef } from './parseModelVersionRef';

/**
 * `mlops:model-version:fetch`: what a deployment needs of a ModelVersion
 * (ARN, artifact, image, metrics, approval, stage), read from the catalog
 * with the permissions of the user running the template.
 */
export function createFetchModelVersionAction(options: {
  catalog: CatalogService;
}) {
  return createTemplateAction({
    id: 'mlops:model-version:fetch',
    description:
      'Reads a ModelVersion from the catalog: ARN, artifact URI, image, metrics, approval status and stage.',
    supportsDryRun: true,
    examples: [
      {
        description: 'Fetch the version chosen in an EntityPicker',
        example: [
          'steps:',
          '  - id: version',
          '    action: mlops:model-version:fetch',
          '    input:',
          '      entityRef: ${{ parameters.modelVersion }}',
        ].join('\n'),
      },
    ],
    schema: {
      input: {
        entityRef: z =>
          z
            .string()
            .min(1)
            .describe(
              'Entity reference of the ModelVersion, e.g. modelversion:default/churn-model-3',
            ),
      },
      output: {
        entityRef: z => z.string(),
        name: z => z.string(),
        modelRef: z => z.string().describe('The Model it is a version of'),
        modelName: z => z.string(),
        version: z => z.number(),
        owner: z => z.string(),
        system: z => z.string().optional(),
        arn: z =>
          z.string().optional().describe('Model package ARN, if annotated'),
        artifactUri: z => z.string().optional(),
        image: z => z.string().optional(),
        framework: z => z.string().optional(),
        approvalStatus: z => z.string(),
        stage: z => z.string().optional(),
        metrics: z =>
          z.array(
            z.object({
              name: z.string(),
              value: z.number(),
              split: z.string().optional(),
            }),
          ),
      },
    },
    async handler(ctx) {
      const ref = parseModelVersionRef(ctx.input.entityRef);
      const entity = (await options.catalog.getEntityByRef(ref, {
        credentials: await ctx.getInitiatorCredentials(),
      })) as ModelVersionEntityV1alpha1 | undefined;
      if (!entity) {
        throw new NotFoundError(
          `ModelVersion ${stringifyEntityRef(ref)} is not in the catalog`,
        );
      }
      const spec = entity.spec;
      if (!spec?.model) {
        throw new InputError(
          `ModelVersion ${stringifyEntityRef(ref)} has no spec.model`,
        );
      }
      const annotations = entity.metadata.annotations ?? {};
      const arn = annotations[ML_ANNOTATION_AWS_ARN];
      ctx.output('entityRef', stringifyEntityRef(entity));
      ctx.output('name', entity.metadata.name);
      ctx.output('modelRef', spec.model);
      ctx.output('modelName', spec.model.replace(/^.*[:/]/, ''));
      ctx.output('version', spec.version);
      ctx.output('owner', spec.owner);
      if (spec.system) ctx.output('system', spec.system);
      if (arn) ctx.output('arn', arn);
      if (spec.artifactUri) ctx.output('artifactUri', spec.artifactUri);
      if (spec.image) ctx.output('image', spec.image);
      if (spec.framework) ctx.output('framework', spec.framework);
      ctx.output('approvalStatus', spec.approvalStatus);
      if (spec.stage) ctx.output('stage', spec.stage);
      ctx.output(
        'metrics',
        (spec.metrics ?? []).map(m => ({
          name: m.name,
          value: m.value,
          ...(m.split ? { split: m.split } : {}),
        })),
      );
    },
  });
}
