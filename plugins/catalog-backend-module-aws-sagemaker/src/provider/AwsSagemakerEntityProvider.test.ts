import { ConfigReader } from '@backstage/config';
import { Entity } from '@backstage/catalog-model';
import {
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import {
  AwsSimulator,
  generateDemoEstate,
  startAwsSimulator,
} from '@ml-foundation/aws-simulator';
import {
  AwsClientFactory,
  AwsSyncStore,
  readAwsProviderConfigs,
} from '@ml-foundation/plugin-mlops-node';
import { AwsSagemakerEntityProvider } from './AwsSagemakerEntityProvider';

jest.setTimeout(120_000);

describe('AwsSagemakerEntityProvider through the AWS simulator', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
  let simulator: AwsSimulator;

  beforeEach(async () => {
    // Small pages, so every list call has to follow NextToken.
    simulator = await startAwsSimulator({
      estate: generateDemoEstate(),
      pageSize: 2,
    });
  });
  afterEach(() => simulator.close());

  async function setUp(
    databaseId: TestDatabaseId,
    regions = ['eu-west-1'],
    existingStore?: AwsSyncStore,
  ) {
    const store =
      existingStore ??
      (await AwsSyncStore.create({
        database: mockServices.database({
          knex: await databases.init(databaseId),
        }),
      }));
    const rootConfig = new ConfigReader({
      aws: { mainAccount: { accessKeyId: 'test', secretAccessKey: 'test' } },
      catalog: {
        providers: {
          awsSagemaker: Object.fromEntries(
            regions.map(region => [
              region,
              {
                accountId: '123456789012',
                region,
                endpoint: simulator.endpoint,
              },
            ]),
          ),
        },
      },
    });
    const clients = AwsClientFactory.fromConfig(rootConfig);
    return readAwsProviderConfigs(rootConfig, 'awsSagemaker').map(config => {
      const applyMutation = jest.fn();
      const provider = new AwsSagemakerEntityProvider({
        config,
        clients,
        store,
        logger: mockServices.logger.mock(),
        taskRunner: { run: jest.fn() },
      });
      provider.connect({ applyMutation, refresh: jest.fn() });
      const applied = (): Entity[] =>
        applyMutation.mock.calls
          .at(-1)?.[0]
          .entities.map((e: { entity: Entity }) => e.entity) ?? [];
      const status = () => store.getStatus(provider.getProviderName());
      return { provider, applyMutation, applied, status, store };
    });
  }

  const byTitle = (entities: Entity[], kind: string, title: string) =>
    entities.find(e => e.kind === kind && e.metadata.title === title);
  const refOf = (e: Entity | undefined) =>
    e && `${e.kind.toLocaleLowerCase('en-US')}:default/${e.metadata.name}`;

  it.each(databases.eachSupportedId())(
    'syncs the whole estate with owners and lineage, then makes no describe call when nothing changed, on %p',
    async databaseId => {
      const [{ provider, applied, status }] = await setUp(databaseId);
      await provider.refresh();

      const entities = applied();
      const churn = byTitle(entities, 'Model', 'churn-classifier');
      expect(churn?.spec?.owner).toBe('group:default/customer-ml');
      const versions = entities.filter(
        e => e.kind === 'ModelVersion' && e.spec?.model === refOf(churn),
      );
      expect(versions.length).toBeGreaterThanOrEqual(3);
      expect(
        versions.some(v => (v.spec?.trainedOn as string[] | undefined)?.length),
      ).toBe(true);
      expect(
        versions.some(v => (v.spec?.metrics as unknown[] | undefined)?.length),
      ).toBe(true);
      const deployments = entities.filter(e => e.kind === 'ModelDeployment');
      expect(
        deployments.some(
          d =>
            (d.spec?.variants as Array<{ modelVersion?: string }>).filter(
              v => v.modelVersion,
            ).length >= 2,
        ),
      ).toBe(true);
      expect(entities.some(e => e.kind === 'FeatureGroup')).toBe(true);
      expect(entities.some(e => e.spec?.type === 'feature-offline-store')).toBe(
        true,
      );
      expect((await status())?.outcome).toBe('applied');

      simulator.resetStats();
      await provider.refresh();
      const describes = Object.entries(simulator.stats()).filter(
        ([operation, count]) => /\.Describe/.test(operation) && count > 0,
      );
      expect(describes).toEqual([]);
      expect(applied()).toHaveLength(entities.length);
    },
  );

  it.each(databases.eachSupportedId())(
    'completes a sync when a fifth of the calls are throttled, on %p',
    async databaseId => {
      const [{ provider, applied, status }] = await setUp(databaseId);
      simulator.setFaults({ throttleRate: 0.2 });
      await provider.refresh();
      simulator.setFaults({});
      expect((await status())?.outcome).toBe('applied');
      expect(applied().some(e => e.kind === 'ModelVersion')).toBe(true);
    },
  );

  it.each(databases.eachSupportedId())(
    'removes nothing when a call is denied, and records why, on %p',
    async databaseId => {
      const [{ provider, applyMutation, status }] = await setUp(databaseId);
      await provider.refresh();
      expect(applyMutation).toHaveBeenCalledTimes(1);

      simulator.setFaults({
        accessDenied: [
          'SageMaker.DescribeModelPackage',
          'SageMaker.ListModelPackages',
        ],
      });
      await provider.refresh();
      expect(applyMutation).toHaveBeenCalledTimes(1);
      const latest = await status();
      expect(latest?.outcome).toBe('failed');
      expect(latest?.errors.join('\n')).toMatch(/AccessDenied/);
      expect(latest?.lastAppliedEntityCount).toBeGreaterThan(0);
    },
  );

  it.each(databases.eachSupportedId())(
    'finishes after a restart in the middle of a sync, reusing what was already described, on %p',
    async databaseId => {
      const [interrupted] = await setUp(databaseId);
      // The sync dies after the model registry was read, before endpoints.
      simulator.setFaults({ accessDenied: ['SageMaker.DescribeEndpoint'] });
      await interrupted.provider.refresh();
      expect(interrupted.applyMutation).not.toHaveBeenCalled();
      const describedBefore =
        simulator.stats()['SageMaker.DescribeModelPackage'];
      expect(describedBefore).toBeGreaterThan(0);

      simulator.setFaults({});
      simulator.resetStats();
      // A new provider on the same database, as after a backend restart.
      const [restarted] = await setUp(
        databaseId,
        ['eu-west-1'],
        interrupted.store,
      );
      await restarted.provider.refresh();
      const versions = restarted
        .applied()
        .filter(e => e.kind === 'ModelVersion');
      expect(restarted.applied().some(e => e.kind === 'ModelDeployment')).toBe(
        true,
      );
      // Calls that were in flight when the sync died may be repeated; the
      // versions described and cached before it are not.
      const describedAfter =
        simulator.stats()['SageMaker.DescribeModelPackage'] ?? 0;
      expect(describedAfter).toBeLessThan(versions.length);
      expect(describedBefore + describedAfter).toBeGreaterThanOrEqual(
        versions.length,
      );
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps same-named resources of two regions apart, on %p',
    async databaseId => {
      const [europe, america] = await setUp(databaseId, [
        'eu-west-1',
        'us-east-1',
      ]);
      await europe.provider.refresh();
      await america.provider.refresh();
      const names = new Set(europe.applied().map(refOf));
      const shared = america.applied().filter(e => names.has(refOf(e)));
      expect(america.applied().length).toBeGreaterThan(0);
      expect(shared).toEqual([]);
      const sameTitle = america
        .applied()
        .filter(e =>
          europe
            .applied()
            .some(
              o => o.kind === e.kind && o.metadata.title === e.metadata.title,
            ),
        );
      expect(sameTitle.length).toBeGreaterThan(0);
    },
  );
});
