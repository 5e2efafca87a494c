import {
  DescribeEndpointCommand,
  DescribeEndpointConfigCommand,
  DescribeFeatureGroupCommand,
  DescribeFeatureGroupResponse,
  DescribeModelCommand,
  DescribeModelOutput,
  DescribeModelPackageCommand,
  DescribeTrainingJobCommand,
  DescribeTransformJobCommand,
  EndpointSummary,
  ListTagsCommand,
  ModelPackageSummary,
  MonitoringScheduleSummary,
  paginateListEndpoints,
  paginateListFeatureGroups,
  paginateListModelPackageGroups,
  paginateListModelPackages,
  paginateListMonitoringSchedules,
  paginateListTransformJobs,
  SageMakerClient,
  Tag,
  TransformJobSummary,
} from '@aws-sdk/client-sagemaker';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import {
  GlueClient,
  paginateGetDatabases,
  paginateGetTables,
} from '@aws-sdk/client-glue';
import { ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import type { SyncWarning } from '@ml-foundation/plugin-mlops-common';
import {
  AwsDescribeCache,
  AwsTagIndex,
  collectPages,
  isAwsNotFoundError,
  optionalRead,
} from '@ml-foundation/plugin-mlops-node';
import { parseModelQualityReport } from '../mapping/parseModelMetrics';
import { trainingJobNameFromArtifact } from '../mapping/trainingJobNameFromArtifact';
import type {
  EndpointRecord,
  FeatureGroupRecord,
  GlueTableLocation,
  ModelGroupRecord,
  ModelVersionRecord,
  SagemakerSnapshot,
  TransformJobRecord,
} from './SagemakerSnapshot';

export interface SagemakerReaderOptions {
  sagemaker: SageMakerClient;
  s3: S3Client;
  glue: GlueClient;
  /** Reads the tags of all resources in bulk, when allowed. */
  tagging: ResourceGroupsTaggingAPIClient;
  accountId: string;
  region: string;
  cache: AwsDescribeCache;
  /** The sync's signal: an aborted sync stops at the next optional read too. */
  signal?: AbortSignal;
  /** Batch transform jobs created within this many days become deployments. */
  transformJobDays?: number;
  now?: () => Date;
}

/** An SDK output as it is kept in the cache: without the HTTP details. */
function withoutMetadata<T extends { $metadata?: unknown }>(
  output: T,
): Omit<T, '$metadata'> {
  const { $metadata, ...rest } = output;
  return rest;
}

/** The described value, or undefined when the resource does not exist. */
async function unlessNotFound<T>(
  call: () => Promise<T>,
): Promise<T | undefined> {
  try {
    return await call();
  } catch (error) {
    if (isAwsNotFoundError(error)) {
      return undefined;
    }
    throw error;
  }
}

/** The resource types whose tags the provider reads, for the Tagging API. */
const TAGGED_RESOURCE_TYPES = [
  'sagemaker:model-package-group',
  'sagemaker:model-package',
  'sagemaker:feature-group',
  'sagemaker:endpoint',
  'sagemaker:transform-job',
];

/** What describing a model package gave, as it is cached. */
type DescribedVersion = Omit<ModelVersionRecord, 'tags'>;

/**
 * Reads the ML estate of one account and region from SageMaker (and the Glue
 * table locations that training inputs are matched against). A list that
 * fails fails the read: callers never see a partial estate. An optional read
 * (a training job, a report) that fails is a warning on its record instead.
 * Unchanged resources come from the describe cache, so a sync in which
 * nothing changed makes list calls only (and reads tags in bulk).
 *
 * Calls run side by side, the versions of one group too; the clients' one
 * limiter per provider caps how many are in flight.
 */
export class SagemakerReader {
  /** ARNs whose describe results this read used, to prune the rest. */
  private readonly described = new Set<string>();
  private tagIndex?: Promise<AwsTagIndex>;

  constructor(private readonly options: SagemakerReaderOptions) {}

  async read(): Promise<SagemakerSnapshot> {
    this.tagIndex = AwsTagIndex.load({
      tagging: this.options.tagging,
      resourceTypes: TAGGED_RESOURCE_TYPES,
      perResource: arn => this.listTags(arn),
    });
    const glueTables = this.readGlueTableLocations();
    const [groups, featureGroups, endpoints, transformJobs] = await Promise.all(
      [
        this.readModelGroups(),
        this.readFeatureGroups(glueTables),
        this.readEndpoints(),
        this.readTransformJobs(),
      ],
    );
    // Only a complete read may prune: the cache then holds what exists now.
    await this.options.cache.prune(this.described);
    const { accountId, region } = this.options;
    return {
      accountId,
      region,
      groups,
      featureGroups,
      endpoints,
      transformJobs,
      glueTables: await glueTables,
    };
  }

  /** Every item of every page; a repeated page token fails the read. */
  private list<P extends { NextToken?: string }, T>(
    operation: string,
    pages: AsyncIterable<P>,
    items: (page: P) => T[] | undefined,
  ): Promise<T[]> {
    return collectPages(pages, {
      operation,
      items,
      nextToken: page => page.NextToken,
    });
  }

  private get sagemaker() {
    return this.options.sagemaker;
  }

  /** The fallback when the Tagging API is denied: one call per resource. */
  private async listTags(arn: string): Promise<Tag[]> {
    const output = await unlessNotFound(() =>
      this.sagemaker.send(new ListTagsCommand({ ResourceArn: arn })),
    );
    return output?.Tags ?? [];
  }

  private async tags(arn: string): Promise<Tag[]> {
    return (await this.tagIndex!).tagsOf(arn) as Promise<Tag[]>;
  }

  /**
   * The described value, from the cache while the resource's version key is
   * unchanged. A value with warnings is not cached, so the next sync tries
   * its optional reads again.
   */
  private async cached<T extends object>(
    arn: string,
    versionKey: string,
    describe: () => Promise<T>,
    options: {
      /** The entry, when already looked up with getMany. */
      hit?: T;
      /** Whether a cached value still holds, for changes the key cannot show. */
      isFresh?: (value: T) => boolean;
    } = {},
  ): Promise<T> {
    this.described.add(arn);
    const found =
      options.hit ?? (await this.options.cache.get<T>(arn, versionKey));
    if (found !== undefined && (options.isFresh?.(found) ?? true)) {
      return found;
    }
    const value = await describe();
    if (!(value as { warnings?: SyncWarning[] }).warnings?.length) {
      await this.options.cache.put(arn, versionKey, value);
    }
    return value;
  }

  private async readModelGroups(): Promise<ModelGroupRecord[]> {
    const groups = await this.list(
      'SageMaker.ListModelPackageGroups',
      paginateListModelPackageGroups({ client: this.sagemaker }, {}),
      page => page.ModelPackageGroupSummaryList,
    );
    return Promise.all(
      groups.map(async group => {
        // Versioned packages are listed only when the group is named.
        const [tags, summaries] = await Promise.all([
          this.tags(group.ModelPackageGroupArn!),
          this.list(
            'SageMaker.ListModelPackages',
            paginateListModelPackages(
              { client: this.sagemaker },
              { ModelPackageGroupName: group.ModelPackageGroupName },
            ),
            page => page.ModelPackageSummaryList,
          ),
        ]);
        return { group, tags, versions: await this.readVersions(summaries) };
      }),
    );
  }

  /** A group's versions, side by side: a group may have thousands. */
  private async readVersions(
    summaries: ModelPackageSummary[],
  ): Promise<ModelVersionRecord[]> {
    const keyed = summaries.map(summary => ({
      summary,
      arn: summary.ModelPackageArn!,
      versionKey: versionKeyOf(summary),
    }));
    const hits = await this.options.cache.getMany<DescribedVersion>(keyed);
    return Promise.all(
      keyed.map(async ({ summary, arn, versionKey }) => {
        const [described, tags] = await Promise.all([
          this.cached(arn, versionKey, () => this.describeVersion(summary), {
            hit: hits.get(arn),
          }),
          this.tags(arn),
        ]);
        return { ...described, tags };
      }),
    );
  }

  private async describeVersion(
    summary: ModelPackageSummary,
  ): Promise<DescribedVersion> {
    const { signal } = this.options;
    const warnings: SyncWarning[] = [];
    const modelPackage = withoutMetadata(
      await this.sagemaker.send(
        new DescribeModelPackageCommand({
          ModelPackageName: summary.ModelPackageArn,
        }),
      ),
    );
    const jobName = trainingJobNameFromArtifact(
      modelPackage.InferenceSpecification?.Containers?.[0]?.ModelDataUrl,
    );
    // A job that is gone (deleted, or trained elsewhere) is no failure.
    const trainingJob = jobName
      ? await optionalRead(
          warnings,
          `training job ${jobName}`,
          () =>
            unlessNotFound(async () =>
              withoutMetadata(
                await this.sagemaker.send(
                  new DescribeTrainingJobCommand({
                    TrainingJobName: jobName,
                  }),
                ),
              ),
            ),
          signal,
        )
      : undefined;
    const reportUri =
      modelPackage.ModelMetrics?.ModelQuality?.Statistics?.S3Uri;
    const report = reportUri
      ? await optionalRead(
          warnings,
          `model quality report ${reportUri}`,
          () => this.readJson(reportUri),
          signal,
        )
      : undefined;
    return compactRecord({
      modelPackage,
      trainingJob,
      reportMetrics: parseModelQualityReport(report),
      warnings: warnings.length ? warnings : undefined,
    });
  }

  /** A JSON object in S3; a missing or unreadable one throws, for the warning. */
  private async readJson(s3Uri: string): Promise<unknown> {
    const match = /^s3[an]?:\/\/([^/]+)\/(.+)$/.exec(s3Uri);
    if (!match) {
      throw new Error(`Not an S3 URI: ${s3Uri}`);
    }
    const object = await this.options.s3.send(
      new GetObjectCommand({ Bucket: match[1], Key: match[2] }),
    );
    const text = (await object.Body?.transformToString()) ?? '';
    try {
      return JSON.parse(text);
    } catch {
      throw new Error('The object is not JSON');
    }
  }

  private async readFeatureGroups(
    glueTables: Promise<GlueTableLocation[]>,
  ): Promise<FeatureGroupRecord[]> {
    const [summaries, tables] = await Promise.all([
      this.list(
        'SageMaker.ListFeatureGroups',
        paginateListFeatureGroups({ client: this.sagemaker }, {}),
        page => page.FeatureGroupSummaries,
      ),
      glueTables,
    ]);
    // ListFeatureGroups shows no update (LastModifiedTime, LastUpdateStatus).
    // SageMaker adds the columns of added features to the offline store's
    // Glue table, whose update time GetTables shows: a cached feature group
    // holds while that time is the one it was described at. Groups without
    // an offline store are read again at the cache's max age.
    const tableUpdateTimes = new Map(
      tables.map(t => [`${t.database}.${t.table}`, t.updateTime]),
    );
    const offlineTableUpdateTime = (
      featureGroup: FeatureGroupRecord['featureGroup'],
    ) => {
      const table = featureGroup.OfflineStoreConfig?.DataCatalogConfig;
      return table
        ? tableUpdateTimes.get(`${table.Database}.${table.TableName}`)
        : undefined;
    };
    return Promise.all(
      summaries.map(async summary => {
        const versionKey = [
          summary.FeatureGroupStatus,
          summary.OfflineStoreStatus?.Status,
        ].join('|');
        const [{ featureGroup }, tags] = await Promise.all([
          this.cached(
            summary.FeatureGroupArn!,
            versionKey,
            async () => {
              const described = await this.describeFeatureGroup(
                summary.FeatureGroupName!,
              );
              return {
                featureGroup: described,
                offlineTableUpdateTime: offlineTableUpdateTime(described),
              };
            },
            {
              isFresh: value =>
                value.offlineTableUpdateTime ===
                offlineTableUpdateTime(value.featureGroup),
            },
          ),
          this.tags(summary.FeatureGroupArn!),
        ]);
        return { featureGroup, tags };
      }),
    );
  }

  /** DescribeFeatureGroup pages its feature definitions with NextToken. */
  private async describeFeatureGroup(
    name: string,
  ): Promise<FeatureGroupRecord['featureGroup']> {
    const sagemaker = this.sagemaker;
    let first: DescribeFeatureGroupResponse | undefined;
    async function* pages() {
      let token: string | undefined;
      do {
        const page = withoutMetadata(
          await sagemaker.send(
            new DescribeFeatureGroupCommand({
              FeatureGroupName: name,
              NextToken: token,
            }),
          ),
        );
        first ??= page;
        yield page;
        token = page.NextToken;
      } while (token);
    }
    const FeatureDefinitions = await this.list(
      'SageMaker.DescribeFeatureGroup',
      pages(),
      page => page.FeatureDefinitions,
    );
    const { NextToken, ...featureGroup } = first!;
    return { ...featureGroup, FeatureDefinitions };
  }

  private async readEndpoints(): Promise<EndpointRecord[]> {
    const [summaries, schedules] = await Promise.all([
      this.list(
        'SageMaker.ListEndpoints',
        paginateListEndpoints({ client: this.sagemaker }, {}),
        page => page.Endpoints,
      ),
      this.list(
        'SageMaker.ListMonitoringSchedules',
        paginateListMonitoringSchedules({ client: this.sagemaker }, {}),
        page => page.MonitoringScheduleSummaries,
      ),
    ]);
    const schedulesOf = (endpoint: string): MonitoringScheduleSummary[] =>
      schedules.filter(s => s.EndpointName === endpoint);
    return Promise.all(
      summaries.map(async summary => {
        const [described, tags] = await Promise.all([
          this.cached(
            summary.EndpointArn!,
            new Date(summary.LastModifiedTime!).toISOString(),
            () => this.describeEndpoint(summary),
          ),
          this.tags(summary.EndpointArn!),
        ]);
        return {
          ...described,
          schedules: schedulesOf(summary.EndpointName!),
          tags,
        };
      }),
    );
  }

  private async describeEndpoint(
    summary: EndpointSummary,
  ): Promise<Omit<EndpointRecord, 'schedules' | 'tags'>> {
    const endpoint = withoutMetadata(
      await this.sagemaker.send(
        new DescribeEndpointCommand({ EndpointName: summary.EndpointName }),
      ),
    );
    const config = await unlessNotFound(async () =>
      withoutMetadata(
        await this.sagemaker.send(
          new DescribeEndpointConfigCommand({
            EndpointConfigName: endpoint.EndpointConfigName,
          }),
        ),
      ),
    );
    const modelNames = [
      ...new Set((config?.ProductionVariants ?? []).map(v => v.ModelName!)),
    ];
    const models: DescribeModelOutput[] = [];
    for (const modelName of modelNames) {
      const model = await this.describeModel(modelName);
      if (model) {
        models.push(model);
      }
    }
    return { endpoint, config, models };
  }

  private async describeModel(
    modelName: string | undefined,
  ): Promise<DescribeModelOutput | undefined> {
    if (!modelName) {
      return undefined;
    }
    return unlessNotFound(async () =>
      withoutMetadata(
        await this.sagemaker.send(
          new DescribeModelCommand({ ModelName: modelName }),
        ),
      ),
    );
  }

  private async readTransformJobs(): Promise<TransformJobRecord[]> {
    const now = this.options.now?.() ?? new Date();
    const days = this.options.transformJobDays ?? 30;
    const since = new Date(now.getTime() - days * 24 * 3600 * 1000);
    const summaries = await this.list(
      'SageMaker.ListTransformJobs',
      paginateListTransformJobs(
        { client: this.sagemaker },
        { CreationTimeAfter: since },
      ),
      page => page.TransformJobSummaries,
    );
    return Promise.all(
      summaries.map(async (summary: TransformJobSummary) => {
        const [described, tags] = await Promise.all([
          this.cached(
            summary.TransformJobArn!,
            [
              summary.TransformJobStatus,
              new Date(summary.LastModifiedTime ?? 0).toISOString(),
            ].join('|'),
            async () => {
              const job = withoutMetadata(
                await this.sagemaker.send(
                  new DescribeTransformJobCommand({
                    TransformJobName: summary.TransformJobName,
                  }),
                ),
              );
              return { job, model: await this.describeModel(job.ModelName) };
            },
          ),
          this.tags(summary.TransformJobArn!),
        ]);
        return { ...described, tags };
      }),
    );
  }

  private async readGlueTableLocations(): Promise<GlueTableLocation[]> {
    const glue = { client: this.options.glue };
    const databases = await this.list(
      'AWSGlue.GetDatabases',
      paginateGetDatabases(glue, {}),
      page => page.DatabaseList,
    );
    const perDatabase = await Promise.all(
      databases.map(database =>
        this.list(
          'AWSGlue.GetTables',
          paginateGetTables(glue, { DatabaseName: database.Name }),
          page =>
            page.TableList?.flatMap(table =>
              table.StorageDescriptor?.Location
                ? [
                    {
                      database: database.Name!,
                      table: table.Name!,
                      location: table.StorageDescriptor.Location,
                      updateTime: table.UpdateTime?.toISOString(),
                    },
                  ]
                : [],
            ),
        ),
      ),
    );
    return perDatabase.flat();
  }
}

/**
 * What changes when a model package does, as ListModelPackages shows it: its
 * approval (UpdateModelPackage), its stage and stage status, its description.
 * Changes it does not show (customer metadata) are read at the cache's max age.
 */
function versionKeyOf(summary: ModelPackageSummary): string {
  const lifeCycle = summary.ModelLifeCycle;
  return JSON.stringify([
    summary.ModelApprovalStatus,
    summary.ModelPackageStatus,
    lifeCycle?.Stage,
    lifeCycle?.StageStatus,
    lifeCycle?.StageDescription,
    summary.ModelPackageDescription,
  ]);
}

/** Drops undefined members, which the cache's JSON would drop anyway. */
function compactRecord<T extends object>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined),
  ) as T;
}
