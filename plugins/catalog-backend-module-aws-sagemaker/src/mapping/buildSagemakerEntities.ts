import { Entity } from '@backstage/catalog-model';
import type { DescribeModelOutput } from '@aws-sdk/client-sagemaker';
import {
  DatasetEntityV1alpha1,
  FeatureGroupEntityV1alpha1,
  ML_ANNOTATION_RETRAINING_PIPELINE,
  ML_API_VERSION,
  ModelDeploymentEntityV1alpha1,
  ModelDeploymentVariant,
  ModelEntityV1alpha1,
  ModelVersionEntityV1alpha1,
} from '@ml-foundation/plugin-mlops-common';
import {
  awsConsoleUrl,
  awsEntityAnnotations,
  awsEntityName,
  glueTableArn,
  glueTableEntityName,
  glueTableEntityRef,
  normalizeS3Uri,
  resolveOwner,
  S3LocationIndex,
  withSyncWarnings,
} from '@ml-foundation/plugin-mlops-node';
import { recurringJobName } from './recurringJobName';
import type {
  EndpointRecord,
  FeatureGroupRecord,
  ModelGroupRecord,
  ModelVersionRecord,
  SagemakerSnapshot,
  TransformJobRecord,
} from '../reader/SagemakerSnapshot';
import { mergeMetrics, parseFinalMetrics } from './parseModelMetrics';

/** How a provider names and owns what it reads. */
export interface SagemakerMappingOptions {
  ownerTagKey: string;
  defaultOwner: string;
}

type Tags = Array<{ Key?: string; Value?: string }>;

const LIFECYCLE_TAG = 'lifecycle';

function tagValue(tags: Tags, key: string): string | undefined {
  return tags.find(t => t.Key === key)?.Value;
}

function isoTime(value: Date | string | undefined): string | undefined {
  return value === undefined ? undefined : new Date(value).toISOString();
}

/** Drops undefined values, which are not valid in entity JSON. */
function compact<T extends object>(value: T): T {
  return JSON.parse(JSON.stringify(value));
}

const ref = (kind: string, name: string) =>
  `${kind.toLocaleLowerCase('en-US')}:default/${name}`;

/**
 * Turns what a SageMaker provider read into catalog entities: Models,
 * ModelVersions with metrics and training lineage, FeatureGroups and their
 * offline-store Datasets, and ModelDeployments for endpoints and recent batch
 * transform jobs.
 */
