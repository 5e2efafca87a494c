import type { Entity } from '@backstage/catalog-model';
import {
  AwsCallRecorder,
  AwsDescribeCache,
  AwsEntityProvider,
  AwsEntityProviderOptions,
  AwsProviderConfig,
} from '@ml-foundation/plugin-mlops-node';
import { buildSagemakerEntities } from '../mapping/buildSagemakerEntities';
import { createSagemakerReader } from '../reader/createSagemakerReader';

/**
 * Brings the ML estate of one AWS account and region from SageMaker into the
 * catalog. Reading is {@link SagemakerReader}'s job, mapping
 * {@link buildSagemakerEntities}'.
 */
export class AwsSagemakerEntityProvider extends AwsEntityProvider {
  constructor(options: AwsEntityProviderOptions<AwsProviderConfig>) {
    super('aws-sagemaker', options);
  }

  protected async read(
    recorder: AwsCallRecorder,
    cache: AwsDescribeCache,
  ): Promise<Entity[]> {
    const { config, clients } = this.options;
    const reader = await createSagemakerReader({
      clients,
      config,
      cache,
      recorder,
    });
    return buildSagemakerEntities(await reader.read(), {
      ownerTagKey: config.ownerTagKey,
      defaultOwner: config.defaultOwner,
    });
  }
}
