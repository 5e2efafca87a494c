import { ListTagsCommand, SageMakerClient } from '@aws-sdk/client-sagemaker';
import { ConfigReader } from '@backstage/config';
import {
  AwsSimulator,
  emptyRegionEstate,
  startAwsSimulator,
} from '@ml-foundation/aws-simulator';
import {
  AwsClientFactory,
  readAwsProviderConfigs,
} from '@ml-foundation/plugin-mlops-node';
import { createRetryingContext } from '../__testUtils__/createRetryingContext';
import { createEnsureModelPackageGroupAction } from './createEnsureModelPackageGroupAction';

describe('mlops:sagemaker:ensure-model-package-group', () => {
  let simulator: AwsSimulator;
  let action: ReturnType<typeof createEnsureModelPackageGroupAction>;

  beforeEach(async () => {
    simulator = await startAwsSimulator({
      estate: {
        accountId: '123456789012',
        regions: { 'eu-west-1': emptyRegionEstate() },
        s3: {},
      },
    });
    const config = new ConfigReader({
      aws: { mainAccount: { accessKeyId: 'a', secretAccessKey: 'b' } },
      catalog: {
        providers: {
          awsSagemaker: {
            demo: {
              accountId: '123456789012',
              region: 'eu-west-1',
              endpoint: simulator.endpoint,
              ownerTagKey: 'team',
            },
          },
        },
      },
    });
    action = createEnsureModelPackageGroupAction({
      clients: AwsClientFactory.fromConfig(config),
      providers: readAwsProviderConfigs(config, 'awsSagemaker'),
    });
  });
  afterEach(() => simulator.close());

  const input = {
    name: 'fraud-detector',
    owner: 'group:default/risk',
    description: 'Card fraud scoring',
  };

  it('creates the group with its description and owner tag', async () => {
    const ctx = createRetryingContext().context({ input });
    await action.handler(ctx);
    const arn =
      'arn:aws:sagemaker:eu-west-1:123456789012:model-package-group/fraud-detector';
    expect(ctx.output).toHaveBeenCalledWith('arn', arn);
    expect(ctx.output).toHaveBeenCalledWith('created', true);
    const [group] =
      simulator.estate.regions['eu-west-1'].sagemaker.modelPackageGroups;
    expect(group).toMatchObject({
      ModelPackageGroupName: 'fraud-detector',
      ModelPackageGroupDescription: 'Card fraud scoring',
    });
    const sagemaker = new SageMakerClient({
      region: 'eu-west-1',
      endpoint: simulator.endpoint,
      credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
    });
    const { Tags } = await sagemaker.send(
      new ListTagsCommand({ ResourceArn: arn }),
    );
    expect(Tags).toEqual([{ Key: 'team', Value: 'group:default/risk' }]);
  });

  it('creates once under task retry, and leaves an existing group alone', async () => {
    const retrying = createRetryingContext();
    await action.handler(retrying.context({ input }));
    const retried = retrying.context({ input });
    await action.handler(retried);
    expect(retried.output).toHaveBeenCalledWith('created', true);
    expect(simulator.calls('CreateModelPackageGroup')).toHaveLength(1);

    // Another task for the same project (no shared checkpoints).
    const rerun = createRetryingContext().context({ input });
    await action.handler(rerun);
    expect(rerun.output).toHaveBeenCalledWith('created', false);
    expect(simulator.calls('CreateModelPackageGroup')).toHaveLength(1);
    expect(
      simulator.estate.regions['eu-west-1'].sagemaker.modelPackageGroups,
    ).toHaveLength(1);
  });

  it('names the configured providers when asked for an unknown one', async () => {
    await expect(
      action.handler(
        createRetryingContext().context({
          input: { ...input, provider: 'prod' },
        }),
      ),
    ).rejects.toThrow(
      'No catalog.providers.awsSagemaker.prod in the config; configured: demo',
    );
  });

  it('passes on what SageMaker refuses', async () => {
    await expect(
      action.handler(
        createRetryingContext().context({
          input: { ...input, name: 'bad_name' },
        }),
      ),
    ).rejects.toThrow(/failed to satisfy constraint/);
  });
});
