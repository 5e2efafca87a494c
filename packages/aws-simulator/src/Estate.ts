/** A resource tag, in SageMaker's list form; Glue's map form is derived on the wire. */
export interface AwsTag {
  Key: string;
  Value: string;
}

/**
 * One resource in the shape its AWS Describe/Get operation returns, with
 * ISO-8601 strings where the API has timestamps (the simulator sends them as
 * epoch seconds) and its tags kept beside it, as AWS only returns tags from
 * ListTags/GetTags. `K` names the members the simulator relies on.
 */
export type AwsRecord<K extends string> = { [P in K]: string } & {
  Tags?: AwsTag[];
  [member: string]: unknown;
};

/** SageMaker resources of one region, each list in its DescribeX output shape. */
export interface SageMakerEstate {
  modelPackageGroups: AwsRecord<
    'ModelPackageGroupName' | 'ModelPackageGroupArn' | 'CreationTime'
  >[];
  /**
   * Versioned packages carry `ModelPackageGroupName` and a numeric
   * `ModelPackageVersion`, and their `ModelPackageName` is the group's name.
   */
  modelPackages: AwsRecord<
    'ModelPackageName' | 'ModelPackageArn' | 'CreationTime'
  >[];
  trainingJobs: AwsRecord<
    'TrainingJobName' | 'TrainingJobArn' | 'TrainingJobStatus' | 'CreationTime'
  >[];
  featureGroups: AwsRecord<
    'FeatureGroupName' | 'FeatureGroupArn' | 'CreationTime'
  >[];
  endpoints: AwsRecord<
    | 'EndpointName'
    | 'EndpointArn'
    | 'EndpointConfigName'
    | 'EndpointStatus'
    | 'CreationTime'
  >[];
  endpointConfigs: AwsRecord<
    'EndpointConfigName' | 'EndpointConfigArn' | 'CreationTime'
  >[];
  models: AwsRecord<'ModelName' | 'ModelArn' | 'CreationTime'>[];
  monitoringSchedules: AwsRecord<
    | 'MonitoringScheduleName'
    | 'MonitoringScheduleArn'
    | 'MonitoringScheduleStatus'
    | 'CreationTime'
  >[];
  transformJobs: AwsRecord<
    | 'TransformJobName'
    | 'TransformJobArn'
    | 'TransformJobStatus'
    | 'ModelName'
    | 'CreationTime'
  >[];
  /** Model Monitor runs (see monitoringOperations.ts), in MonitoringExecutionSummary shape plus `ReportS3Uri`. */
  monitoringExecutions?: AwsRecord<
    'MonitoringScheduleName' | 'ProcessingJobArn' | 'ScheduledTime'
  >[];
  /** SageMaker Experiments (see experimentOperations.ts), in DescribeExperiment shape. */
  experiments?: AwsRecord<
    'ExperimentName' | 'ExperimentArn' | 'CreationTime'
  >[];
  /**
   * Trials of the experiments, in DescribeTrial shape plus
   * `TrialComponentNames`, the components associated with the trial.
   */
  trials?: AwsRecord<
    'TrialName' | 'TrialArn' | 'ExperimentName' | 'CreationTime'
  >[];
  trialComponents?: AwsRecord<
    'TrialComponentName' | 'TrialComponentArn' | 'CreationTime'
  >[];
  /** SageMaker Pipelines that may be started (see pipelineOperations.ts). */
  pipelines?: AwsRecord<'PipelineName' | 'PipelineArn'>[];
  pipelineExecutions?: AwsRecord<
    'PipelineArn' | 'PipelineExecutionArn' | 'PipelineExecutionStatus'
  >[];
}

/** Glue Data Catalog and jobs of one region, in the GetX output shapes. */
export interface GlueEstate {
  databases: AwsRecord<'Name'>[];
  /** Tables cannot carry tags in Glue; their `Tags` are never served. */
  tables: AwsRecord<'Name' | 'DatabaseName'>[];
  jobs: AwsRecord<'Name'>[];
  /**
   * Column statistics of tables, in ColumnStatistics shape plus the table's
   * `DatabaseName` and `TableName` (see glueDataProfileOperations.ts).
   */
  columnStatistics?: AwsRecord<'DatabaseName' | 'TableName' | 'ColumnName'>[];
  /** Glue Data Quality results, in GetDataQualityResult shape. */
  dataQualityResults?: AwsRecord<'ResultId' | 'StartedOn'>[];
}

/** Everything one region of the account holds. */
export interface RegionEstate {
  sagemaker: SageMakerEstate;
  glue: GlueEstate;
}

/**
 * The AWS account the simulator serves: JSON-serialisable so that it can be
 * kept in a file, and mutable while the simulator runs.
 */
export interface Estate {
  accountId: string;
  /** Keyed by region name, so that two regions can hold same-named resources. */
  regions: Record<string, RegionEstate>;
  /** Object bodies keyed by `s3://bucket/key`. */
  s3: Record<string, string>;
  /**
   * Buckets outside the region every request may use: a request signed for
   * another region is answered 301 PermanentRedirect, as S3 does.
   */
  s3BucketRegions?: Record<string, string>;
}

/** A region without resources, which is also what AWS shows for an unused region. */
export function emptyRegionEstate(): RegionEstate {
  return {
    sagemaker: {
      modelPackageGroups: [],
      modelPackages: [],
      trainingJobs: [],
      featureGroups: [],
      endpoints: [],
      endpointConfigs: [],
      models: [],
      monitoringSchedules: [],
      transformJobs: [],
    },
    glue: { databases: [], tables: [], jobs: [] },
  };
}
