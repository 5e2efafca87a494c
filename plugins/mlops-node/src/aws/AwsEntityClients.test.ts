import { S3Client } from '@aws-sdk/client-s3';
import type { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { AwsEntityClients } from './AwsEntityClients';

// An endpoint, as for the simulator, so no STS call names the account.
const endpoint = 'http://127.0.0.1:4566';
const config = new ConfigReader({
  aws: { mainAccount: { accessKeyId: 'test', secretAccessKey: 'test' } },
  catalog: {
    providers: {
      awsSagemaker: {
        eu: { accountId: '111111111111', region: 'eu-west-1', endpoint },
        us: { accountId: '111111111111', region: 'us-east-1', endpoint },
      },
    },
  },
});

function entity(annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'ml-foundation.dev/v1alpha1',
    kind: 'ModelVersion',
    metadata: { name: 'churn-3', annotations },
  };
}

const arn = (region: string) =>
  `arn:aws:sagemaker:${region}:111111111111:model-package/churn/3`;

describe('AwsEntityClients', () => {
  const clients = AwsEntityClients.fromConfig(config, 'awsSagemaker');

  it('reaches an entity through the provider that synced it', () => {
    expect(
      clients.providerFor(
        entity({
          'ml-foundation.dev/aws-provider': 'aws-sagemaker:us',
          'aws.amazon.com/arn': arn('eu-west-1'),
        }),
      ).id,
    ).toBe('us');
  });

  it("falls back to the provider of the ARN's account and region", () => {
    expect(
      clients.providerFor(entity({ 'aws.amazon.com/arn': arn('us-east-1') }))
        .id,
    ).toBe('us');
  });

  it('says which entity no provider reaches, rather than guessing one', () => {
    expect(() =>
      clients.providerFor(entity({ 'aws.amazon.com/arn': arn('ap-south-1') })),
    ).toThrow(
      /No catalog.providers.awsSagemaker provider reaches arn:aws:sagemaker:ap-south-1/,
    );
  });

  it('makes one client per provider', async () => {
    const eu = entity({ 'aws.amazon.com/arn': arn('eu-west-1') });
    const first = await clients.client(S3Client, eu);
    expect(await clients.client(S3Client, eu)).toBe(first);
    expect(await first.config.region()).toBe('eu-west-1');
  });
});
