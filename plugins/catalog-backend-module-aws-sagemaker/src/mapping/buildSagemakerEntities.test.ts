import { Entity } from '@backstage/catalog-model';
import { validateMlEntity } from '@ml-foundation/plugin-mlops-common';
import { glueTableEntityRef } from '@ml-foundation/plugin-mlops-node';
import type { SagemakerSnapshot } from '../reader/SagemakerSnapshot';
import { buildSagemakerEntities } from './buildSagemakerEntities';

const account = '123456789012';
const arn = (region: string, resource: string) =>
  `arn:aws:sagemaker:${region}:${account}:${resource}`;

function snapshot(region = 'eu-west-1'): SagemakerSnapshot {
  const artifact = (job: string) =>
    `s3://artifacts/churn/${job}/output/model.tar.gz`;
  return {
    accountId: account,
    region,
    glueTables: [
      {
        database: 'curated',
        table: 'customers',
        location: 's3://lake/curated/customers/',
      },
      { database: 'curated', table: 'tx', location: 's3://lake/curated/tx' },
      {
        database: 'fs',
        table: 'customer_features',
        location: 's3://fs/offline/customer-features',
      },
    ],
    featureGroups: [
      {
        tags: [{ Key: 'owner', Value: 'ml-platform' }],
        featureGroup: {
          FeatureGroupName: 'customer-features',
          FeatureGroupArn: arn(region, 'feature-group/customer-features'),
          RecordIdentifierFeatureName: 'customer_id',
          EventTimeFeatureName: 'event_time',
          FeatureDefinitions: [
            { FeatureName: 'customer_id', FeatureType: 'String' },
            { FeatureName: 'tenure_months', FeatureType: 'Integral' },
          ],
          OnlineStoreConfig: { EnableOnlineStore: true },
          OfflineStoreConfig: {
            S3StorageConfig: {
              S3Uri: 's3://fs/offline',
              ResolvedOutputS3Uri: 's3://fs/offline/customer-features',
            },
            DataCatalogConfig: {
              Database: 'fs',
              TableName: 'customer_features',
              Catalog: 'AwsDataCatalog',
            },
          },
        } as any,
      },
    ],
    groups: [
      {
        group: {
          ModelPackageGroupName: 'churn',
          ModelPackageGroupArn: arn(region, 'model-package-group/churn'),
          ModelPackageGroupDescription: 'Churn risk',
        } as any,
        tags: [
          { Key: 'owner', Value: 'customer-ml' },
          {
            Key: 'ml-foundation.dev/retraining-pipeline',
            Value: 'churn-training',
          },
        ],
        versions: [
          {
            modelPackage: {
              ModelPackageGroupName: 'churn',
              ModelPackageVersion: 1,
              ModelPackageArn: arn(region, 'model-package/churn/1'),
              ModelApprovalStatus: 'Approved',
              ModelLifeCycle: { Stage: 'Production', StageStatus: 'Approved' },
              CreationTime: new Date('2026-10-01T12:00:00Z'),
              InferenceSpecification: {
                Containers: [
                  {
                    Image: 'xgboost:1.7',
                    Framework: 'XGBOOST',
                    FrameworkVersion: '1.7',
                    ModelDataUrl: artifact('churn-train-1'),
                  },
                ],
              },
            } as any,
            trainingJob: {
              TrainingJobName: 'churn-train-1',
              TrainingJobArn: arn(region, 'training-job/churn-train-1'),
              HyperParameters: { eta: '0.1' },
              FinalMetricDataList: [
                { MetricName: 'validation:auc', Value: 0.9 },
              ],
              InputDataConfig: [
                {
                  ChannelName: 'features',
                  DataSource: {
                    S3DataSource: {
                      S3Uri: 's3a://fs/offline/customer-features/',
                    },
                  },
                },
                {
                  ChannelName: 'train',
                  DataSource: {
                    S3DataSource: { S3Uri: 's3://lake/curated/tx/2026/' },
                  },
                },
                {
                  ChannelName: 'extra',
                  DataSource: {
                    S3DataSource: { S3Uri: 's3://lake/curated/tx_archive/' },
                  },
                },
              ],
            } as any,
            reportMetrics: [{ name: 'auc', value: 0.88, split: 'test' }],
            tags: [],
          },
          {
            modelPackage: {
              ModelPackageGroupName: 'churn',
              ModelPackageVersion: 2,
              ModelPackageArn: arn(region, 'model-package/churn/2'),
              ModelApprovalStatus: 'PendingManualApproval',
              InferenceSpecification: {
                Containers: [
                  {
                    Image: 'xgboost:1.7',
                    ModelDataUrl: 's3://elsewhere/model.tar.gz',
                  },
                ],
              },
            } as any,
            reportMetrics: [],
            // Trained by another team, which tagged it.
            tags: [{ Key: 'owner', Value: 'fraud-ml' }],
            warnings: [
              {
                read: 'model quality report s3://reports/churn/2.json',
                reason: 'AccessDenied: Access Denied',
              },
            ],
          },
        ],
      },
    ],
    endpoints: [
      {
        endpoint: {
          EndpointName: 'churn-live',
          EndpointArn: arn(region, 'endpoint/churn-live'),
          EndpointStatus: 'InService',
          ProductionVariants: [
            { VariantName: 'a', CurrentWeight: 0.9, CurrentInstanceCount: 2 },
          ],
        } as any,
        config: {
          ProductionVariants: [
            {
              VariantName: 'a',
              ModelName: 'churn-1',
              InstanceType: 'ml.m5.large',
              InitialVariantWeight: 1,
            },
            {
              VariantName: 'b',
              ModelName: 'churn-2',
              InstanceType: 'ml.m5.large',
              InitialVariantWeight: 0.1,
            },
          ],
        } as any,
        models: [
          {
            ModelName: 'churn-1',
            PrimaryContainer: {
              ModelPackageName: arn(region, 'model-package/churn/1'),
            },
          },
          {
            ModelName: 'churn-2',
            PrimaryContainer: { ModelDataUrl: 's3://elsewhere/model.tar.gz/' },
          },
        ] as any,
        schedules: [
          {
            MonitoringScheduleName: 'churn-quality',
            MonitoringType: 'ModelQuality',
            MonitoringScheduleStatus: 'Scheduled',
          },
        ] as any,
        tags: [],
      },
    ],
    transformJobs: [
      // A monthly scoring of churn v1: two runs, the latest failed.
      ...['2026-10-01', '2026-11-01'].map(day => ({
        job: {
          TransformJobName: `churn-monthly-${day}`,
          TransformJobArn: arn(region, `transform-job/churn-monthly-${day}`),
          TransformJobStatus: day === '2026-11-01' ? 'Failed' : 'Completed',
          FailureReason: day === '2026-11-01' ? 'Out of memory' : undefined,
          CreationTime: new Date(`${day}T06:00:00Z`),
          TransformStartTime: new Date(`${day}T06:01:00Z`),
          ModelName: 'churn-1',
          TransformResources: {
            InstanceType: 'ml.m5.xlarge',
            InstanceCount: 1,
          },
        } as any,
        model: {
          ModelName: 'churn-1',
          PrimaryContainer: {
            ModelPackageName: arn(region, 'model-package/churn/1'),
          },
        } as any,
        tags: [],
      })),
      {
        job: {
          TransformJobName: 'churn-backfill',
          TransformJobArn: arn(region, 'transform-job/churn-backfill'),
          TransformJobStatus: 'Completed',
          CreationTime: new Date('2026-11-02T06:00:00Z'),
          ModelName: 'churn-1',
        } as any,
        model: {
          ModelName: 'churn-1',
          PrimaryContainer: {
            ModelPackageName: arn(region, 'model-package/churn/1'),
          },
        } as any,
        tags: [{ Key: 'owner', Value: 'data-engineering' }],
      },
    ],
  };
}

