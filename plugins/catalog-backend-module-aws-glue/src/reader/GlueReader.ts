import {
  Database,
  GetDataflowGraphCommand,
  GetTagsCommand,
  GlueClient,
  Job,
  paginateGetDatabases,
  paginateGetJobs,
  paginateGetTables,
} from '@aws-sdk/client-glue';
import {
  GetObjectCommand,
  HeadObjectCommand,
  paginateListObjectsV2,
  S3Client,
} from '@aws-sdk/client-s3';
import { ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import type { SyncWarning } from '@ml-foundation/plugin-mlops-common';
import {
  AwsDescribeCache,
  awsArn,
  AwsTagIndex,
  collectPages,
  isAwsNotFoundError,
  normalizeS3Uri,
  optionalRead,
} from '@ml-foundation/plugin-mlops-node';
import {
  GlueDatabaseRecord,
  GlueJobRecord,
  GlueSnapshot,
  JobDataflow,
} from './GlueSnapshot';

/** Which databases a provider reads. */
export interface DatabaseFilter {
  include: RegExp[];
  exclude: RegExp[];
}

export interface GlueReaderOptions {
  glue: GlueClient;
  s3: S3Client;
  /** Reads the tags of databases and jobs in bulk, when allowed. */
  tagging: ResourceGroupsTaggingAPIClient;
  accountId: string;
  region: string;
  databases: DatabaseFilter;
  /** Where job data flows are kept between syncs. */
  cache: AwsDescribeCache;
  /** The sync's signal: an aborted sync stops at the next optional read too. */
  signal?: AbortSignal;
}

const DATAFLOW_NODE_TYPES = new Set(['DataSource', 'DataSink']);

/**
 * Reads the Glue databases, tables and jobs of one account and region.
 *
 * Calls run side by side; the clients cap how many are in flight. A list
 * that fails for good fails the whole read, so that a provider never applies
 * half a catalog; a script that cannot be read is a warning on its job. A
 * job's data flow is read from its script once per version of the job and of
 * the script object (its ETag): a sync in which neither changed reads no
 * script.
 */
export class GlueReader {
  private tagIndex?: Promise<AwsTagIndex>;

  constructor(private readonly options: GlueReaderOptions) {}

  async read(): Promise<GlueSnapshot> {
    this.tagIndex = AwsTagIndex.load({
      tagging: this.options.tagging,
      resourceTypes: ['glue:database', 'glue:job'],
      perResource: async arn => {
        const { Tags } = await this.options.glue.send(
          new GetTagsCommand({ ResourceArn: arn }),
        );
        return Object.entries(Tags ?? {}).map(([Key, Value]) => ({
          Key,
          Value,
        }));
      },
    });
    const [databases, jobs] = await Promise.all([
      this.readDatabases(),
      this.readJobs(),
    ]);
    return {
      accountId: this.options.accountId,
      region: this.options.region,
      databases,
      jobs,
    };
  }

  private arn(resource: string): string {
    const { region, accountId } = this.options;
    return awsArn({ service: 'glue', region, accountId, resource });
  }

  private inScope(database: Database): boolean {
    const { include, exclude } = this.options.databases;
    // Resource links point at databases of other accounts, which the
    // providers of those accounts read.
    return (
      !database.TargetDatabase &&
      include.some(pattern => pattern.test(database.Name!)) &&
      !exclude.some(pattern => pattern.test(database.Name!))
    );
  }

  private async tags(arn: string): Promise<Record<string, string>> {
    const tags = await (await this.tagIndex!).tagsOf(arn);
    return Object.fromEntries(tags.map(tag => [tag.Key!, tag.Value ?? '']));
  }

  private async readDatabases(): Promise<GlueDatabaseRecord[]> {
    const { glue, accountId } = this.options;
    const databases = await collectPages(
      paginateGetDatabases({ client: glue }, {}),
      {
        operation: 'AWSGlue.GetDatabases',
        items: page => page.DatabaseList,
        nextToken: page => page.NextToken,
      },
    );
    return Promise.all(
      databases
        .filter(db => this.inScope(db))
        .map(async database => {
          const name = database.Name!;
          const [tags, tables] = await Promise.all([
            this.tags(this.arn(`database/${name}`)),
            collectPages(
              paginateGetTables({ client: glue }, { DatabaseName: name }),
              {
                operation: 'AWSGlue.GetTables',
                items: page => page.TableList,
                nextToken: page => page.NextToken,
              },
            ),
          ]);
          return {
            name,
            catalogId: database.CatalogId ?? accountId,
            tags,
            tables,
          };
        }),
    );
  }

  private async readJobs(): Promise<GlueJobRecord[]> {
    const { glue, cache } = this.options;
    const jobs = await collectPages(paginateGetJobs({ client: glue }, {}), {
      operation: 'AWSGlue.GetJobs',
      items: page => page.Jobs,
      nextToken: page => page.NextToken,
    });
    const eTags = await this.scriptETags(jobs);
    const keyed = await Promise.all(
      jobs.map(async job => ({
        job,
        arn: this.arn(`job/${job.Name}`),
        // The data flow comes from the script, which a job update can
        // replace and which can be overwritten in S3 without one.
        versionKey: JSON.stringify([
          job.LastModifiedOn?.toISOString(),
          job.Command?.ScriptLocation,
          await eTags(job),
        ]),
      })),
    );
    const cached = await cache.getMany<JobDataflow>(keyed);
    const records = await Promise.all(
      keyed.map(async ({ job, arn, versionKey }) => {
        const warnings: SyncWarning[] = [];
        const [tags, dataflow] = await Promise.all([
          this.tags(arn),
          cached.get(arn) ??
            this.readAndCacheDataflow(job, arn, versionKey, warnings),
        ]);
        return {
          job,
          arn,
          tags,
          dataflow,
          ...(warnings.length && { warnings }),
        };
      }),
    );
    await cache.prune(records.map(record => record.arn));
    return records;
  }

  /**
   * The ETags of the jobs' scripts: listed (ListObjectsV2, 1,000 objects a
   * call) for each folder the scripts are in, where the provider may list
   * the bucket; else one HeadObject per script.
   */
  private async scriptETags(
    jobs: Job[],
  ): Promise<(job: Job) => Promise<string | undefined>> {
    const folders = new Map<string, { Bucket: string; Prefix: string }>();
    for (const job of jobs) {
      const object = scriptObject(job.Command?.ScriptLocation);
      if (object) {
        const Prefix = object.Key.slice(0, object.Key.lastIndexOf('/') + 1);
        folders.set(`${object.Bucket}/${Prefix}`, {
          Bucket: object.Bucket,
          Prefix,
        });
      }
    }
    const listed = new Map<string, string | undefined>();
    const unlisted = new Set<string>();
    await Promise.all(
      [...folders.values()].map(async folder => {
        try {
          const objects = await collectPages(
            paginateListObjectsV2({ client: this.options.s3 }, folder),
            {
              operation: 'S3.ListObjectsV2',
              items: page => page.Contents,
              nextToken: page => page.NextContinuationToken,
            },
          );
          for (const { Key, ETag } of objects) {
            listed.set(`${folder.Bucket}/${Key}`, ETag);
          }
        } catch {
          this.options.signal?.throwIfAborted();
          unlisted.add(`${folder.Bucket}/${folder.Prefix}`);
        }
      }),
    );
    return async job => {
      const object = scriptObject(job.Command?.ScriptLocation);
      if (!object) {
        return undefined;
      }
      const folder = object.Key.slice(0, object.Key.lastIndexOf('/') + 1);
      return unlisted.has(`${object.Bucket}/${folder}`)
        ? this.headETag(object)
        : listed.get(`${object.Bucket}/${object.Key}`);
    };
  }

  /** One script's ETag; none when it cannot be read (reading it then says why). */
  private async headETag(object: {
    Bucket: string;
    Key: string;
  }): Promise<string | undefined> {
    try {
      const { ETag } = await this.options.s3.send(
        new HeadObjectCommand(object),
      );
      return ETag;
    } catch {
      this.options.signal?.throwIfAborted();
      return undefined;
    }
  }

  private async readAndCacheDataflow(
    job: Job,
    arn: string,
    versionKey: string,
    warnings: SyncWarning[],
  ): Promise<JobDataflow> {
    const { dataflow, cache } = await this.readDataflow(job, warnings);
    if (cache && !warnings.length) {
      await this.options.cache.put(arn, versionKey, dataflow);
    }
    return dataflow;
  }

  /**
   * The data flow of a job's script, and whether it may be cached: a script
   * that is not there yet may be uploaded without the job changing.
   */
  private async readDataflow(
    job: Job,
    warnings: SyncWarning[],
  ): Promise<{ dataflow: JobDataflow; cache: boolean }> {
    const location = job.Command?.ScriptLocation;
    if (!location) {
      return { dataflow: { note: 'The job has no script.' }, cache: true };
    }
    if (job.DefaultArguments?.['--job-language']?.toLowerCase() === 'scala') {
      return {
        dataflow: {
          note: 'Lineage is read from Python scripts only; this job is written in Scala.',
        },
        cache: true,
      };
    }
    const read = await optionalRead(
      warnings,
      `job script ${location}`,
      () => this.readScript(location),
      this.options.signal,
    );
    if (read === undefined) {
      return {
        dataflow: { note: `The job's script ${location} could not be read.` },
        cache: false,
      };
    }
    const script = read.script;
    if (script === undefined) {
      return {
        dataflow: { note: `The job's script ${location} was not found.` },
        cache: false,
      };
    }
    try {
      const { DagNodes } = await this.options.glue.send(
        new GetDataflowGraphCommand({ PythonScript: script }),
      );
      const nodes = (DagNodes ?? []).filter(node =>
        DATAFLOW_NODE_TYPES.has(node.NodeType ?? ''),
      );
      return { dataflow: { nodes }, cache: true };
    } catch (error) {
      if ((error as Error).name !== 'InvalidInputException') {
        throw error;
      }
      return {
        dataflow: {
          note: `Glue could not parse the job's script: ${
            (error as Error).message
          }`,
        },
        cache: true,
      };
    }
  }

  /** The script, or none when it is not there (yet); other failures throw. */
  private async readScript(
    location: string,
  ): Promise<{ script: string | undefined }> {
    const object = scriptObject(location);
    if (!object) {
      return { script: undefined };
    }
    try {
      const { Body } = await this.options.s3.send(new GetObjectCommand(object));
      return { script: await Body?.transformToString('utf8') };
    } catch (error) {
      if (isAwsNotFoundError(error)) {
        return { script: undefined };
      }
      throw error;
    }
  }
}

/** The bucket and key of an `s3://` script location. */
function scriptObject(
  location: string | undefined,
): { Bucket: string; Key: string } | undefined {
  const match =
    location && /^s3:\/\/([^/]+)\/(.+)$/.exec(normalizeS3Uri(location));
  return match ? { Bucket: match[1], Key: match[2] } : undefined;
}
