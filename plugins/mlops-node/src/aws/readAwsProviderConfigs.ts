import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config, readDurationFromConfig } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { durationToMilliseconds } from '@backstage/types';
import { DEFAULT_DESCRIBE_CACHE_MAX_AGE_MS } from '../sync/AwsSyncStore';

/** The settings every AWS entity provider shares, for one account and region. */
export interface AwsProviderConfig {
  /** The provider's key under `catalog.providers.<providerKey>`. */
  id: string;
  /** Account to read; when absent, that of the credentials. */
  accountId?: string;
  region: string;
  /** API endpoint override: LocalStack, a VPC endpoint, the simulator. */
  endpoint?: string;
  schedule: SchedulerServiceTaskScheduleDefinition;
  /** Tag whose value names the owner of a resource. */
  ownerTagKey: string;
  /** Owner of resources without an owner tag. */
  defaultOwner: string;
  /** AWS calls in flight at once. */
  maxConcurrency: number;
  /** Largest share of its entities a sync may remove; more is refused. */
  maxRemovalShare: number;
  /** Describe results are read again after at most this long, changed or not. */
  describeCacheMaxAgeMs: number;
  /** The provider's whole config, for the keys of one provider kind. */
  config: Config;
}

const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 30 },
  timeout: { minutes: 15 },
};

function readNumber(
  config: Config,
  path: string,
  key: string,
  fallback: number,
  valid: (value: number) => boolean,
  expected: string,
): number {
  const value = config.getOptionalNumber(key) ?? fallback;
  if (!valid(value)) {
    throw new InputError(
      `Invalid config at ${path}.${key}: expected ${expected}, got ${value}`,
    );
  }
  return value;
}

function readAwsProviderConfig(
  path: string,
  id: string,
  config: Config,
): AwsProviderConfig {
  return {
    id,
    accountId: config.getOptionalString('accountId'),
    region: config.getString('region'),
    endpoint: config.getOptionalString('endpoint'),
    schedule: config.has('schedule')
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
          config.getConfig('schedule'),
        )
      : DEFAULT_SCHEDULE,
    ownerTagKey: config.getOptionalString('ownerTagKey') ?? 'owner',
    defaultOwner:
      config.getOptionalString('defaultOwner') ?? 'group:default/ml-platform',
    maxConcurrency: readNumber(
      config,
      path,
      'maxConcurrency',
      4,
      n => Number.isInteger(n) && n >= 1,
      'an integer of at least 1',
    ),
    maxRemovalShare: readNumber(
      config,
      path,
      'maxRemovalShare',
      0.5,
      n => n >= 0 && n <= 1,
      'a number from 0 to 1',
    ),
    describeCacheMaxAgeMs: config.has('describeCacheMaxAge')
      ? durationToMilliseconds(
          readDurationFromConfig(config, { key: 'describeCacheMaxAge' }),
        )
      : DEFAULT_DESCRIBE_CACHE_MAX_AGE_MS,
    config,
  };
}

/**
 * Reads the providers configured under `catalog.providers.<providerKey>`, one
 * per key, e.g. `catalog.providers.awsGlue.prod-eu`.
 *
 * @throws InputError (or the config's own error) naming the bad key.
 */
export function readAwsProviderConfigs(
  config: Config,
  providerKey: 'awsSagemaker' | 'awsGlue',
): AwsProviderConfig[] {
  const path = `catalog.providers.${providerKey}`;
  const providers = config.getOptionalConfig(path);
  return (
    providers
      ?.keys()
      .map(id =>
        readAwsProviderConfig(`${path}.${id}`, id, providers.getConfig(id)),
      ) ?? []
  );
}
