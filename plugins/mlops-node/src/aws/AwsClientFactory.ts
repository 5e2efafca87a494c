import type {
  AwsCredentialIdentity,
  AwsCredentialIdentityProvider,
  MiddlewareStack,
} from '@aws-sdk/types';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  AwsCredentialsManager,
  DefaultAwsCredentialsManager,
} from '@backstage/integration-aws-node';
import PQueue from 'p-queue';
import { AwsCallRecorder, operationOf } from './AwsCallRecorder';
import {
  OperationFairQueue,
  OperationQueueOptions,
} from './OperationFairQueue';
import { AwsProviderConfig } from './readAwsProviderConfigs';

/** The client settings that the factory decides. */
export interface AwsClientOptions {
  region: string;
  endpoint?: string;
  credentials: AwsCredentialIdentityProvider;
  retryMode: 'adaptive';
  maxAttempts: number;
  /** Only S3 reads it. */
  forcePathStyle: boolean;
  /** Only S3 reads it: a bucket in another region answers 301 with its region. */
  followRegionRedirects: boolean;
}

/** An AWS SDK v3 client class, e.g. `GlueClient`. */
export type AwsClientClass<C> = new (options: AwsClientOptions) => C;

// Simulators and LocalStack accept any signature; see credentialsFor.
const PLACEHOLDER_CREDENTIALS: AwsCredentialIdentity = {
  accessKeyId: 'placeholder',
  secretAccessKey: 'placeholder',
};

/**
 * Creates AWS SDK clients for the providers: credentials through the
 * `aws` integration config (`aws.mainAccount`, `aws.accounts`,
 * `aws.accountDefaults`), the provider's region and endpoint, adaptive retries
 * (so throttling slows a sync down instead of failing it), and at most
 * `maxConcurrency` calls in flight per provider across all its clients: one
 * queue per provider, taking calls from each operation in turn
 * ({@link OperationFairQueue}), the only limit its readers need.
 */
export class AwsClientFactory {
  // Per provider config rather than per id: ids repeat across provider kinds
  // (awsGlue.prod and awsSagemaker.prod), which must not share a limit.
  private readonly credentials = new WeakMap<
    AwsProviderConfig,
    Promise<AwsCredentialIdentityProvider>
  >();
  private readonly limits = new WeakMap<
    AwsProviderConfig,
    PQueue<OperationFairQueue, OperationQueueOptions>
  >();

  static fromConfig(rootConfig: Config): AwsClientFactory {
    const accounts = new Set(
      (rootConfig.getOptionalConfigArray('aws.accounts') ?? []).map(account =>
        account.getString('accountId'),
      ),
    );
    return new AwsClientFactory(
      DefaultAwsCredentialsManager.fromConfig(rootConfig),
      accountId =>
        accounts.has(accountId) ||
        rootConfig.has('aws.accountDefaults.roleName'),
    );
  }

  /**
   * @param hasAccountCredentials - whether the `aws` config says how to reach
   * this account (its own entry, or a role to assume in any account)
   */
  constructor(
    private readonly credentialsManager: AwsCredentialsManager,
    private readonly hasAccountCredentials: (accountId: string) => boolean,
  ) {}

