import { createHash } from 'node:crypto';
import { addMinutes } from './addMinutes';
import { AwsTag, emptyRegionEstate, Estate, RegionEstate } from './Estate';

/** A column as `[name, type, comment?]`. */
export type ColumnSpec = [name: string, type: string, comment?: string];

/** Metrics of one split of a model's evaluation, by metric name. */
export type SplitMetrics = Record<string, number>;

const STORAGE_FORMATS = {
  parquet: {
    InputFormat:
      'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat',
    OutputFormat:
      'org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat',
    SerdeInfo: {
      SerializationLibrary:
        'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe',
      Parameters: { 'serialization.format': '1' },
    },
  },
  csv: {
    InputFormat: 'org.apache.hadoop.mapred.TextInputFormat',
    OutputFormat: 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat',
    SerdeInfo: {
      SerializationLibrary:
        'org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe',
      Parameters: { 'field.delim': ',' },
    },
  },
};

/** SageMaker's built-in XGBoost training images are hosted in an AWS account of each region. */
const XGBOOST_IMAGE_ACCOUNTS: Record<string, string> = {
  'eu-west-1': '141502667606',
  'us-east-1': '683313688378',
};

const FEATURE_STORE_TYPES: Record<string, string> = {
  String: 'string',
  Integral: 'bigint',
  Fractional: 'double',
};

/** A training job of `EstateBuilder.trainingJob`. */
export interface TrainingJobSpec {
  name: string;
  /** The model package group it trains for; names its role. */
  group: string;
  startedAt: string;
  minutes: number;
  framework: [name: string, version: string];
  /** Inference image; for XGBoost, training uses SageMaker's built-in image. */
  image: string;
  hyperparameters: Record<string, string>;
  /** Training channels and the S3 URIs they read. */
  inputs: Record<string, string>;
  outputPath: string;
  instanceType: string;
  instanceCount?: number;
  /** Final metrics, by split (e.g. `train`, `validation`). */
  metrics: Record<string, SplitMetrics>;
  status?: 'Completed' | 'Failed' | 'Stopped';
  failureReason?: string;
  experiment?: { experiment: string; trial: string };
}

/** A trial component of `EstateBuilder.trialComponent`. */
export interface TrialComponentSpec {
  name: string;
  displayName: string;
  trial: string;
  source?: { SourceArn: string; SourceType: string };
  status: string;
  startedAt: string;
  endedAt: string;
  parameters: Record<string, string | number>;
  /** Input artifacts by name: S3 URIs or image URIs. */
  inputs: Record<string, string>;
  outputs?: Record<string, string>;
  metrics: {
    name: string;
    last: number;
    min: number;
    max: number;
    avg: number;
    count: number;
    sourceArn?: string;
  }[];
}

/**
 * Builds estates the way AWS would have recorded them, so that the demo and
 * the benchmark hold the same shapes and the same cross-references: a model
 * version's artifact is its training job's output, a feature group's offline
 * store is a Glue table at its resolved S3 URI, a Glue job's script is an S3
 * object, and so on. Times are ISO strings.
 */
export class EstateBuilder {
  readonly estate: Estate;

  constructor(accountId: string) {
    this.estate = { accountId, regions: {}, s3: {} };
  }

