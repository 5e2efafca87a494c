import { GlueClient } from '@aws-sdk/client-glue';
import { ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { S3Client } from '@aws-sdk/client-s3';
import type { Entity } from '@backstage/catalog-model';
import {
  AwsEntityProvider,
  AwsEntityProviderOptions,
  AwsSyncContext,
} from '@ml-foundation/plugin-mlops-node';
import { AwsGlueProviderConfig } from '../config/readAwsGlueConfigs';
import { buildGlueEntities } from '../mapping/buildGlueEntities';
import { GlueReader } from '../reader/GlueReader';

export type AwsGlueEntityProviderOptions =
  AwsEntityProviderOptions<AwsGlueProviderConfig>;

/**
 * Brings the Glue tables, views and jobs of one AWS account and region into
 * the catalog. Reading is {@link GlueReader}'s job, mapping
 * {@link buildGlueEntities}'.
 */
export class AwsGlueEntityProvider extends AwsEntityProvider<AwsGlueProviderConfig> {
  constructor(options: AwsGlueEntityProviderOptions) {
    super('aws-glue', options);
  }

  protected async read({
    recorder,
    cache,
    signal,
  }: AwsSyncContext): Promise<Entity[]> {
    const { config, clients } = this.options;
    const reader = new GlueReader({
      glue: await clients.create(GlueClient, config, recorder, signal),
      s3: await clients.create(S3Client, config, recorder, signal),
      tagging: await clients.create(
        ResourceGroupsTaggingAPIClient,
        config,
        recorder,
        signal,
      ),
      accountId: await clients.accountIdOf(config),
      region: config.region,
      databases: config.databases,
      cache,
      signal,
    });
    return buildGlueEntities(await reader.read(), config);
  }
}
