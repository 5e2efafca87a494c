import { GlueClient } from '@aws-sdk/client-glue';
import { S3Client } from '@aws-sdk/client-s3';
import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import {
  AwsCallRecorder,
  AwsClientFactory,
  AwsProviderConfig,
  AwsDescribeCache,
} from '@ml-foundation/plugin-mlops-node';
import { SagemakerReader } from './SagemakerReader';

/** A reader for one sync of one provider, its AWS calls counted by `recorder`. */
export async function createSagemakerReader(options: {
  clients: AwsClientFactory;
  config: AwsProviderConfig;
  cache: AwsDescribeCache;
  recorder: AwsCallRecorder;
}): Promise<SagemakerReader> {
  const { clients, config, cache, recorder } = options;
  return new SagemakerReader({
    sagemaker: await clients.create(SageMakerClient, config, recorder),
    s3: await clients.create(S3Client, config, recorder),
    glue: await clients.create(GlueClient, config, recorder),
    accountId: await clients.accountIdOf(config),
    region: config.region,
    maxConcurrency: config.maxConcurrency,
    cache,
    transformJobDays: config.config.getOptionalNumber('transformJobDays'),
  });
}
