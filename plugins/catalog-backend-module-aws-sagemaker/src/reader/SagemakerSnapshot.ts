import type {
  DescribeEndpointConfigOutput,
  DescribeEndpointOutput,
  DescribeFeatureGroupResponse,
  DescribeModelOutput,
  DescribeModelPackageOutput,
  DescribeTrainingJobResponse,
  DescribeTransformJobResponse,
  ModelPackageGroupSummary,
  MonitoringScheduleSummary,
  Tag,
} from '@aws-sdk/client-sagemaker';
import type {
  ModelMetric,
  SyncWarning,
} from '@ml-foundation/plugin-mlops-common';

/** A model package and what was read about it. */
export interface ModelVersionRecord {
  modelPackage: DescribeModelPackageOutput;
  /** The job that trained it, when one could be found. */
  trainingJob?: DescribeTrainingJobResponse;
  /** Figures from the model quality report its ModelMetrics point to. */
  reportMetrics: ModelMetric[];
  /** Its own tags (a version trained by another team may say so). */
  tags: Tag[];
  /** Optional reads that failed. */
  warnings?: SyncWarning[];
}

/** A model package group with its tags and versions. */
export interface ModelGroupRecord {
  group: ModelPackageGroupSummary;
  tags: Tag[];
  versions: ModelVersionRecord[];
}

/** A feature group with all its features and its tags. */
export interface FeatureGroupRecord {
  /** All features in one list, so no page token. */
  featureGroup: Omit<DescribeFeatureGroupResponse, 'NextToken'>;
  tags: Tag[];
}

/** An endpoint with its config, the models of its variants and its monitoring. */
export interface EndpointRecord {
  endpoint: DescribeEndpointOutput;
  config?: DescribeEndpointConfigOutput;
  models: DescribeModelOutput[];
  schedules: MonitoringScheduleSummary[];
  tags: Tag[];
}

/** A recent batch transform job, the model it ran and its tags. */
export interface TransformJobRecord {
  job: DescribeTransformJobResponse;
  model?: DescribeModelOutput;
  tags: Tag[];
}

/** Where a Glue table keeps its data, for matching training inputs. */
export interface GlueTableLocation {
  database: string;
  table: string;
  location: string;
  /** When the table last changed (SageMaker updates offline stores' tables), ISO 8601. */
  updateTime?: string;
}

/** Everything one SageMaker provider read of one account and region. */
export interface SagemakerSnapshot {
  accountId: string;
  region: string;
  groups: ModelGroupRecord[];
  featureGroups: FeatureGroupRecord[];
  endpoints: EndpointRecord[];
  transformJobs: TransformJobRecord[];
  glueTables: GlueTableLocation[];
}
