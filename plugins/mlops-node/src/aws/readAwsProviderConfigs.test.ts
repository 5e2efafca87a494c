import { ConfigReader } from '@backstage/config';
import { readAwsProviderConfigs } from './readAwsProviderConfigs';

const root = (awsGlue: object) =>
  new ConfigReader({ catalog: { providers: { awsGlue } } });

describe('readAwsProviderConfigs', () => {
  it('reads one provider per key, with the documented defaults', () => {
    const [config, ...rest] = readAwsProviderConfigs(
      root({ 'prod-eu': { region: 'eu-west-1' } }),
      'awsGlue',
    );
    expect(rest).toEqual([]);
    expect(config).toMatchObject({
      id: 'prod-eu',
      region: 'eu-west-1',
      accountId: undefined,
      endpoint: undefined,
      schedule: { frequency: { minutes: 30 }, timeout: { minutes: 15 } },
      ownerTagKey: 'owner',
      defaultOwner: 'group:default/ml-platform',
      maxConcurrency: 4,
      maxRemovalShare: 0.5,
      describeCacheMaxAgeMs: 24 * 3600 * 1000,
    });
  });

  it('reads the describe cache max age as a duration', () => {
    const [config] = readAwsProviderConfigs(
      root({ eu: { region: 'eu-west-1', describeCacheMaxAge: { hours: 6 } } }),
      'awsGlue',
    );
    expect(config.describeCacheMaxAgeMs).toBe(6 * 3600 * 1000);
  });

  it('reads every key, and keeps the provider config for provider-specific keys', () => {
    const [config] = readAwsProviderConfigs(
      root({
        'prod-us': {
          accountId: '123456789012',
          region: 'us-east-1',
          endpoint: 'http://localhost:4566',
          schedule: { frequency: { minutes: 5 }, timeout: { minutes: 2 } },
          ownerTagKey: 'team',
          defaultOwner: 'group:default/data',
          maxConcurrency: 8,
          maxRemovalShare: 0.2,
          databases: { include: ['sales_.*'] },
        },
      }),
      'awsGlue',
    );
    expect(config).toMatchObject({
      accountId: '123456789012',
      endpoint: 'http://localhost:4566',
      schedule: { frequency: { minutes: 5 }, timeout: { minutes: 2 } },
      ownerTagKey: 'team',
      defaultOwner: 'group:default/data',
      maxConcurrency: 8,
      maxRemovalShare: 0.2,
    });
    expect(config.config.getStringArray('databases.include')).toEqual([
      'sales_.*',
    ]);
  });

  it('reads nothing when no provider is configured', () => {
    expect(readAwsProviderConfigs(new ConfigReader({}), 'awsGlue')).toEqual([]);
  });

  it('names the bad key and what it expects', () => {
    expect(() =>
      readAwsProviderConfigs(
        root({ x: { region: 'eu-west-1', maxConcurrency: 0 } }),
        'awsGlue',
      ),
    ).toThrow(
      'Invalid config at catalog.providers.awsGlue.x.maxConcurrency: expected an integer of at least 1, got 0',
    );
    expect(() =>
      readAwsProviderConfigs(
        root({ x: { region: 'eu-west-1', maxRemovalShare: 2 } }),
        'awsGlue',
      ),
    ).toThrow('expected a number from 0 to 1, got 2');
    expect(() => readAwsProviderConfigs(root({ x: {} }), 'awsGlue')).toThrow(
      "Missing required config value at 'catalog.providers.awsGlue.x.region'",
    );
  });
});
