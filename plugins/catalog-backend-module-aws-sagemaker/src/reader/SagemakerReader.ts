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
import {
  AwsDescribeCache,
  collectPages,
  isAwsNotFoundError,
} from '@ml-foundation/plugin-mlops-node';
import pLimit from 'p-limit';
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
  accountId: string;
  region: string;
  /** AWS calls in flight at once. */
  maxConcurrency: number;
  cache: AwsDescribeCache;
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

/**
 * Reads the ML estate of one account and region from SageMaker (and the Glue
 * table locations that training inputs are matched against). A read either
 * returns everything or throws: callers never see a partial estate.
 * Unchanged resources come from the describe cache, so a sync in which
 * nothing changed makes list calls only.
 */
export class SagemakerReader {
  private readonly limit: pLimit.Limit;
  /** ARNs whose describe results this read used, to prune the rest. */
  private readonly described = new Set<string>();

  constructor(private readonly options: SagemakerReaderOptions) {
    this.limit = pLimit(options.maxConcurrency);
  }

  async read(): Promise<SagemakerSnapshot> {
    const [groups, featureGroups, endpoints, transformJobs, glueTables] =
      await Promise.all([
        this.readModelGroups(),
        this.readFeatureGroups(),
        this.readEndpoints(),
        this.readTransformJobs(),
        this.readGlueTableLocations(),
      ]);
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
      glueTables,
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

  private async tags(arn: string): Promise<Tag[]> {
    const output = await unlessNotFound(() =>
      this.sagemaker.send(new ListTagsCommand({ ResourceArn: arn })),
    );
    return output?.Tags ?? [];
  }

  private async cached<T>(
    arn: string,
    versionKey: string,
    describe: () => Promise<T>,
  ): Promise<T> {
    this.described.add(arn);
    const hit = await this.options.cache.get<T>(arn, versionKey);
    if (hit !== undefined) {
      return hit;
    }
    const value = await describe();
    await this.options.cache.put(arn, versionKey, value);
    return value;
  }

  private async readModelGroups(): Promise<ModelGroupRecord[]> {
    const groups = await this.list(
      'SageMaker.ListModelPackageGroups',
      paginateListModelPackageGroups({ client: this.sagemaker }, {}),
      page => page.ModelPackageGroupSummaryList,
    );
    return Promise.all(
      groups.map(group =>
        this.limit(async () => {
          const tags = await this.tags(group.ModelPackageGroupArn!);
          // Versioned packages are listed only when the group is named.
          const summaries = await this.list(
            'SageMaker.ListModelPackages',
            paginateListModelPackages(
              { client: this.sagemaker },
              { ModelPackageGroupName: group.ModelPackageGroupName },
            ),
            page => page.ModelPackageSummaryList,
          );
          const versions: ModelVersionRecord[] = [];
          for (const summary of summaries) {
            versions.push(await this.readVersion(summary));
          }
          return { group, tags, versions };
        }),
      ),
    );
  }

  private readVersion(
    summary: ModelPackageSummary,
  ): Promise<ModelVersionRecord> {
    // A package changes through its approval status (UpdateModelPackage);
    // the rest of it is immutable once registered.
    const versionKey = [
      summary.ModelApprovalStatus,
      summary.ModelPackageStatus,
    ].join('|');
    return this.cached(summary.ModelPackageArn!, versionKey, async () => {
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
      const trainingJob = jobName
        ? await unlessNotFound(async () =>
            withoutMetadata(
              await this.sagemaker.send(
                new DescribeTrainingJobCommand({ TrainingJobName: jobName }),
              ),
            ),
          )
        : undefined;
      const reportUri =
        modelPackage.ModelMetrics?.ModelQuality?.Statistics?.S3Uri;
      const reportMetrics = reportUri
        ? parseModelQualityReport(await this.readJson(reportUri))
        : [];
      return { modelPackage, trainingJob, reportMetrics };
    });
  }

  private async readJson(s3Uri: string): Promise<unknown> {
    const match = /^s3[an]?:\/\/([^/]+)\/(.+)$/.exec(s3Uri);
    if (!match) {
      return undefined;
    }
    const object = await unlessNotFound(() =>
      this.options.s3.send(
        new GetObjectCommand({ Bucket: match[1], Key: match[2] }),
      ),
    );
    const text = await object?.Body?.transformToString();
    try {
      return text ? JSON.parse(text) : undefined;
    } catch {
      return undefined;
    }
  }

  private async readFeatureGroups(): Promise<FeatureGroupRecord[]> {
    const summaries = await this.list(
      'SageMaker.ListFeatureGroups',
      paginateListFeatureGroups({ client: this.sagemaker }, {}),
      page => page.FeatureGroupSummaries,
    );
    return Promise.all(
      summaries.map(summary =>
        this.limit(async () => {
          const versionKey = [
            summary.FeatureGroupStatus,
            summary.OfflineStoreStatus?.Status,
          ].join('|');
          const featureGroup = await this.cached(
            summary.FeatureGroupArn!,
            versionKey,
            () => this.describeFeatureGroup(summary.FeatureGroupName!),
          );
          return {
            featureGroup,
            tags: await this.tags(summary.FeatureGroupArn!),
          };
        }),
      ),
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
      summaries.map(summary =>
        this.limit(async () => {
          const described = await this.cached(
            summary.EndpointArn!,
            new Date(summary.LastModifiedTime!).toISOString(),
            () => this.describeEndpoint(summary),
          );
          return {
            ...described,
            schedules: schedulesOf(summary.EndpointName!),
            tags: await this.tags(summary.EndpointArn!),
          };
        }),
      ),
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
      summaries.map((summary: TransformJobSummary) =>
        this.limit(() =>
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
        ),
      ),
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
        this.limit(() =>
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
                      },
                    ]
                  : [],
              ),
          ),
        ),
      ),
    );
    return perDatabase.flat();
  }
}
