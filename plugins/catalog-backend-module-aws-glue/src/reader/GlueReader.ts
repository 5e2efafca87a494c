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
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import {
  AwsDescribeCache,
  awsArn,
  collectPages,
  isAwsNotFoundError,
  normalizeS3Uri,
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
  accountId: string;
  region: string;
  databases: DatabaseFilter;
  /** Where job data flows are kept between syncs. */
  cache: AwsDescribeCache;
}

const DATAFLOW_NODE_TYPES = new Set(['DataSource', 'DataSink']);

/**
 * Reads the Glue databases, tables and jobs of one account and region.
 *
 * Calls run side by side; the clients cap how many are in flight. Any call
 * that fails for good fails the whole read, so that a provider never applies
 * half a catalog. A job's data flow is read from its script once per version
 * of the job: a sync in which no job changed reads no script.
 */
export class GlueReader {
  constructor(private readonly options: GlueReaderOptions) {}

  async read(): Promise<GlueSnapshot> {
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
    const { Tags } = await this.options.glue.send(
      new GetTagsCommand({ ResourceArn: arn }),
    );
    return Tags ?? {};
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
    const keyed = jobs.map(job => ({
      job,
      arn: this.arn(`job/${job.Name}`),
      // The data flow comes from the script, which a job update can replace.
      versionKey: `${job.LastModifiedOn?.toISOString()} ${
        job.Command?.ScriptLocation
      }`,
    }));
    const cached = await cache.getMany<JobDataflow>(keyed);
    const records = await Promise.all(
      keyed.map(async ({ job, arn, versionKey }) => {
        const [tags, dataflow] = await Promise.all([
          this.tags(arn),
          cached.get(arn) ?? this.readAndCacheDataflow(job, arn, versionKey),
        ]);
        return { job, arn, tags, dataflow };
      }),
    );
    await cache.prune(records.map(record => record.arn));
    return records;
  }

  private async readAndCacheDataflow(
    job: Job,
    arn: string,
    versionKey: string,
  ): Promise<JobDataflow> {
    const { dataflow, cache } = await this.readDataflow(job);
    if (cache) {
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
    const script = await this.readScript(location);
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

  private async readScript(location: string): Promise<string | undefined> {
    const match = /^s3:\/\/([^/]+)\/(.+)$/.exec(normalizeS3Uri(location));
    if (!match) {
      return undefined;
    }
    try {
      const { Body } = await this.options.s3.send(
        new GetObjectCommand({ Bucket: match[1], Key: match[2] }),
      );
      return await Body?.transformToString('utf8');
    } catch (error) {
      if (isAwsNotFoundError(error)) {
        return undefined;
      }
      throw error;
    }
  }
}
