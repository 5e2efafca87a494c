import { generateDemoEstate } from './generateDemoEstate';
import { parseGlueScript } from './parseGlueScript';

type AnyRecord = Record<string, any>;

describe('generateDemoEstate', () => {
  const now = new Date('2025-03-10T12:00:00Z');
  const estate = generateDemoEstate({ now });
  const { sagemaker: sm, glue } = estate.regions['eu-west-1'];
  const under = (uri: string, prefix: string) =>
    uri.replace(/\/$/, '') === prefix.replace(/\/$/, '') ||
    uri.startsWith(`${prefix.replace(/\/$/, '')}/`);

  it('holds the models, versions and feature groups of examples/ml-estate.yaml', () => {
    expect(estate.accountId).toBe('123456789012');
    expect(
      sm.modelPackageGroups.map(g => [g.ModelPackageGroupName, g.Tags]),
    ).toEqual([
      [
        'churn-classifier',
        [
          { Key: 'owner', Value: 'customer-ml' },
          {
            Key: 'ml-foundation.dev/retraining-pipeline',
            Value: 'churn-classifier-training',
          },
        ],
      ],
      ['fraud-detector', [{ Key: 'owner', Value: 'fraud-ml' }]],
      ['customer-lifetime-value', [{ Key: 'owner', Value: 'customer-ml' }]],
    ]);
    expect(sm.modelPackages).toHaveLength(12);
    expect(sm.featureGroups.map(fg => fg.FeatureGroupName)).toEqual([
      'customer-behaviour-features',
      'transaction-aggregates',
      'merchant-risk-features',
    ]);
    expect(JSON.parse(JSON.stringify(estate))).toEqual(estate);
  });

  it('links each version to its training job, whose inputs are datasets', () => {
    const locations = [
      ...glue.tables
        .map(t => (t as AnyRecord).StorageDescriptor.Location as string)
        .filter(Boolean),
      ...sm.featureGroups.map(
        fg =>
          (fg as AnyRecord).OfflineStoreConfig.S3StorageConfig
            .ResolvedOutputS3Uri,
      ),
    ];
    for (const version of sm.modelPackages as AnyRecord[]) {
      const artifact =
        version.InferenceSpecification.Containers[0].ModelDataUrl;
      const jobs = sm.trainingJobs.filter(
        (j: AnyRecord) => j.ModelArtifacts?.S3ModelArtifacts === artifact,
      );
      expect(jobs).toHaveLength(1);
      expect(artifact).toBe(
        `${(jobs[0] as AnyRecord).OutputDataConfig.S3OutputPath}/${
          jobs[0].TrainingJobName
        }/output/model.tar.gz`,
      );
      for (const channel of (jobs[0] as AnyRecord).InputDataConfig) {
        const uri = channel.DataSource.S3DataSource.S3Uri;
        // CLV trains on an export of the customer_360 view, which has no location.
        const matched = locations.some(location => under(uri, location));
        expect([uri, matched]).toEqual([
          uri,
          !uri.startsWith('s3://acme-ml-training/'),
        ]);
      }
      const report = JSON.parse(
        estate.s3[version.ModelMetrics.ModelQuality.Statistics.S3Uri],
      );
      const metrics =
        report.binary_classification_metrics ?? report.regression_metrics;
      expect(
        Object.values(metrics).every((m: any) => typeof m.value === 'number'),
      ).toBe(true);
    }
    const v4 = JSON.parse(
      estate.s3[
        (
          sm.modelPackages.find(p =>
            p.ModelPackageArn.endsWith('/churn-classifier/4'),
          ) as AnyRecord
        ).ModelMetrics.ModelQuality.Statistics.S3Uri
      ],
    );
    expect(v4.binary_classification_metrics.auc).toEqual({
      value: 0.833,
      standard_deviation: 0.005,
    });
  });

  it('has each offline store as a Glue table at its resolved URI', () => {
    for (const fg of sm.featureGroups as AnyRecord[]) {
      const { DataCatalogConfig, S3StorageConfig } = fg.OfflineStoreConfig;
      const table = glue.tables.find(
        t =>
          t.DatabaseName === DataCatalogConfig.Database &&
          t.Name === DataCatalogConfig.TableName,
      ) as AnyRecord;
      expect(table.StorageDescriptor.Location).toBe(
        S3StorageConfig.ResolvedOutputS3Uri,
      );
    }
  });

  it('deploys versions through endpoint configs and models', () => {
    const arns = new Set(sm.modelPackages.map(p => p.ModelPackageArn));
    for (const endpoint of sm.endpoints) {
      const config = sm.endpointConfigs.find(
        c => c.EndpointConfigName === endpoint.EndpointConfigName,
      ) as AnyRecord;
      for (const variant of config.ProductionVariants) {
        const model = sm.models.find(
          m => m.ModelName === variant.ModelName,
        ) as AnyRecord;
        expect(arns.has(model.Containers[0].ModelPackageName)).toBe(true);
      }
    }
    const churn = sm.endpointConfigs.find(c =>
      c.EndpointConfigName.startsWith('churn-classifier-endpoint'),
    ) as AnyRecord;
    expect(churn.ProductionVariants).toHaveLength(2);
    expect(
      sm.monitoringSchedules.every(s =>
        sm.endpoints.some(e => e.EndpointName === s.EndpointName),
      ),
    ).toBe(true);

    const recent = sm.transformJobs.filter(
      t => Date.parse(t.CreationTime) > now.getTime() - 30 * 86_400_000,
    );
    expect(recent).toHaveLength(1);
    expect(sm.models.some(m => m.ModelName === recent[0].ModelName)).toBe(true);
  });

  it('has Glue jobs whose scripts read and write catalogued tables', () => {
    const tables = new Set(glue.tables.map(t => `${t.DatabaseName}.${t.Name}`));
    const scripts = Object.fromEntries(
      glue.jobs.map(job => [
        job.Name,
        estate.s3[(job as AnyRecord).Command.ScriptLocation],
      ]),
    );
    const { 'crm-partner-export': truncated, ...parsable } = scripts;
    expect(() => parseGlueScript(truncated)).toThrow(/never closed/);

    const referenced = Object.values(parsable).flatMap(script =>
      parseGlueScript(script)
        .DagNodes.map(node =>
          Object.fromEntries(node.Args.map(a => [a.Name, a.Value])),
        )
        .filter(args => args.database)
        .map(
          args => `${JSON.parse(args.database)}.${JSON.parse(args.table_name)}`,
        ),
    );
    expect(referenced.length).toBeGreaterThan(6);
    expect(referenced.filter(table => !tables.has(table))).toEqual([]);
  });

  it('has same-named resources in us-east-1', () => {
    const us = estate.regions['us-east-1'];
    expect(us.sagemaker.modelPackageGroups[0].ModelPackageGroupName).toBe(
      'churn-classifier',
    );
    expect(us.sagemaker.modelPackageGroups[0].ModelPackageGroupArn).toContain(
      ':us-east-1:',
    );
    expect(us.glue.tables.map(t => `${t.DatabaseName}.${t.Name}`)).toEqual([
      'curated_customer.customers',
    ]);
  });
});