const options = {
  ownerTagKey: 'owner',
  defaultOwner: 'group:default/ml-platform',
};

function byTitle(entities: Entity[], kind: string, title: string): Entity {
  const found = entities.find(
    e => e.kind === kind && e.metadata.title === title,
  );
  if (!found) {
    throw new Error(`no ${kind} titled ${title}`);
  }
  return found;
}

const refOf = (e: Entity) =>
  `${e.kind.toLocaleLowerCase('en-US')}:default/${e.metadata.name}`;

describe('buildSagemakerEntities', () => {
  const entities = buildSagemakerEntities(snapshot(), options);

  it('produces entities the catalog accepts', () => {
    for (const entity of entities) {
      expect(() => validateMlEntity(entity)).not.toThrow();
    }
  });

  it('maps a version with its model, owner, metrics and training job', () => {
    const model = byTitle(entities, 'Model', 'churn');
    const v1 = byTitle(entities, 'ModelVersion', 'churn v1');
    expect(v1.spec).toMatchObject({
      model: refOf(model),
      version: 1,
      owner: 'group:default/customer-ml',
      approvalStatus: 'Approved',
      stage: 'Production',
      framework: 'XGBOOST 1.7',
      hyperparameters: { eta: '0.1' },
      createdAt: '2026-10-01T12:00:00.000Z',
      metrics: [
        { name: 'auc', value: 0.9, split: 'validation' },
        { name: 'auc', value: 0.88, split: 'test' },
      ],
    });
    expect(v1.metadata.annotations).toMatchObject({
      'aws.amazon.com/arn': arn('eu-west-1', 'model-package/churn/1'),
      'aws.amazon.com/region': 'eu-west-1',
      'aws.amazon.com/account-id': account,
    });
  });

  it('offers retraining on a model whose group names its pipeline', () => {
    const churn = byTitle(entities, 'Model', 'churn');
    expect(
      churn.metadata.annotations?.['ml-foundation.dev/retraining-pipeline'],
    ).toBe('churn-training');
    for (const model of entities.filter(
      e => e.kind === 'Model' && e !== churn,
    )) {
      expect(
        model.metadata.annotations?.['ml-foundation.dev/retraining-pipeline'],
      ).toBeUndefined();
    }
  });

  it('links training inputs to the data they read, by whole path segments', () => {
    const v1 = byTitle(entities, 'ModelVersion', 'churn v1');
    const featureGroup = byTitle(entities, 'FeatureGroup', 'customer-features');
    const txTable = glueTableEntityRef({
      accountId: account,
      region: 'eu-west-1',
      database: 'curated',
      table: 'tx',
    });
    // The feature group wins over its own offline-store table; tx_archive is
    // not inside the tx table's location, so it stays a raw URI only.
    expect(v1.spec!.trainedOn).toEqual([refOf(featureGroup), txTable]);
    expect(v1.spec!.training).toMatchObject({
      jobName: 'churn-train-1',
      inputs: expect.arrayContaining([
        { channel: 'extra', uri: 's3://lake/curated/tx_archive/' },
      ]),
    });
  });

  it('keeps a version whose training job cannot be found, without lineage', () => {
    const v2 = byTitle(entities, 'ModelVersion', 'churn v2');
    expect(v2.spec!.trainedOn).toBeUndefined();
    expect(v2.spec!.approvalStatus).toBe('PendingManualApproval');
  });

  it('emits the offline store as a dataset derived from its feature group', () => {
    const featureGroup = byTitle(entities, 'FeatureGroup', 'customer-features');
    const offline = entities.filter(e => e.kind === 'Dataset');
    expect(offline).toHaveLength(1);
    expect(offline[0].spec).toMatchObject({
      type: 'feature-offline-store',
      upstream: [refOf(featureGroup)],
      location: 's3://fs/offline/customer-features',
      owner: 'group:default/ml-platform',
    });
  });

  it('follows endpoint variants to the versions they serve, by package or artifact', () => {
    const deployment = byTitle(entities, 'ModelDeployment', 'churn-live');
    const v1 = byTitle(entities, 'ModelVersion', 'churn v1');
    const v2 = byTitle(entities, 'ModelVersion', 'churn v2');
    expect(deployment.spec).toMatchObject({
      type: 'realtime-endpoint',
      status: 'InService',
      variants: [
        { name: 'a', modelVersion: refOf(v1), weight: 0.9, instanceCount: 2 },
        { name: 'b', modelVersion: refOf(v2), weight: 0.1 },
      ],
      monitoringSchedules: [
        { name: 'churn-quality', type: 'ModelQuality', status: 'Scheduled' },
      ],
    });
  });

  it('makes one deployment of a recurring batch scoring, with its runs', () => {
    const batches = entities.filter(
      e => e.kind === 'ModelDeployment' && e.spec?.type === 'batch-transform',
    );
    expect(batches.map(b => b.metadata.title).sort()).toEqual([
      'churn-backfill',
      'churn-monthly',
    ]);
    const monthly = byTitle(entities, 'ModelDeployment', 'churn-monthly');
    expect(monthly.spec).toMatchObject({
      owner: 'group:default/customer-ml',
      status: 'Failed',
      variants: [
        { modelVersion: refOf(byTitle(entities, 'ModelVersion', 'churn v1')) },
      ],
      runs: [
        {
          name: 'churn-monthly-2026-11-01',
          status: 'Failed',
          failureReason: 'Out of memory',
          startedAt: '2026-11-01T06:01:00.000Z',
        },
        { name: 'churn-monthly-2026-10-01', status: 'Completed' },
      ],
    });
    // Another month's run keeps the same entity.
    const next = snapshot();
    next.transformJobs = next.transformJobs.slice(1);
    const again = byTitle(
      buildSagemakerEntities(next, options),
      'ModelDeployment',
      'churn-monthly',
    );
    expect(again.metadata.name).toBe(monthly.metadata.name);
  });

  it("gives versions and transform jobs the owner of their own tag, else their parent's", () => {
    expect(byTitle(entities, 'ModelVersion', 'churn v1').spec!.owner).toBe(
      'group:default/customer-ml',
    );
    expect(byTitle(entities, 'ModelVersion', 'churn v2').spec!.owner).toBe(
      'group:default/fraud-ml',
    );
    expect(
      byTitle(entities, 'ModelDeployment', 'churn-backfill').spec!.owner,
    ).toBe('group:default/data-engineering');
  });

  it('notes on a version what could not be read about it', () => {
    const v2 = byTitle(entities, 'ModelVersion', 'churn v2');
    expect(
      JSON.parse(v2.metadata.annotations!['ml-foundation.dev/sync-warnings']),
    ).toEqual([
      {
        read: 'model quality report s3://reports/churn/2.json',
        reason: 'AccessDenied: Access Denied',
      },
    ]);
    expect(
      byTitle(entities, 'ModelVersion', 'churn v1').metadata.annotations,
    ).not.toHaveProperty('ml-foundation.dev/sync-warnings');
  });

  it('never gives same-named resources of two regions the same entity name', () => {
    const other = buildSagemakerEntities(snapshot('us-east-1'), options);
    const names = new Set(entities.map(refOf));
    expect(other.filter(e => names.has(refOf(e)))).toEqual([]);
  });
});