  /**
   * A client for the provider. With `signal`, calls not yet sent when it is
   * aborted fail with its reason instead of reaching AWS.
   */
  async create<C extends { middlewareStack: MiddlewareStack<any, any> }>(
    ClientClass: AwsClientClass<C>,
    provider: AwsProviderConfig,
    recorder?: AwsCallRecorder,
    signal?: AbortSignal,
  ): Promise<C> {
    const client = new ClientClass({
      region: provider.region,
      endpoint: provider.endpoint,
      credentials: await this.credentialsFor(provider),
      retryMode: 'adaptive',
      maxAttempts: 10,
      // A custom endpoint (the simulator, LocalStack) has no DNS entry per
      // bucket, so S3 must address buckets in the path.
      forcePathStyle: provider.endpoint !== undefined,
      // Report and script buckets may be in another region than the provider.
      followRegionRedirects: true,
    });
    if (recorder) {
      client.middlewareStack.add(recorder.middleware, {
        step: 'initialize',
        name: 'mlopsAwsCallRecorder',
      });
    }
    const limit = this.limitFor(provider);
    // Added at the initialize step, a call keeps its slot while the SDK
    // retries it, so throttling slows the provider down rather than letting
    // more calls pile onto a throttled API.
    client.middlewareStack.add(
      (next, context) => args =>
        limit.add(() => next(args), {
          operation: operationOf(context),
        }) as ReturnType<typeof next>,
      { step: 'initialize', name: 'mlopsAwsConcurrencyLimit' },
    );
    if (signal) {
      // Inside the limit: calls queued when the sync is aborted never start.
      client.middlewareStack.add(
        next => args => {
          signal.throwIfAborted();
          return next(args);
        },
        { step: 'initialize', name: 'mlopsAwsAbort' },
      );
    }
    return client;
  }

  /**
   * The account a provider reads: the configured one, else the account of the
   * credentials where the `aws` config names it.
   *
   * @throws InputError when neither says.
   */
  async accountIdOf(provider: AwsProviderConfig): Promise<string> {
    if (provider.accountId) {
      return provider.accountId;
    }
    const { accountId } = await this.credentialsManager.getCredentialProvider();
    if (!accountId) {
      throw new InputError(
        `No account id for AWS provider ${provider.id}: set accountId in its config`,
      );
    }
    return accountId;
  }

  private limitFor(provider: AwsProviderConfig) {
    let limit = this.limits.get(provider);
    if (!limit) {
      limit = new PQueue({
        concurrency: provider.maxConcurrency,
        queueClass: OperationFairQueue,
      });
      this.limits.set(provider, limit);
    }
    return limit;
  }

  private async credentialsFor(
    provider: AwsProviderConfig,
  ): Promise<AwsCredentialIdentityProvider> {
    let credentials = this.credentials.get(provider);
    if (!credentials) {
      credentials = this.resolveCredentials(provider);
      this.credentials.set(provider, credentials);
      // A failure (STS unreachable for a moment) is not kept: the next sync
      // resolves the credentials again.
      credentials.catch(() => this.credentials.delete(provider));
    }
    const sdkCredentialProvider = await credentials;
    return provider.endpoint
      ? withPlaceholderFallback(sdkCredentialProvider)
      : sdkCredentialProvider;
  }

  private async resolveCredentials(
    provider: AwsProviderConfig,
  ): Promise<AwsCredentialIdentityProvider> {
    const { accountId, endpoint } = provider;
    // Asking for an account without config of its own makes the manager check
    // the main account's identity with STS, which a custom endpoint (the
    // simulator) cannot answer: there, the main account's credentials serve.
    const forAccount =
      accountId && (!endpoint || this.hasAccountCredentials(accountId));
    const { sdkCredentialProvider } =
      await this.credentialsManager.getCredentialProvider(
        forAccount ? { accountId } : undefined,
      );
    return sdkCredentialProvider;
  }
}

/**
 * With a custom endpoint and no credentials anywhere (no aws config, no
 * environment), signs with placeholders so the simulator and LocalStack work
 * out of the box; a real endpoint then answers with a clear authentication
 * error. Made per client, so per sync: a credential error seen once (a
 * profile being rewritten, an instance role not there yet) does not keep the
 * provider on placeholders; the next sync asks the real chain again.
 */
function withPlaceholderFallback(
  sdkCredentialProvider: AwsCredentialIdentityProvider,
): AwsCredentialIdentityProvider {
  let usePlaceholder = false;
  return async () => {
    if (usePlaceholder) {
      return PLACEHOLDER_CREDENTIALS;
    }
    try {
      return await sdkCredentialProvider();
    } catch (error) {
      if ((error as Error)?.name !== 'CredentialsProviderError') {
        throw error;
      }
      usePlaceholder = true;
      return PLACEHOLDER_CREDENTIALS;
    }
  };
}