export function buildSagemakerEntities(
  snapshot: SagemakerSnapshot,
  options: SagemakerMappingOptions,
): Entity[] {
  const { region, accountId } = snapshot;

  function metadata(
    name: string,
    arn: string,
    title: string,
    consoleUrl: string,
    description?: string,
  ) {
    return compact({
      name,
      title,
      description,
      annotations: awsEntityAnnotations(arn, consoleUrl),
      links: [{ url: consoleUrl, title: 'Open in the AWS console' }],
    });
  }

  /** Metadata of a SageMaker resource, its console page under `consolePath`. */
  function sagemakerMetadata(
    resourceName: string,
    arn: string,
    title: string,
    consolePath: string,
    description?: string,
  ) {
    return metadata(
      awsEntityName(resourceName, arn),
      arn,
      title,
      awsConsoleUrl(region, 'sagemaker', consolePath),
      description,
    );
  }

  const lifecycle = (tags: Tags) =>
    tagValue(tags, LIFECYCLE_TAG) ?? 'production';
  const owner = (tags: Tags, fallback: Tags = []) =>
    resolveOwner(tags, fallback, options.ownerTagKey, options.defaultOwner);

  // Training inputs are matched to the data they read: feature groups first,
  // so a feature group wins over its own offline-store table.
  const dataIndex = new S3LocationIndex();
  const entities: Entity[] = [];

  for (const record of snapshot.featureGroups) {
    entities.push(...featureGroupEntities(record));
  }
  for (const table of snapshot.glueTables) {
    dataIndex.add(
      table.location,
      glueTableEntityRef({
        accountId,
        region,
        database: table.database,
        table: table.table,
      }),
      0,
    );
  }

  const versionByPackageArn = new Map<string, string>();
  const versionByArtifact = new Map<string, string>();
  const ownerByVersion = new Map<string, string>();
  const modelByVersion = new Map<string, string>();
  for (const record of snapshot.groups) {
    entities.push(...modelEntities(record));
  }
  for (const record of snapshot.endpoints) {
    entities.push(endpointEntity(record));
  }
  for (const runs of recurringTransforms(snapshot.transformJobs)) {
    entities.push(batchTransformEntity(runs));
  }
  return entities;

  function featureGroupEntities({
    featureGroup: fg,
    tags,
  }: FeatureGroupRecord): Entity[] {
    const name = fg.FeatureGroupName!;
    const fgRef = ref('FeatureGroup', awsEntityName(name, fg.FeatureGroupArn!));
    const catalog = fg.OfflineStoreConfig?.DataCatalogConfig;
    const s3Uri =
      fg.OfflineStoreConfig?.S3StorageConfig?.ResolvedOutputS3Uri ??
      fg.OfflineStoreConfig?.S3StorageConfig?.S3Uri;
    if (s3Uri) {
      dataIndex.add(s3Uri, fgRef, 1);
    }
    const featureGroup: FeatureGroupEntityV1alpha1 = {
      apiVersion: ML_API_VERSION,
      kind: 'FeatureGroup',
      metadata: sagemakerMetadata(
        name,
        fg.FeatureGroupArn!,
        name,
        `/feature-store/feature-groups/${name}/details`,
        fg.Description,
      ),
      spec: compact({
        owner: owner(tags),
        lifecycle: lifecycle(tags),
        recordIdentifier: fg.RecordIdentifierFeatureName!,
        eventTime: fg.EventTimeFeatureName!,
        features: (fg.FeatureDefinitions ?? []).map(f => ({
          name: f.FeatureName!,
          type: f.FeatureType as 'Integral' | 'Fractional' | 'String',
        })),
        onlineStore: {
          enabled: fg.OnlineStoreConfig?.EnableOnlineStore ?? false,
        },
        offlineStore: fg.OfflineStoreConfig
          ? { s3Uri, database: catalog?.Database, table: catalog?.TableName }
          : undefined,
      }),
    };
    if (!catalog?.Database || !catalog.TableName) {
      return [featureGroup];
    }
    // The offline store's Glue table is this feature group's data, not an
    // unrelated dataset: it is emitted here, derived from the feature group.
    const table = {
      accountId,
      region,
      database: catalog.Database,
      table: catalog.TableName,
    };
    const offlineStore: DatasetEntityV1alpha1 = {
      apiVersion: ML_API_VERSION,
      kind: 'Dataset',
      metadata: metadata(
        glueTableEntityName(table),
        glueTableArn(table),
        `${catalog.Database}.${catalog.TableName}`,
        awsConsoleUrl(
          region,
          'glue',
          `/v2/data-catalog/tables/view/${catalog.TableName}?database=${catalog.Database}`,
        ),
        `Offline store of feature group ${name}`,
      ),
      spec: compact({
        type: 'feature-offline-store' as const,
        owner: owner(tags),
        lifecycle: lifecycle(tags),
        location: s3Uri,
        format:
          fg.OfflineStoreConfig?.TableFormat?.toLocaleLowerCase('en-US') ??
          'parquet',
        schema: {
          columns: featureGroup.spec.features.map(f => ({
            name: f.name,
            type: f.type,
          })),
        },
        upstream: [fgRef],
      }),
    };
    return [featureGroup, offlineStore];
  }

  function modelEntities({
    group,
    tags,
    versions,
  }: ModelGroupRecord): Entity[] {
    const groupName = group.ModelPackageGroupName!;
    const model: ModelEntityV1alpha1 = {
      apiVersion: ML_API_VERSION,
      kind: 'Model',
      metadata: sagemakerMetadata(
        groupName,
        group.ModelPackageGroupArn!,
        groupName,
        `/model-registry/${groupName}`,
        group.ModelPackageGroupDescription,
      ),
      spec: compact({
        owner: owner(tags),
        lifecycle: lifecycle(tags),
        description: group.ModelPackageGroupDescription,
      }),
    };
    // A group tagged with the pipeline that retrains it offers retraining.
    const retrainingPipeline = tagValue(
      tags,
      ML_ANNOTATION_RETRAINING_PIPELINE,
    );
    if (retrainingPipeline) {
      model.metadata.annotations = {
        ...model.metadata.annotations,
        [ML_ANNOTATION_RETRAINING_PIPELINE]: retrainingPipeline,
      };
    }
    const modelRef = ref('Model', model.metadata.name);
    return [
      model,
      ...versions.map(v =>
        withSyncWarnings(
          modelVersionEntity(v, modelRef, groupName, tags),
          v.warnings,
        ),
      ),
    ];
  }

  function modelVersionEntity(
    {
      modelPackage: pkg,
      trainingJob: job,
      reportMetrics,
      tags,
    }: ModelVersionRecord,
    modelRef: string,
    groupName: string,
    groupTags: Tags,
  ): ModelVersionEntityV1alpha1 {
    const version = pkg.ModelPackageVersion!;
    const container = pkg.InferenceSpecification?.Containers?.[0];
    const inputs = (job?.InputDataConfig ?? []).flatMap(channel => {
      const uri = channel.DataSource?.S3DataSource?.S3Uri;
      return uri ? [{ channel: channel.ChannelName, uri }] : [];
    });
    const trainedOn = [
      ...new Set(inputs.flatMap(i => dataIndex.match(i.uri) ?? [])),
    ];
    const entity: ModelVersionEntityV1alpha1 = {
      apiVersion: ML_API_VERSION,
      kind: 'ModelVersion',
      metadata: sagemakerMetadata(
        `${groupName}-v${version}`,
        pkg.ModelPackageArn!,
        `${groupName} v${version}`,
        `/model-registry/${groupName}/versions/${version}`,
        pkg.ModelPackageDescription,
      ),
      spec: compact({
        model: modelRef,
        version,
        // A version trained by another team may carry its own owner tag.
        owner: owner(tags, groupTags),
        lifecycle: tagValue(tags, LIFECYCLE_TAG) ?? lifecycle(groupTags),
        approvalStatus: (pkg.ModelApprovalStatus ??
          'PendingManualApproval') as ModelVersionEntityV1alpha1['spec']['approvalStatus'],
        stage: pkg.ModelLifeCycle?.Stage,
        framework: container?.Framework
          ? [container.Framework, container.FrameworkVersion]
              .filter(Boolean)
              .join(' ')
          : undefined,
        image: container?.Image,
        artifactUri: container?.ModelDataUrl,
        metrics: mergeMetrics(
          parseFinalMetrics(job?.FinalMetricDataList),
          reportMetrics,
        ),
        hyperparameters: job?.HyperParameters,
        training: job
          ? { jobName: job.TrainingJobName, jobArn: job.TrainingJobArn, inputs }
          : undefined,
        trainedOn: trainedOn.length > 0 ? trainedOn : undefined,
        createdBy:
          pkg.CreatedBy?.UserProfileName ?? pkg.CreatedBy?.IamIdentity?.Arn,
        createdAt: isoTime(pkg.CreationTime),
      }),
    };
    const versionRef = ref('ModelVersion', entity.metadata.name);
    versionByPackageArn.set(pkg.ModelPackageArn!, versionRef);
    ownerByVersion.set(versionRef, entity.spec.owner);
    modelByVersion.set(versionRef, modelRef);
    if (container?.ModelDataUrl) {
      versionByArtifact.set(normalizeS3Uri(container.ModelDataUrl), versionRef);
    }
    return entity;
  }

  /** The registered version a SageMaker model serves, by package or artifact. */
  function versionServedBy(
    model: DescribeModelOutput | undefined,
  ): string | undefined {
    const container = model?.PrimaryContainer ?? model?.Containers?.[0];
    if (!container) {
      return undefined;
    }
    if (container.ModelPackageName) {
      const byPackage = versionByPackageArn.get(container.ModelPackageName);
      if (byPackage) {
        return byPackage;
      }
    }
    return container.ModelDataUrl
      ? versionByArtifact.get(normalizeS3Uri(container.ModelDataUrl))
      : undefined;
  }

  function endpointEntity({
    endpoint,
    config,
    models,
    schedules,
    tags,
  }: EndpointRecord): ModelDeploymentEntityV1alpha1 {
    const name = endpoint.EndpointName!;
    const current = new Map(
      (endpoint.ProductionVariants ?? []).map(v => [v.VariantName, v]),
    );
    const configured = config?.ProductionVariants ?? [];
    const variants: ModelDeploymentVariant[] = configured.map(v => {
      const live = current.get(v.VariantName);
      return compact({
        name: v.VariantName!,
        modelName: v.ModelName,
        modelVersion: versionServedBy(
          models.find(m => m.ModelName === v.ModelName),
        ),
        weight: live?.CurrentWeight ?? v.InitialVariantWeight,
        instanceType: v.InstanceType,
        instanceCount: live?.CurrentInstanceCount ?? v.InitialInstanceCount,
      });
    });
    return {
      apiVersion: ML_API_VERSION,
      kind: 'ModelDeployment',
      metadata: sagemakerMetadata(
        name,
        endpoint.EndpointArn!,
        name,
        `/endpoints/${name}`,
      ),
      spec: compact({
        type: configured.some(v => v.ServerlessConfig)
          ? ('serverless-endpoint' as const)
          : ('realtime-endpoint' as const),
        owner: owner(tags),
        lifecycle: lifecycle(tags),
        status: endpoint.EndpointStatus,
        variants,
        monitoringSchedules: schedules.map(s => ({
          name: s.MonitoringScheduleName!,
          type: s.MonitoringType,
          status: s.MonitoringScheduleStatus,
        })),
      }),
    };
  }

  /**
   * Transform jobs grouped into recurring scorings: the runs of one model
   * (its registered model, else its SageMaker model) under one job name
   * without its run date or number, newest run first.
   */
  function recurringTransforms(
    records: TransformJobRecord[],
  ): TransformJobRecord[][] {
    const byScoring = new Map<string, TransformJobRecord[]>();
    for (const record of records) {
      const version = versionServedBy(record.model);
      const model =
        (version && modelByVersion.get(version)) ?? record.job.ModelName;
      const key = `${model}|${recurringJobName(record.job.TransformJobName!)}`;
      byScoring.set(key, [...(byScoring.get(key) ?? []), record]);
    }
    const started = (r: TransformJobRecord) =>
      new Date(r.job.CreationTime ?? 0).getTime();
    return [...byScoring.values()].map(runs =>
      runs.sort((a, b) => started(b) - started(a)),
    );
  }

  function batchTransformEntity(
    runs: TransformJobRecord[],
  ): ModelDeploymentEntityV1alpha1 {
    const [{ job, model, tags }] = runs;
    const name = recurringJobName(job.TransformJobName!);
    const modelVersion = versionServedBy(model);
    // The name comes from the scoring, not from a run, so that it stays.
    const scoringId = `arn:aws:sagemaker:${region}:${accountId}:transform-job/${name}|${job.ModelName}`;
    const entity: ModelDeploymentEntityV1alpha1 = {
      apiVersion: ML_API_VERSION,
      kind: 'ModelDeployment',
      metadata: metadata(
        awsEntityName(name, scoringId),
        job.TransformJobArn!,
        name,
        awsConsoleUrl(
          region,
          'sagemaker',
          `/transform-jobs/${job.TransformJobName}`,
        ),
        runs.length > 1
          ? `Recurring batch transform: ${runs.length} runs in the period read, latest ${job.TransformJobName}.`
          : undefined,
      ),
      spec: compact({
        type: 'batch-transform' as const,
        // A batch job's own owner tag, else whoever owns the model it runs.
        owner: resolveOwner(
          tags,
          [],
          options.ownerTagKey,
          (modelVersion && ownerByVersion.get(modelVersion)) ??
            options.defaultOwner,
        ),
        lifecycle: tagValue(tags, LIFECYCLE_TAG) ?? 'production',
        status: job.TransformJobStatus,
        variants: [
          {
            name: 'batch',
            modelName: job.ModelName,
            modelVersion,
            instanceType: job.TransformResources?.InstanceType,
            instanceCount: job.TransformResources?.InstanceCount,
          },
        ],
        runs: runs.map(run => ({
          name: run.job.TransformJobName!,
          status: run.job.TransformJobStatus,
          startedAt: isoTime(
            run.job.TransformStartTime ?? run.job.CreationTime,
          ),
          endedAt: isoTime(run.job.TransformEndTime),
          failureReason: run.job.FailureReason,
        })),
      }),
    };
    return entity;
  }
}
