import {
  DescribeEndpointCommand,
  DescribeEndpointConfigCommand,
  DescribeFeatureGroupCommand,
  DescribeModelCommand,
  DescribeModelPackageCommand,
  DescribeModelPackageGroupCommand,
  DescribeTrainingJobCommand,
  DescribeTransformJobCommand,
  ListEndpointsCommand,
  ListFeatureGroupsCommand,
  ListModelPackageGroupsCommand,
  ListModelPackagesCommand,
  ListMonitoringSchedulesCommand,
  ListTagsCommand,
  ListTrainingJobsCommand,
  ListTransformJobsCommand,
  SageMakerClient,
  UpdateFeatureGroupCommand,
  UpdateModelPackageCommand,
} from '@aws-sdk/client-sagemaker';
import { generateDemoEstate } from './generateDemoEstate';
import { AwsSimulator, startAwsSimulator } from './startAwsSimulator';

const EU = 'eu-west-1';
const US = 'us-east-1';
const ARN = `arn:aws:sagemaker:${EU}:123456789012`;

describe('sageMakerOperations', () => {
  let sim: AwsSimulator;
  const client = (region = EU) =>
    new SageMakerClient({
      region,
      endpoint: sim.endpoint,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });

  beforeAll(async () => {
    sim = await startAwsSimulator({
      estate: generateDemoEstate(),
      pageSize: 2,
    });
  });
  afterAll(() => sim.close());

  /** Every page of a list, checking that no token comes back twice. */
  async function allPages<T extends { NextToken?: string }>(
    call: (nextToken?: string) => Promise<T>,
  ): Promise<T[]> {
    const pages: T[] = [];
    const tokens = new Set<string>();
    let token: string | undefined;
    do {
      const page = await call(token);
      pages.push(page);
      token = page.NextToken;
      if (token !== undefined) {
        expect(tokens.has(token)).toBe(false);
        tokens.add(token);
      }
    } while (token);
    return pages;
  }

  it('pages model package groups at the page size, in creation order', async () => {
    const sm = client();
    const pages = await allPages(NextToken =>
      sm.send(new ListModelPackageGroupsCommand({ NextToken })),
    );
    expect(pages.map(p => p.ModelPackageGroupSummaryList!.length)).toEqual([
      2, 1,
    ]);
    expect(
      pages
        .flatMap(p => p.ModelPackageGroupSummaryList!)
        .map(g => g.ModelPackageGroupName),
    ).toEqual([
      'churn-classifier',
      'fraud-detector',
      'customer-lifetime-value',
    ]);

    const onePerPage = await allPages(NextToken =>
      sm.send(new ListModelPackageGroupsCommand({ NextToken, MaxResults: 1 })),
    );
    expect(onePerPage).toHaveLength(3);
    await expect(
      sm.send(new ListModelPackageGroupsCommand({ MaxResults: 101 })),
    ).rejects.toMatchObject({ name: 'ValidationException' });
  });

  it('lists versions only for a named group, named after the group', async () => {
    const sm = client();
    const withoutGroup = await sm.send(new ListModelPackagesCommand({}));
    expect(withoutGroup.ModelPackageSummaryList).toEqual([]);
    const versionedWithoutGroup = await sm.send(
      new ListModelPackagesCommand({ ModelPackageType: 'Versioned' }),
    );
    expect(versionedWithoutGroup.ModelPackageSummaryList).toEqual([]);

    const versions = (
      await allPages(NextToken =>
        sm.send(
          new ListModelPackagesCommand({
            ModelPackageGroupName: 'churn-classifier',
            NextToken,
          }),
        ),
      )
    ).flatMap(p => p.ModelPackageSummaryList!);
    expect(versions.map(v => v.ModelPackageVersion)).toEqual([1, 2, 3, 4, 5]);
    for (const v of versions) {
      expect(v.ModelPackageName).toBe('churn-classifier');
      expect(v.ModelPackageArn).toBe(
        `${ARN}:model-package/churn-classifier/${v.ModelPackageVersion}`,
      );
      expect(v.CreationTime).toBeInstanceOf(Date);
    }
    const approved = await sm.send(
      new ListModelPackagesCommand({
        ModelPackageGroupName: 'fraud-detector',
        ModelApprovalStatus: 'Approved',
      }),
    );
    expect(
      approved.ModelPackageSummaryList!.map(v => v.ModelPackageVersion),
    ).toEqual([1, 3]);
  });

  it('lists unversioned packages without a group', async () => {
    const region = sim.estate.regions[EU].sagemaker;
    region.modelPackages.push({
      ModelPackageName: 'legacy-propensity',
      ModelPackageArn: `${ARN}:model-package/legacy-propensity`,
      CreationTime: '2023-01-01T00:00:00Z',
      ModelPackageStatus: 'Completed',
    });
    try {
      const { ModelPackageSummaryList } = await client().send(
        new ListModelPackagesCommand({}),
      );
      expect(ModelPackageSummaryList!.map(p => p.ModelPackageName)).toEqual([
        'legacy-propensity',
      ]);
    } finally {
      region.modelPackages.pop();
    }
  });

  it('describes a version by <group>/<version> or ARN, with Date timestamps', async () => {
    const sm = client();
    const byName = await sm.send(
      new DescribeModelPackageCommand({
        ModelPackageName: 'churn-classifier/4',
      }),
    );
    const byArn = await sm.send(
      new DescribeModelPackageCommand({
        ModelPackageName: `${ARN}:model-package/churn-classifier/4`,
      }),
    );
    expect(byArn).toEqual({ ...byName, $metadata: expect.anything() });
    expect(byName.CreationTime).toEqual(new Date('2024-07-09T09:41:12Z'));
    expect(byName.ModelApprovalStatus).toBe('Approved');
    expect(byName.ModelLifeCycle?.Stage).toBe('Production');
    expect(byName.ModelMetrics?.ModelQuality?.Statistics?.S3Uri).toMatch(
      /^s3:\/\/.+\.json$/,
    );
    expect(byName).not.toHaveProperty('Tags');

    const group = await sm.send(
      new DescribeModelPackageGroupCommand({
        ModelPackageGroupName: 'fraud-detector',
      }),
    );
    expect(group.ModelPackageGroupArn).toBe(
      `${ARN}:model-package-group/fraud-detector`,
    );
    await expect(
      sm.send(
        new DescribeModelPackageCommand({
          ModelPackageName: 'churn-classifier/9',
        }),
      ),
    ).rejects.toMatchObject({ name: 'ValidationException' });
  });

  it('leads from a version to the training job that made its artifact', async () => {
    const sm = client();
    const version = await sm.send(
      new DescribeModelPackageCommand({ ModelPackageName: 'fraud-detector/4' }),
    );
    const artifact =
      version.InferenceSpecification!.Containers![0].ModelDataUrl!;
    const jobName = /\/([^/]+)\/output\/model\.tar\.gz$/.exec(artifact)![1];
    const job = await sm.send(
      new DescribeTrainingJobCommand({ TrainingJobName: jobName }),
    );
    expect(job.ModelArtifacts?.S3ModelArtifacts).toBe(artifact);
    expect(job.TrainingEndTime).toBeInstanceOf(Date);
    expect(job.FinalMetricDataList).toContainEqual({
      MetricName: 'validation:auc',
      Value: 0.963,
      Timestamp: job.TrainingEndTime,
    });
    expect(job.InputDataConfig!.map(c => c.ChannelName)).toEqual([
      'card_features',
      'merchant_features',
      'transactions',
      'labels',
    ]);
    await expect(
      sm.send(new DescribeTrainingJobCommand({ TrainingJobName: 'missing' })),
    ).rejects.toMatchObject({ name: 'ValidationException' });

    const jobs = await allPages(NextToken =>
      sm.send(new ListTrainingJobsCommand({ NextToken })),
    );
    // The twelve versions' jobs and seven candidate runs of the experiments.
    expect(jobs.flatMap(p => p.TrainingJobSummaries!)).toHaveLength(19);
  });

  it('approves a version with UpdateModelPackage', async () => {
    const sm = client();
    const arn = `${ARN}:model-package/customer-lifetime-value/3`;
    const before = await sm.send(
      new DescribeModelPackageCommand({ ModelPackageName: arn }),
    );
    await sm.send(
      new UpdateModelPackageCommand({
        ModelPackageArn: arn,
        ModelApprovalStatus: 'Approved',
        ApprovalDescription: 'Reviewed by Model Risk',
        ModelLifeCycle: { Stage: 'Staging', StageStatus: 'Approved' },
      }),
    );
    const after = await sm.send(
      new DescribeModelPackageCommand({ ModelPackageName: arn }),
    );
    expect(after.ModelApprovalStatus).toBe('Approved');
    expect(after.ApprovalDescription).toBe('Reviewed by Model Risk');
    expect(after.ModelLifeCycle).toEqual({
      Stage: 'Staging',
      StageStatus: 'Approved',
    });
    expect(after.LastModifiedTime!.getTime()).toBeGreaterThan(
      before.LastModifiedTime!.getTime(),
    );
    await expect(
      sm.send(
        new UpdateModelPackageCommand({
          ModelPackageArn: arn,
          ModelApprovalStatus: 'Maybe' as any,
        }),
      ),
    ).rejects.toMatchObject({ name: 'ValidationException' });
  });

  it('adds features with UpdateFeatureGroup', async () => {
    const sm = client();
    const FeatureGroupName = 'merchant-risk-features';
    const before = await sm.send(
      new DescribeFeatureGroupCommand({ FeatureGroupName }),
    );
    await sm.send(
      new UpdateFeatureGroupCommand({
        FeatureGroupName,
        FeatureAdditions: [
          { FeatureName: 'days_since_signup', FeatureType: 'Integral' },
        ],
      }),
    );
    const group = sim.estate.regions[EU].sagemaker.featureGroups.find(
      g => g.FeatureGroupName === FeatureGroupName,
    )!;
    expect(
      (group.FeatureDefinitions as { FeatureName: string }[]).at(-1),
    ).toEqual({ FeatureName: 'days_since_signup', FeatureType: 'Integral' });
    const after = await sm.send(
      new DescribeFeatureGroupCommand({ FeatureGroupName }),
    );
    expect(after.LastUpdateStatus).toEqual({ Status: 'Successful' });
    expect(after.LastModifiedTime!.getTime()).toBeGreaterThan(
      (before.LastModifiedTime ?? before.CreationTime!).getTime(),
    );
    await expect(
      sm.send(
        new UpdateFeatureGroupCommand({
          FeatureGroupName,
          FeatureAdditions: [
            { FeatureName: 'days_since_signup', FeatureType: 'Integral' },
          ],
        }),
      ),
    ).rejects.toMatchObject({ name: 'ValidationException' });
    expect(sim.calls('UpdateFeatureGroup')).toHaveLength(1);
  });

  it('pages the features of a feature group', async () => {
    const sm = client();
    const groups = await allPages(NextToken =>
      sm.send(new ListFeatureGroupsCommand({ NextToken })),
    );
    expect(groups.flatMap(p => p.FeatureGroupSummaries!)).toHaveLength(3);

    const pages = await allPages(NextToken =>
      sm.send(
        new DescribeFeatureGroupCommand({
          FeatureGroupName: 'customer-behaviour-features',
          NextToken,
        }),
      ),
    );
    expect(pages).toHaveLength(5);
    expect(
      pages.flatMap(p => p.FeatureDefinitions!).map(f => f.FeatureName),
    ).toEqual([
      'customer_id',
      'event_time',
      'tenure_months',
      'plan_tier',
      'sessions_30d',
      'avg_session_minutes_30d',
      'days_since_last_login',
      'cancellation_page_visits_30d',
      'spend_90d_gbp',
      'spend_change_90d_pct',
    ]);
    expect(pages[0].OfflineStoreConfig?.DataCatalogConfig).toEqual({
      Catalog: 'AwsDataCatalog',
      Database: 'sagemaker_featurestore',
      TableName: 'customer_behaviour_features_1704931200',
    });
    await expect(
      sm.send(new DescribeFeatureGroupCommand({ FeatureGroupName: 'missing' })),
    ).rejects.toMatchObject({ name: 'ResourceNotFound' });
  });

  it('leads from an endpoint to the versions its variants serve', async () => {
    const sm = client();
    const endpoints = (
      await allPages(NextToken =>
        sm.send(new ListEndpointsCommand({ NextToken })),
      )
    ).flatMap(p => p.Endpoints!);
    expect(endpoints.map(e => e.EndpointName).sort()).toEqual([
      'churn-classifier-endpoint',
      'fraud-detector-endpoint',
    ]);
    const endpoint = await sm.send(
      new DescribeEndpointCommand({
        EndpointName: 'churn-classifier-endpoint',
      }),
    );
    const config = await sm.send(
      new DescribeEndpointConfigCommand({
        EndpointConfigName: endpoint.EndpointConfigName,
      }),
    );
    const served = [];
    for (const variant of config.ProductionVariants!) {
      const model = await sm.send(
        new DescribeModelCommand({ ModelName: variant.ModelName }),
      );
      served.push([
        variant.InitialVariantWeight,
        model.Containers![0].ModelPackageName,
      ]);
    }
    expect(served).toEqual([
      [0.9, `${ARN}:model-package/churn-classifier/4`],
      [0.1, `${ARN}:model-package/churn-classifier/5`],
    ]);

    const schedules = await sm.send(
      new ListMonitoringSchedulesCommand({
        EndpointName: 'churn-classifier-endpoint',
      }),
    );
    expect(
      schedules.MonitoringScheduleSummaries!.map(s => s.MonitoringType).sort(),
    ).toEqual(['DataQuality', 'ModelQuality']);
    await expect(
      sm.send(new DescribeEndpointCommand({ EndpointName: 'missing' })),
    ).rejects.toMatchObject({ name: 'ValidationException' });
  });

  it('filters transform jobs by creation time', async () => {
    const sm = client();
    const recent = await sm.send(
      new ListTransformJobsCommand({
        CreationTimeAfter: new Date(Date.now() - 30 * 86_400_000),
      }),
    );
    expect(recent.TransformJobSummaries).toHaveLength(1);
    const job = await sm.send(
      new DescribeTransformJobCommand({
        TransformJobName: recent.TransformJobSummaries![0].TransformJobName,
      }),
    );
    const model = await sm.send(
      new DescribeModelCommand({ ModelName: job.ModelName }),
    );
    expect(model.Containers![0].ModelDataUrl).toMatch(
      /clv-train-20240531-0917/,
    );
  });

  it('lists the tags of a resource by ARN', async () => {
    const sm = client();
    const { Tags } = await sm.send(
      new ListTagsCommand({
        ResourceArn: `${ARN}:model-package-group/churn-classifier`,
      }),
    );
    expect(Tags).toEqual([
      { Key: 'owner', Value: 'customer-ml' },
      {
        Key: 'ml-foundation.dev/retraining-pipeline',
        Value: 'churn-classifier-training',
      },
    ]);
    await expect(
      sm.send(
        new ListTagsCommand({
          ResourceArn: `${ARN}:model-package-group/missing`,
        }),
      ),
    ).rejects.toMatchObject({ name: 'ValidationException' });
  });

  it('keeps same-named resources of two regions apart', async () => {
    const us = client(US);
    const { ModelPackageGroupSummaryList } = await us.send(
      new ListModelPackageGroupsCommand({}),
    );
    expect(ModelPackageGroupSummaryList).toEqual([
      expect.objectContaining({
        ModelPackageGroupName: 'churn-classifier',
        ModelPackageGroupArn: `arn:aws:sagemaker:${US}:123456789012:model-package-group/churn-classifier`,
      }),
    ]);
    const usVersions = await us.send(
      new ListModelPackagesCommand({
        ModelPackageGroupName: 'churn-classifier',
      }),
    );
    expect(usVersions.ModelPackageSummaryList).toHaveLength(1);
    await expect(
      us.send(
        new DescribeModelPackageCommand({
          ModelPackageName: `${ARN}:model-package/churn-classifier/4`,
        }),
      ),
    ).rejects.toMatchObject({ name: 'ValidationException' });
    const empty = await client('ap-south-1').send(new ListEndpointsCommand({}));
    expect(empty.Endpoints).toEqual([]);
  });

  it('refuses input members it does not implement', async () => {
    await expect(
      client().send(
        new ListModelPackageGroupsCommand({
          CrossAccountFilterOption: 'CrossAccount',
        }),
      ),
    ).rejects.toMatchObject({
      name: 'ValidationException',
      message: expect.stringContaining('CrossAccountFilterOption'),
    });
  });
});
