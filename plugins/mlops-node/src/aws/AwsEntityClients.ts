import type { Entity } from '@backstage/catalog-model';
import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  ML_ANNOTATION_AWS_ARN,
  ML_ANNOTATION_AWS_PROVIDER,
} from '@ml-foundation/plugin-mlops-common';
import type { MiddlewareStack } from '@aws-sdk/types';
import { AwsClientFactory, AwsClientClass } from './AwsClientFactory';
import { parseArn } from './parseArn';
import {
  AwsProviderConfig,
  readAwsProviderConfigs,
} from './readAwsProviderConfigs';

const PROVIDER_KINDS = {
  awsSagemaker: 'aws-sagemaker',
  awsGlue: 'aws-glue',
} as const;

/**
 * AWS clients for entities that an AWS provider synced, so that what the
 * backend reads or writes about an entity goes to the account, region and
 * endpoint it came from: the provider named by the entity's
 * `ml-foundation.dev/aws-provider` annotation, else the provider configured
 * for its ARN's account and region. One client per provider and class.
 */
export class AwsEntityClients {
  private readonly clients = new Map<string, Promise<unknown>>();

  static fromConfig(
    config: Config,
    providerKey: keyof typeof PROVIDER_KINDS,
  ): AwsEntityClients {
    return new AwsEntityClients(
      AwsClientFactory.fromConfig(config),
      readAwsProviderConfigs(config, providerKey),
      providerKey,
    );
  }

  constructor(
    private readonly factory: AwsClientFactory,
    private readonly providers: AwsProviderConfig[],
    private readonly providerKey: keyof typeof PROVIDER_KINDS,
  ) {}

  /** The client of `ClientClass` that reaches the entity's AWS account and region. */
  client<C extends { middlewareStack: MiddlewareStack<any, any> }>(
    ClientClass: AwsClientClass<C>,
    entity: Entity,
  ): Promise<C> {
    const provider = this.providerFor(entity);
    const key = `${ClientClass.name}:${provider.id}`;
    let client = this.clients.get(key) as Promise<C> | undefined;
    if (!client) {
      client = this.factory.create(ClientClass, provider);
      // A failed creation (e.g. credentials) is retried on the next call.
      client.catch(() => this.clients.delete(key));
      this.clients.set(key, client);
    }
    return client;
  }

  /** @throws InputError when no configured provider reaches the entity. */
  providerFor(entity: Entity): AwsProviderConfig {
    const annotations = entity.metadata.annotations ?? {};
    const prefix = `${PROVIDER_KINDS[this.providerKey]}:`;
    const named = annotations[ML_ANNOTATION_AWS_PROVIDER];
    if (named?.startsWith(prefix)) {
      const provider = this.providers.find(
        p => p.id === named.slice(prefix.length),
      );
      if (provider) {
        return provider;
      }
    }
    const arn = annotations[ML_ANNOTATION_AWS_ARN];
    if (arn) {
      const { accountId, region } = parseArn(arn);
      const provider = this.providers.find(
        p => p.region === region && (!p.accountId || p.accountId === accountId),
      );
      if (provider) {
        return provider;
      }
    }
    throw new InputError(
      `No catalog.providers.${this.providerKey} provider reaches ${
        arn ?? entity.metadata.name
      }: configure one for its account and region`,
    );
  }
}
