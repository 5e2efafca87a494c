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
  SageMakerClient,
  UpdateFeatureGroupCommand,
  UpdateModelPackageCommand,
} from '@aws-sdk/client-sagemaker';
import {
  ML_ANNOTATION_AWS_PROVIDER,
  ML_ANNOTATION_SYNC_WARNINGS,
  ML_MODEL_PACKAGE_CHANGED_TOPIC,
} from '@ml-foundation/plugin-mlops-common';
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
      const events = { publish: jest.fn(), subscribe: jest.fn() };
      const provider = new AwsSagemakerEntityProvider({
        config,
        clients,
        store,
        logger: mockServices.logger.mock(),
        taskRunner: { run: jest.fn() },
        events,
      });
      provider.connect({ applyMutation, refresh: jest.fn() });
      const applied = (): Entity[] =>
        applyMutation.mock.calls
          .at(-1)?.[0]
          .entities.map((e: { entity: Entity }) => e.entity) ?? [];
      const status = () => store.getStatus(provider.getProviderName());
      return { provider, applyMutation, applied, status, store, events };
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
      // The backend stops once three versions were described and cached.
      const stopping = new AbortController();
      let cached = 0;
      const put = interrupted.store.put.bind(interrupted.store);
      jest
        .spyOn(interrupted.store, 'put')
        .mockImplementation(async (...args) => {
          await put(...args);
          if (args[1].includes(':model-package/') && ++cached === 3) {
            stopping.abort(new Error('The backend is stopping'));
          }
        });
      await interrupted.provider.refresh(stopping.signal);
      jest.restoreAllMocks();
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

  const sagemakerClient = () =>
    new SageMakerClient({
      region: 'eu-west-1',
      endpoint: simulator.endpoint,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
  const ARN = 'arn:aws:sagemaker:eu-west-1:123456789012';
  const byArn = (entities: Entity[], arn: string) =>
    entities.find(e => e.metadata.annotations?.['aws.amazon.com/arn'] === arn);

  it.each(databases.eachSupportedId())(
    'applies the rest when a report bucket is denied, noting it on the affected versions, on %p',
    async databaseId => {
      const [{ provider, applied, status }] = await setUp(databaseId);
      simulator.setFaults({ accessDeniedBuckets: ['acme-ml-artifacts'] });
      await provider.refresh();

      const versions = applied().filter(e => e.kind === 'ModelVersion');
      const noted = versions.filter(
        v => v.metadata.annotations?.[ML_ANNOTATION_SYNC_WARNINGS],
      );
      expect(noted.length).toBeGreaterThan(0);
      expect(
        JSON.parse(noted[0].metadata.annotations![ML_ANNOTATION_SYNC_WARNINGS]),
      ).toEqual([
        {
          read: expect.stringMatching(
            /^model quality report s3:\/\/acme-ml-artifacts\//,
          ),
          reason: expect.stringContaining('AccessDenied'),
        },
      ]);
      // The training job was read all the same.
      expect(noted[0].spec?.training).toBeDefined();
      expect(
        applied().every(
          e =>
            e.metadata.annotations?.[ML_ANNOTATION_AWS_PROVIDER] ===
            'aws-sagemaker:eu-west-1',
        ),
      ).toBe(true);
      const latest = await status();
      expect(latest).toMatchObject({
        outcome: 'applied',
        warningCount: noted.length,
      });
      expect(latest?.warnings[0]).toMatchObject({
        entityRef: expect.stringMatching(/^modelversion:default\//),
        reason: expect.stringContaining('AccessDenied'),
      });

      // Once readable, the next sync reads the reports it could not.
      simulator.setFaults({});
      await provider.refresh();
      expect(
        applied().filter(
          e => e.metadata.annotations?.[ML_ANNOTATION_SYNC_WARNINGS],
        ),
      ).toEqual([]);
      expect((await status())?.warningCount).toBe(0);
    },
  );

  it('reads reports from a bucket in another region', async () => {
    const [{ provider, applied, status }] = await setUp('SQLITE_3');
    simulator.estate.s3BucketRegions = { 'acme-ml-artifacts': 'us-west-2' };
    await provider.refresh();
    expect((await status())?.warningCount).toBe(0);
    const versions = applied().filter(e => e.kind === 'ModelVersion');
    expect(
      versions.filter(v =>
        (v.spec?.metrics as Array<{ split?: string }>).some(
          m => m.split === 'test',
        ),
      ),
    ).toHaveLength(versions.length);
  });

  it.each(databases.eachSupportedId())(
    'shows stage and feature changes at the next sync, and announces approval and stage changes, on %p',
    async databaseId => {
      const [{ provider, applied, events }] = await setUp(databaseId);
      await provider.refresh();
      // The first sync sees every package for the first time: no change.
      expect(events.publish).not.toHaveBeenCalled();
      const arn = `${ARN}:model-package/fraud-detector/4`;
      const before = byArn(applied(), arn)!;
      expect(before.spec).toMatchObject({
        stage: 'Staging',
        approvalStatus: 'PendingManualApproval',
      });

      await sagemakerClient().send(
        new UpdateModelPackageCommand({
          ModelPackageArn: arn,
          ModelApprovalStatus: 'Approved',
          ModelLifeCycle: { Stage: 'Production', StageStatus: 'Approved' },
        }),
      );
      await sagemakerClient().send(
        new UpdateFeatureGroupCommand({
          FeatureGroupName: 'merchant-risk-features',
          FeatureAdditions: [
            { FeatureName: 'chargebacks_7d', FeatureType: 'Integral' },
          ],
        }),
      );
      simulator.resetStats();
      await provider.refresh();

      const after = byArn(applied(), arn)!;
      expect(after.spec).toMatchObject({
        stage: 'Production',
        approvalStatus: 'Approved',
      });
      const featureGroup = byTitle(
        applied(),
        'FeatureGroup',
        'merchant-risk-features',
      );
      expect(
        (featureGroup?.spec?.features as Array<{ name: string }>).map(
          f => f.name,
        ),
      ).toContain('chargebacks_7d');
      // Only what changed was described again.
      expect(simulator.stats()['SageMaker.DescribeModelPackage']).toBe(1);

      expect(events.publish).toHaveBeenCalledTimes(1);
      expect(events.publish).toHaveBeenCalledWith({
        topic: ML_MODEL_PACKAGE_CHANGED_TOPIC,
        eventPayload: {
          entityRef: refOf(after),
          arn,
          providerId: 'aws-sagemaker:eu-west-1',
          before: expect.objectContaining({
            approvalStatus: 'PendingManualApproval',
            stage: 'Staging',
          }),
          after: expect.objectContaining({
            approvalStatus: 'Approved',
            stage: 'Production',
            stageStatus: 'Approved',
          }),
          observedAt: expect.any(String),
        },
      });
      await provider.refresh();
      expect(events.publish).toHaveBeenCalledTimes(1);
    },
  );

  it('gives a version its own owner tag, with tags read in bulk or, when that is denied, per resource', async () => {
    const [{ provider, applied }] = await setUp('SQLITE_3');
    const arn = `${ARN}:model-package/churn-classifier/2`;
    const pkg = simulator.estate.regions[
      'eu-west-1'
    ].sagemaker.modelPackages.find(p => p.ModelPackageArn === arn)!;
    pkg.Tags = [{ Key: 'owner', Value: 'fraud-ml' }];
    await provider.refresh();
    expect(byArn(applied(), arn)?.spec?.owner).toBe('group:default/fraud-ml');
    expect(simulator.stats()['SageMaker.ListTags']).toBeUndefined();
    expect(
      simulator.stats()['ResourceGroupsTaggingAPI_20170126.GetResources'],
    ).toBeGreaterThan(0);

    simulator.setFaults({
      accessDenied: ['ResourceGroupsTaggingAPI_20170126.GetResources'],
    });
    simulator.resetStats();
    await provider.refresh();
    expect(byArn(applied(), arn)?.spec?.owner).toBe('group:default/fraud-ml');
    expect(simulator.stats()['SageMaker.ListTags']).toBeGreaterThan(0);
  });

  it('stops calling AWS and applies nothing once the sync is aborted', async () => {
    const [{ provider, applyMutation, status, store }] = await setUp(
      'SQLITE_3',
    );
    const controller = new AbortController();
    // Aborted once the first version was described, as a timeout would.
    const put = jest
      .spyOn(store, 'put')
      .mockImplementationOnce(async () =>
        controller.abort(new Error('The sync timed out')),
      );
    await provider.refresh(controller.signal);
    put.mockRestore();
    const calls = Object.values(simulator.stats()).reduce((a, b) => a + b, 0);
    expect(applyMutation).not.toHaveBeenCalled();
    expect(await status()).toMatchObject({
      outcome: 'failed',
      errors: [expect.stringContaining('The sync timed out')],
    });

    simulator.resetStats();
    await provider.refresh();
    const full = Object.values(simulator.stats()).reduce((a, b) => a + b, 0);
    expect(calls).toBeLessThan(full / 2);
  });
});
