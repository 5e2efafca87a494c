import { GlueClient } from '@aws-sdk/client-glue';
import { S3Client } from '@aws-sdk/client-s3';
import { ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import {
  AwsClientFactory,
  AwsProviderConfig,
  AwsSyncContext,
} from '@ml-foundation/plugin-mlops-node';
import { SagemakerReader } from './SagemakerReader';

/** A reader for one sync of one provider, its AWS calls counted by the context's recorder. */
export async function createSagemakerReader(options: {
  clients: AwsClientFactory;
  config: AwsProviderConfig;
  context: AwsSyncContext;
}): Promise<SagemakerReader> {
  const { clients, config } = options;
  const { cache, recorder, signal } = options.context;
  return new SagemakerReader({
    sagemaker: await clients.create(SageMakerClient, config, recorder, signal),
    s3: await clients.create(S3Client, config, recorder, signal),
    glue: await clients.create(GlueClient, config, recorder, signal),
    tagging: await clients.create(
      ResourceGroupsTaggingAPIClient,
      config,
      recorder,
      signal,
    ),
    accountId: await clients.accountIdOf(config),
    region: config.region,
    cache,
    signal,
    transformJobDays: config.config.getOptionalNumber('transformJobDays'),
  });
}
