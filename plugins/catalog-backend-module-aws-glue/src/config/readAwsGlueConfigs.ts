import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  AwsProviderConfig,
  readAwsProviderConfigs,
} from '@ml-foundation/plugin-mlops-node';
import { DatabaseFilter } from '../reader/GlueReader';

/** The config of one Glue provider: the shared AWS keys and its databases. */
export interface AwsGlueProviderConfig extends AwsProviderConfig {
  databases: DatabaseFilter;
}

/** Patterns match whole database names, so `sales` is not `sales_archive`. */
function patterns(
  provider: AwsProviderConfig,
  key: string,
  fallback: string[],
): RegExp[] {
  return (provider.config.getOptionalStringArray(key) ?? fallback).map(
    pattern => {
      try {
        return new RegExp(`^(?:${pattern})$`);
      } catch (error) {
        throw new InputError(
          `Invalid regular expression ${JSON.stringify(
            pattern,
          )} at catalog.providers.awsGlue.${provider.id}.${key}: ${
            (error as Error).message
          }`,
        );
      }
    },
  );
}

/** Reads the providers under `catalog.providers.awsGlue`. */
export function readAwsGlueConfigs(config: Config): AwsGlueProviderConfig[] {
  return readAwsProviderConfigs(config, 'awsGlue').map(provider => ({
    ...provider,
    databases: {
      include: patterns(provider, 'databases.include', ['.*']),
      exclude: patterns(provider, 'databases.exclude', []),
    },
  }));
}
