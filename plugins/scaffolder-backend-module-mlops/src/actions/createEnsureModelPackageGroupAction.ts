import {
  CreateModelPackageGroupCommand,
  DescribeModelPackageGroupCommand,
  SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  AwsClientFactory,
  AwsProviderConfig,
  isAwsNotFoundError,
} from '@ml-foundation/plugin-mlops-node';

/**
 * `mlops:sagemaker:ensure-model-package-group`: makes sure the model registry
 * group a new project registers into exists, tagged with its owner so the
 * SageMaker provider assigns the Model to the right team. Creating is skipped
 * when the group exists, so a retried task or a re-run template is harmless.
 */
export function createEnsureModelPackageGroupAction(options: {
  clients: AwsClientFactory;
  /** The `catalog.providers.awsSagemaker` entries: where the registry is. */
  providers: AwsProviderConfig[];
}) {
  return createTemplateAction({
    id: 'mlops:sagemaker:ensure-model-package-group',
    description:
      'Creates a SageMaker model package group with an owner tag and description, unless it exists.',
    examples: [
      {
        description: 'The group a new ML project registers its versions into',
        example: [
          'steps:',
          '  - id: registry',
          '    action: mlops:sagemaker:ensure-model-package-group',
          '    input:',
          '      name: ${{ parameters.name }}',
          '      owner: ${{ parameters.owner }}',
          '      description: ${{ parameters.description }}',
        ].join('\n'),
      },
    ],
    schema: {
      input: {
        name: z =>
          z
            .string()
            .regex(
              /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/,
              'must be 1-63 letters, digits or hyphens, starting and ending with a letter or digit',
            )
            .describe('Model package group name'),
        owner: z =>
          z.string().min(1).describe('Owner entity ref, written as a tag'),
        description: z => z.string().max(1024).optional(),
        provider: z =>
          z
            .string()
            .optional()
            .describe(
              'Id of the catalog.providers.awsSagemaker entry whose account and region to use; defaults to the only one',
            ),
      },
      output: {
        arn: z => z.string(),
        created: z => z.boolean().describe('false if the group existed'),
      },
    },
    async handler(ctx) {
      const provider = pickProvider(options.providers, ctx.input.provider);
      const client = await options.clients.create(SageMakerClient, provider);
      const { name, owner, description } = ctx.input;
      const result = await ctx.checkpoint({
        key: `ensure-model-package-group-${provider.id}-${name}`,
        fn: async () => {
          const existing = await describe(client, name);
          if (existing) {
            return { arn: existing, created: false };
          }
          try {
            const created = await client.send(
              new CreateModelPackageGroupCommand({
                ModelPackageGroupName: name,
                ModelPackageGroupDescription: description,
                Tags: [{ Key: provider.ownerTagKey, Value: owner }],
              }),
            );
            return { arn: created.ModelPackageGroupArn!, created: true };
          } catch (error) {
            // Created meanwhile by someone else: that is the group we want.
            const raced = await describe(client, name);
            if (raced) {
              return { arn: raced, created: false };
            }
            throw error;
          }
        },
      });
      ctx.logger.info(
        result.created
          ? `Created model package group ${result.arn}`
          : `Model package group ${result.arn} exists already`,
      );
      ctx.output('arn', result.arn);
      ctx.output('created', result.created);
    },
  });
}

function pickProvider(
  providers: AwsProviderConfig[],
  id: string | undefined,
): AwsProviderConfig {
  if (id) {
    const provider = providers.find(p => p.id === id);
    if (!provider) {
      throw new InputError(
        `No catalog.providers.awsSagemaker.${id} in the config; configured: ${
          providers.map(p => p.id).join(', ') || 'none'
        }`,
      );
    }
    return provider;
  }
  if (providers.length !== 1) {
    throw new InputError(
      providers.length
        ? `Several SageMaker accounts are configured (${providers
            .map(p => p.id)
            .join(', ')}): say which with the provider input`
        : 'No catalog.providers.awsSagemaker in the config: the action does not know which AWS account and region to use',
    );
  }
  return providers[0];
}

async function describe(
  client: SageMakerClient,
  name: string,
): Promise<string | undefined> {
  try {
    const group = await client.send(
      new DescribeModelPackageGroupCommand({ ModelPackageGroupName: name }),
    );
    return group.ModelPackageGroupArn;
  } catch (error) {
    if (isAwsNotFoundError(error)) {
      return undefined;
    }
    throw error;
  }
}