  database(
    region: string,
    db: { name: string; description: string; owner: string; createdAt: string },
  ): void {
    this.#region(region).glue.databases.push({
      Name: db.name,
      Description: db.description,
      Parameters: {},
      CreateTime: db.createdAt,
      CreateTableDefaultPermissions: [],
      Tags: ownerTags(db.owner),
    });
  }

  table(
    region: string,
    table: {
      database: string;
      name: string;
      description?: string;
      createdAt: string;
      columns: ColumnSpec[];
      partitionKeys?: ColumnSpec[];
      parameters?: Record<string, string>;
    } & (
      | { location: string; format: keyof typeof STORAGE_FORMATS }
      | { viewSql: string }
    ),
  ): void {
    const isView = 'viewSql' in table;
    this.#region(region).glue.tables.push({
      Name: table.name,
      DatabaseName: table.database,
      Description: table.description,
      CreateTime: table.createdAt,
      UpdateTime: table.createdAt,
      Retention: 0,
      StorageDescriptor: {
        Columns: table.columns.map(column),
        Location: isView ? '' : table.location,
        ...(isView ? { SerdeInfo: {} } : STORAGE_FORMATS[table.format]),
        Compressed: false,
        NumberOfBuckets: isView ? 0 : -1,
        BucketColumns: [],
        SortColumns: [],
        Parameters: {},
        StoredAsSubDirectories: false,
      },
      PartitionKeys: (table.partitionKeys ?? []).map(column),
      TableType: isView ? 'VIRTUAL_VIEW' : 'EXTERNAL_TABLE',
      ...(isView
        ? { ViewOriginalText: table.viewSql, ViewExpandedText: table.viewSql }
        : {}),
      Parameters: {
        ...(isView ? {} : { EXTERNAL: 'TRUE', classification: table.format }),
        ...table.parameters,
      },
      CreatedBy: `arn:aws:sts::${this.estate.accountId}:assumed-role/AWSGlueServiceRole-datalake/GlueJobRunnerSession`,
      IsRegisteredWithLakeFormation: false,
      VersionId: '0',
    });
  }

  /**
   * A feature group with an online and an offline store, and the Glue table
   * SageMaker creates for the offline store in `sagemaker_featurestore`.
   * Returns the offline store's resolved S3 URI.
   */
  featureGroup(
    region: string,
    fg: {
      name: string;
      description: string;
      owner: string;
      /** SageMaker names the offline store after the creation time. */
      createdAtEpochSeconds: number;
      recordIdentifier: string;
      eventTime: string;
      features: [name: string, type: 'String' | 'Integral' | 'Fractional'][];
      offlineStoreBucket: string;
    },
  ): string {
    const { accountId } = this.estate;
    const createdAt = new Date(fg.createdAtEpochSeconds * 1000).toISOString();
    const storeName = `${fg.name}-${fg.createdAtEpochSeconds}`;
    const tableName = storeName.replace(/-/g, '_');
    const s3Uri = `s3://${fg.offlineStoreBucket}/offline-store`;
    const resolved = `${s3Uri}/${accountId}/sagemaker/${region}/offline-store/${storeName}/data`;
    this.#region(region).sagemaker.featureGroups.push({
      FeatureGroupArn: `arn:aws:sagemaker:${region}:${accountId}:feature-group/${fg.name}`,
      FeatureGroupName: fg.name,
      RecordIdentifierFeatureName: fg.recordIdentifier,
      EventTimeFeatureName: fg.eventTime,
      FeatureDefinitions: fg.features.map(([FeatureName, FeatureType]) => ({
        FeatureName,
        FeatureType,
      })),
      CreationTime: createdAt,
      LastModifiedTime: createdAt,
      OnlineStoreConfig: { EnableOnlineStore: true },
      OfflineStoreConfig: {
        S3StorageConfig: { S3Uri: s3Uri, ResolvedOutputS3Uri: resolved },
        DisableGlueTableCreation: false,
        DataCatalogConfig: {
          TableName: tableName,
          Catalog: 'AwsDataCatalog',
          Database: 'sagemaker_featurestore',
        },
        TableFormat: 'Glue',
      },
      RoleArn: `arn:aws:iam::${accountId}:role/sagemaker-feature-store`,
      FeatureGroupStatus: 'Created',
      OfflineStoreStatus: { Status: 'Active' },
      Description: fg.description,
      Tags: ownerTags(fg.owner),
    });
    this.table(region, {
      database: 'sagemaker_featurestore',
      name: tableName,
      createdAt,
      location: resolved,
      format: 'parquet',
      columns: [
        ...fg.features.map(
          ([name, type]): ColumnSpec => [name, FEATURE_STORE_TYPES[type]],
        ),
        ['write_time', 'timestamp'],
        ['api_invocation_time', 'timestamp'],
        ['is_deleted', 'boolean'],
      ],
    });
    return resolved;
  }

  modelGroup(
    region: string,
    group: {
      name: string;
      description: string;
      owner: string;
      createdAt: string;
      createdBy: string;
    },
  ): void {
    this.#region(region).sagemaker.modelPackageGroups.push({
      ModelPackageGroupName: group.name,
      ModelPackageGroupArn: `arn:aws:sagemaker:${region}:${this.estate.accountId}:model-package-group/${group.name}`,
      ModelPackageGroupDescription: group.description,
      CreationTime: group.createdAt,
      CreatedBy: this.#userProfile(region, group.createdBy),
      ModelPackageGroupStatus: 'Completed',
      Tags: ownerTags(group.owner),
    });
  }

  /**
   * A training job, by default completed, whose default output path
   * `<output>/<job>/output/model.tar.gz` holds its model. With an
   * `experiment`, it ran in that experiment's trial (see `experiment`) and
   * has the trial component SageMaker creates for a training job,
   * `<job>-aws-training-job`, whose parameters, metric summaries and input
   * artifacts mirror the job. Returns its ARN, artifact and end time.
   */
  trainingJob(
    region: string,
    j: TrainingJobSpec,
  ): { arn: string; artifact: string; end: string } {
    const { accountId } = this.estate;
    const sm = this.#region(region).sagemaker;
    const arn = `arn:aws:sagemaker:${region}:${accountId}:training-job/${j.name}`;
    const artifact = `${j.outputPath}/${j.name}/output/model.tar.gz`;
    const start = j.startedAt;
    const end = addMinutes(start, j.minutes);
    const status = j.status ?? 'Completed';
    const [framework, frameworkVersion] = j.framework;
    const trainingImage =
      framework === 'xgboost'
        ? `${
            XGBOOST_IMAGE_ACCOUNTS[region] ??
            XGBOOST_IMAGE_ACCOUNTS['us-east-1']
          }.dkr.ecr.${region}.amazonaws.com/sagemaker-xgboost:${frameworkVersion}-1`
        : j.image.replace('/ml-inference/', '/ml-training/');
    const instanceCount = j.instanceCount ?? 1;
    const metrics = Object.entries(j.metrics).flatMap(([split, values]) =>
      Object.entries(values).map(([name, value]) => ({
        name: `${split}:${name}`,
        value,
      })),
    );
    const experimentConfig = j.experiment && {
      ExperimentName: j.experiment.experiment,
      TrialName: j.experiment.trial,
      TrialComponentDisplayName: j.name,
    };

    sm.trainingJobs.push({
      TrainingJobName: j.name,
      TrainingJobArn: arn,
      ...(status === 'Completed'
        ? { ModelArtifacts: { S3ModelArtifacts: artifact } }
        : {}),
      TrainingJobStatus: status,
      SecondaryStatus: status,
      ...(j.failureReason ? { FailureReason: j.failureReason } : {}),
      HyperParameters: j.hyperparameters,
      AlgorithmSpecification: {
        TrainingImage: trainingImage,
        TrainingInputMode: 'File',
        EnableSageMakerMetricsTimeSeries: false,
      },
      RoleArn: `arn:aws:iam::${accountId}:role/sagemaker-training-${j.group}`,
      InputDataConfig: Object.entries(j.inputs).map(([ChannelName, S3Uri]) => ({
        ChannelName,
        DataSource: {
          S3DataSource: {
            S3DataType: 'S3Prefix',
            S3Uri,
            S3DataDistributionType: 'FullyReplicated',
          },
        },
        ContentType: 'application/x-parquet',
        CompressionType: 'None',
        RecordWrapperType: 'None',
      })),
      OutputDataConfig: { S3OutputPath: j.outputPath },
      ResourceConfig: {
        InstanceType: j.instanceType,
        InstanceCount: instanceCount,
        VolumeSizeInGB: 30,
      },
      StoppingCondition: { MaxRuntimeInSeconds: 86400 },
      CreationTime: addMinutes(start, -3),
      TrainingStartTime: start,
      TrainingEndTime: end,
      LastModifiedTime: addMinutes(end, 1),
      FinalMetricDataList: metrics.map(m => ({
        MetricName: m.name,
        Value: m.value,
        Timestamp: end,
      })),
      EnableNetworkIsolation: false,
      EnableInterContainerTrafficEncryption: false,
      EnableManagedSpotTraining: false,
      TrainingTimeInSeconds: j.minutes * 60,
      // Wall-clock time: AWS bills it once per instance.
      BillableTimeInSeconds: j.minutes * 60,
      ...(experimentConfig ? { ExperimentConfig: experimentConfig } : {}),
    });

    if (j.experiment) {
      this.trialComponent(region, {
        name: `${j.name}-aws-training-job`,
        displayName: j.name,
        trial: j.experiment.trial,
        source: { SourceArn: arn, SourceType: 'SageMakerTrainingJob' },
        status,
        startedAt: start,
        endedAt: end,
        parameters: {
          ...j.hyperparameters,
          'SageMaker.ImageUri': trainingImage,
          'SageMaker.InstanceCount': instanceCount,
          'SageMaker.InstanceType': j.instanceType,
          'SageMaker.VolumeSizeInGB': 30,
        },
        inputs: { ...j.inputs, 'SageMaker.ImageUri': trainingImage },
        outputs:
          status === 'Completed' ? { 'SageMaker.ModelArtifact': artifact } : {},
        // Final values, with the spread a run's epochs would show.
        metrics: metrics.map(m => ({
          name: m.name,
          last: m.value,
          min: round(m.value * 0.9),
          max: m.value,
          avg: round(m.value * 0.95),
          count: 10,
          sourceArn: arn,
        })),
      });
    }
    return { arn, artifact, end };
  }

  /** A SageMaker experiment and its trials, each trial created empty. */
  experiment(
    region: string,
    e: {
      name: string;
      description: string;
      createdAt: string;
      createdBy: string;
      trials: string[];
    },
  ): void {
    const sm = this.#region(region).sagemaker;
    const arnPrefix = `arn:aws:sagemaker:${region}:${this.estate.accountId}`;
    const createdBy = this.#userProfile(region, e.createdBy);
    (sm.experiments ??= []).push({
      ExperimentName: e.name,
      ExperimentArn: `${arnPrefix}:experiment/${e.name}`,
      DisplayName: e.name,
      Description: e.description,
      CreationTime: e.createdAt,
      CreatedBy: createdBy,
      LastModifiedTime: e.createdAt,
      LastModifiedBy: createdBy,
    });
    for (const trial of e.trials) {
      (sm.trials ??= []).push({
        TrialName: trial,
        TrialArn: `${arnPrefix}:experiment-trial/${trial}`,
        DisplayName: trial,
        ExperimentName: e.name,
        CreationTime: e.createdAt,
        CreatedBy: createdBy,
        LastModifiedTime: e.createdAt,
        LastModifiedBy: createdBy,
        TrialComponentNames: [],
      });
    }
  }

  /**
   * A trial component in `trial` (created by `experiment`): a training
   * job's (see `trainingJob`) or one logged by the SageMaker Experiments SDK
   * without a job, such as a notebook run.
   */
  trialComponent(region: string, c: TrialComponentSpec): void {
    const sm = this.#region(region).sagemaker;
    const trial = sm.trials?.find(t => t.TrialName === c.trial);
    if (!trial) {
      throw new Error(`No trial ${c.trial}: create its experiment first`);
    }
    (trial.TrialComponentNames as string[]).push(c.name);
    const artifacts = (values: Record<string, string>) =>
      Object.fromEntries(
        Object.entries(values).map(([name, Value]) => [name, { Value }]),
      );
    (sm.trialComponents ??= []).push({
      TrialComponentName: c.name,
      TrialComponentArn: `arn:aws:sagemaker:${region}:${this.estate.accountId}:experiment-trial-component/${c.name}`,
      DisplayName: c.displayName,
      ...(c.source ? { Source: c.source } : {}),
      Status: {
        PrimaryStatus: c.status,
        ...(c.source
          ? {
              Message: `Status: ${c.status}, secondary status: ${c.status}, failure reason: .`,
            }
          : {}),
      },
      StartTime: c.startedAt,
      EndTime: c.endedAt,
      CreationTime: c.startedAt,
      LastModifiedTime: c.endedAt,
      Parameters: Object.fromEntries(
        Object.entries(c.parameters).map(([name, value]) => [
          name,
          typeof value === 'number'
            ? { NumberValue: value }
            : { StringValue: value },
        ]),
      ),
      InputArtifacts: artifacts(c.inputs),
      OutputArtifacts: artifacts(c.outputs ?? {}),
      Metrics: c.metrics.map(m => ({
        MetricName: m.name,
        ...(m.sourceArn ? { SourceArn: m.sourceArn } : {}),
        TimeStamp: c.endedAt,
        Max: m.max,
        Min: m.min,
        Last: m.last,
        Count: m.count,
        Avg: m.avg,
      })),
      ...(c.source ? { Sources: [c.source] } : {}),
    });
  }

  /**
   * A model package version with the training job that produced it (see
   * `trainingJob`: the job's artifact is the version's model data) and its
   * model-quality report in S3. Returns the version's ARN.
   */
  modelVersion(
    region: string,
    v: {
      group: string;
      version: number;
      description: string;
      approvalStatus: 'Approved' | 'Rejected' | 'PendingManualApproval';
      stage: string;
      framework: [name: string, version: string];
      /** Inference image; for XGBoost, training uses SageMaker's built-in image. */
      image: string;
      trainingJobName: string;
      trainingStartedAt: string;
      trainingMinutes: number;
      createdAt: string;
      createdBy: string;
      hyperparameters: Record<string, string>;
      /** Training channels and the S3 URIs they read. */
      inputs: Record<string, string>;
      outputPath: string;
      instanceType: string;
      /** Final metrics of the training job, by split (e.g. `train`, `validation`). */
      trainingMetrics: Record<string, SplitMetrics>;
      /** The test split, written as SageMaker's model-quality statistics. */
      testMetrics: SplitMetrics;
      testStandardDeviations?: SplitMetrics;
      problem: 'binary' | 'regression';
      /** The experiment and trial the training job ran in. */
      experiment?: TrainingJobSpec['experiment'];
    },
  ): string {
    const { accountId } = this.estate;
    const sm = this.#region(region).sagemaker;
    const arnPrefix = `arn:aws:sagemaker:${region}:${accountId}`;
    const reportUri = `${v.outputPath}/${v.trainingJobName}/evaluation/model_quality_statistics.json`;
    const [framework, frameworkVersion] = v.framework;
    const { artifact, end } = this.trainingJob(region, {
      name: v.trainingJobName,
      group: v.group,
      startedAt: v.trainingStartedAt,
      minutes: v.trainingMinutes,
      framework: v.framework,
      image: v.image,
      hyperparameters: v.hyperparameters,
      inputs: v.inputs,
      outputPath: v.outputPath,
      instanceType: v.instanceType,
      metrics: v.trainingMetrics,
      experiment: v.experiment,
    });

    const arn = `${arnPrefix}:model-package/${v.group}/${v.version}`;
    const decided = v.approvalStatus !== 'PendingManualApproval';
    sm.modelPackages.push({
      ModelPackageName: v.group,
      ModelPackageGroupName: v.group,
      ModelPackageVersion: v.version,
      ModelPackageArn: arn,
      ModelPackageDescription: v.description,
      CreationTime: v.createdAt,
      InferenceSpecification: {
        Containers: [
          {
            Image: v.image,
            ImageDigest: `sha256:${sha256(v.image)}`,
            ModelDataUrl: artifact,
            Framework: framework.toUpperCase(),
            FrameworkVersion: frameworkVersion,
          },
        ],
        SupportedTransformInstanceTypes: ['ml.m5.xlarge', 'ml.m5.2xlarge'],
        SupportedRealtimeInferenceInstanceTypes: [
          'ml.m5.large',
          'ml.c5.xlarge',
        ],
        SupportedContentTypes: ['text/csv'],
        SupportedResponseMIMETypes: ['text/csv'],
      },
      ModelPackageStatus: 'Completed',
      ModelPackageStatusDetails: {
        ValidationStatuses: [],
        ImageScanStatuses: [],
      },
      CertifyForMarketplace: false,
      ModelApprovalStatus: v.approvalStatus,
      ...(decided ? { ApprovalDescription: v.description } : {}),
      CreatedBy: this.#userProfile(region, v.createdBy),
      ModelMetrics: {
        ModelQuality: {
          Statistics: { ContentType: 'application/json', S3Uri: reportUri },
        },
      },
      LastModifiedTime: decided
        ? addMinutes(v.createdAt, 2 * 24 * 60)
        : v.createdAt,
      ModelLifeCycle: {
        Stage: v.stage,
        StageStatus: decided ? v.approvalStatus : 'PendingApproval',
      },
      Domain: 'MACHINE_LEARNING',
      Task: v.problem === 'binary' ? 'CLASSIFICATION' : 'REGRESSION',
      ModelPackageRegistrationType: 'Registered',
    });

    this.estate.s3[reportUri] = JSON.stringify(
      modelQualityReport(
        v.problem,
        v.testMetrics,
        v.testStandardDeviations,
        end,
      ),
      null,
      2,
    );
    return arn;
  }

  /**
   * A real-time endpoint: its endpoint config and, per production variant,
   * a SageMaker model created from the model package version it serves.
   */
  endpoint(
    region: string,
    e: {
      name: string;
      owner: string;
      createdAt: string;
      updatedAt: string;
      variants: {
        name: string;
        modelName: string;
        modelPackageArn: string;
        image: string;
        instanceType: string;
        instanceCount: number;
        weight: number;
      }[];
    },
  ): void {
    const { accountId } = this.estate;
    const sm = this.#region(region).sagemaker;
    const arnPrefix = `arn:aws:sagemaker:${region}:${accountId}`;
    const configName = `${e.name}-config-${e.updatedAt
      .slice(0, 10)
      .replace(/-/g, '')}`;
    const dataCapture = {
      EnableCapture: true,
      InitialSamplingPercentage: 20,
      DestinationS3Uri: `s3://acme-ml-monitoring/datacapture/${e.name}`,
      CaptureOptions: [{ CaptureMode: 'Input' }, { CaptureMode: 'Output' }],
    };
    for (const variant of e.variants) {
      this.model(region, {
        name: variant.modelName,
        createdAt: e.updatedAt,
        container: { ModelPackageName: variant.modelPackageArn },
      });
    }
    sm.endpointConfigs.push({
      EndpointConfigName: configName,
      EndpointConfigArn: `${arnPrefix}:endpoint-config/${configName}`,
      ProductionVariants: e.variants.map(variant => ({
        VariantName: variant.name,
        ModelName: variant.modelName,
        InitialInstanceCount: variant.instanceCount,
        InstanceType: variant.instanceType,
        InitialVariantWeight: variant.weight,
      })),
      DataCaptureConfig: dataCapture,
      CreationTime: e.updatedAt,
      Tags: ownerTags(e.owner),
    });
    sm.endpoints.push({
      EndpointName: e.name,
      EndpointArn: `${arnPrefix}:endpoint/${e.name}`,
      EndpointConfigName: configName,
      ProductionVariants: e.variants.map(variant => ({
        VariantName: variant.name,
        DeployedImages: [
          {
            SpecifiedImage: variant.image,
            ResolvedImage: `${variant.image.split(':')[0]}@sha256:${sha256(
              variant.image,
            )}`,
            ResolutionTime: e.updatedAt,
          },
        ],
        CurrentWeight: variant.weight,
        DesiredWeight: variant.weight,
        CurrentInstanceCount: variant.instanceCount,
        DesiredInstanceCount: variant.instanceCount,
      })),
      DataCaptureConfig: {
        EnableCapture: true,
        CaptureStatus: 'Started',
        CurrentSamplingPercentage: 20,
        DestinationS3Uri: dataCapture.DestinationS3Uri,
      },
      EndpointStatus: 'InService',
      CreationTime: e.createdAt,
      LastModifiedTime: e.updatedAt,
      Tags: ownerTags(e.owner),
    });
  }

  /** A SageMaker model with a single container. */
  model(
    region: string,
    m: { name: string; createdAt: string; container: Record<string, unknown> },
  ): void {
    const { accountId } = this.estate;
    this.#region(region).sagemaker.models.push({
      ModelName: m.name,
      ModelArn: `arn:aws:sagemaker:${region}:${accountId}:model/${m.name}`,
      Containers: [{ ...m.container, Mode: 'SingleModel', Environment: {} }],
      ExecutionRoleArn: `arn:aws:iam::${accountId}:role/sagemaker-inference`,
      CreationTime: m.createdAt,
      EnableNetworkIsolation: false,
    });
  }

  monitoringSchedule(
    region: string,
    s: {
      endpoint: string;
      type:
        | 'DataQuality'
        | 'ModelQuality'
        | 'ModelBias'
        | 'ModelExplainability';
      createdAt: string;
      lastRunAt: string;
    },
  ): void {
    const { accountId } = this.estate;
    const kebab = s.type.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase();
    const name = `${s.endpoint}-${kebab}`;
    const definition = `${name}-job-definition`;
    this.#region(region).sagemaker.monitoringSchedules.push({
      MonitoringScheduleArn: `arn:aws:sagemaker:${region}:${accountId}:monitoring-schedule/${name}`,
      MonitoringScheduleName: name,
      MonitoringScheduleStatus: 'Scheduled',
      MonitoringType: s.type,
      CreationTime: s.createdAt,
      LastModifiedTime: s.createdAt,
      MonitoringScheduleConfig: {
        ScheduleConfig: { ScheduleExpression: 'cron(0 * ? * * *)' },
        MonitoringJobDefinitionName: definition,
        MonitoringType: s.type,
      },
      EndpointName: s.endpoint,
      LastMonitoringExecutionSummary: {
        MonitoringScheduleName: name,
        ScheduledTime: s.lastRunAt,
        CreationTime: addMinutes(s.lastRunAt, 1),
        LastModifiedTime: addMinutes(s.lastRunAt, 14),
        MonitoringExecutionStatus: 'Completed',
        EndpointName: s.endpoint,
        MonitoringType: s.type,
      },
    });
  }

  transformJob(
    region: string,
    t: {
      name: string;
      owner: string;
      modelName: string;
      startedAt: string;
      minutes: number;
      input: string;
      output: string;
      instanceType: string;
      instanceCount: number;
    },
  ): void {
    const end = addMinutes(t.startedAt, t.minutes);
    this.#region(region).sagemaker.transformJobs.push({
      TransformJobName: t.name,
      TransformJobArn: `arn:aws:sagemaker:${region}:${this.estate.accountId}:transform-job/${t.name}`,
      TransformJobStatus: 'Completed',
      ModelName: t.modelName,
      MaxConcurrentTransforms: 4,
      MaxPayloadInMB: 6,
      BatchStrategy: 'MultiRecord',
      TransformInput: {
        DataSource: {
          S3DataSource: { S3DataType: 'S3Prefix', S3Uri: t.input },
        },
        ContentType: 'text/csv',
        CompressionType: 'None',
        SplitType: 'Line',
      },
      TransformOutput: {
        S3OutputPath: t.output,
        Accept: 'text/csv',
        AssembleWith: 'Line',
      },
      TransformResources: {
        InstanceType: t.instanceType,
        InstanceCount: t.instanceCount,
      },
      CreationTime: addMinutes(t.startedAt, -4),
      TransformStartTime: t.startedAt,
      TransformEndTime: end,
      LastModifiedTime: end,
      Tags: ownerTags(t.owner),
    });
  }

  /** A Glue Spark job whose script is stored in S3, where Glue keeps it. */
  glueJob(
    region: string,
    job: {
      name: string;
      description: string;
      owner: string;
      createdAt: string;
      script: string;
      scriptBucket: string;
    },
  ): void {
    const scriptLocation = `s3://${job.scriptBucket}/scripts/${job.name}.py`;
    this.estate.s3[scriptLocation] = job.script;
    this.#region(region).glue.jobs.push({
      Name: job.name,
      Description: job.description,
      Role: `arn:aws:iam::${this.estate.accountId}:role/AWSGlueServiceRole-datalake`,
      CreatedOn: job.createdAt,
      LastModifiedOn: job.createdAt,
      ExecutionProperty: { MaxConcurrentRuns: 1 },
      Command: {
        Name: 'glueetl',
        ScriptLocation: scriptLocation,
        PythonVersion: '3',
      },
      DefaultArguments: {
        '--job-language': 'python',
        '--TempDir': `s3://${job.scriptBucket}/temporary/`,
        '--enable-glue-datacatalog': 'true',
        '--job-bookmark-option': 'job-bookmark-enable',
      },
      MaxRetries: 1,
      AllocatedCapacity: 10,
      Timeout: 2880,
      MaxCapacity: 10,
      WorkerType: 'G.1X',
      NumberOfWorkers: 10,
      GlueVersion: '4.0',
      ExecutionClass: 'STANDARD',
      Tags: ownerTags(job.owner),
    });
  }

  #region(region: string): RegionEstate {
    this.estate.regions[region] ??= emptyRegionEstate();
    return this.estate.regions[region];
  }

  #userProfile(region: string, user: string) {
    const domain = 'd-acmemlstudio1';
    return {
      UserProfileArn: `arn:aws:sagemaker:${region}:${this.estate.accountId}:user-profile/${domain}/${user}`,
      UserProfileName: user,
      DomainId: domain,
    };
  }
}

function ownerTags(owner: string): AwsTag[] {
  return [{ Key: 'owner', Value: owner }];
}

function column([Name, Type, Comment]: ColumnSpec) {
  return Comment === undefined ? { Name, Type } : { Name, Type, Comment };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * SageMaker Model Monitor's model-quality statistics document:
 * `binary_classification_metrics` or `regression_metrics`, each metric as
 * `{ value, standard_deviation }`.
 */
function modelQualityReport(
  problem: 'binary' | 'regression',
  metrics: SplitMetrics,
  deviations: SplitMetrics = {},
  evaluatedAt: string,
) {
  const values = Object.fromEntries(
    Object.entries(metrics).map(([name, value]) => [
      name,
      deviations[name] === undefined
        ? { value }
        : { value, standard_deviation: deviations[name] },
    ]),
  );
  return {
    version: 0.0,
    dataset: { item_count: 250000, evaluation_time: evaluatedAt },
    [problem === 'binary'
      ? 'binary_classification_metrics'
      : 'regression_metrics']: values,
  };
}
