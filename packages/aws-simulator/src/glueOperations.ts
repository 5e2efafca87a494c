import { AwsError } from './AwsError';
import { GlueEstate } from './Estate';
import { Operation, OperationContext } from './Operation';
import { OperationInput } from './OperationInput';
import { paginate } from './paginate';
import { GlueScriptError } from './GlueScriptError';
import { parseGlueScript } from './parseGlueScript';
import { toWire } from './toWire';

type AnyRecord = Record<string, unknown>;

/** The Glue operations of the simulator, by name (`X-Amz-Target: AWSGlue.<name>`). */
export const glueOperations: Record<string, Operation> = {
  GetDatabases: {
    members: ['CatalogId', 'NextToken', 'MaxResults'],
    handle(input, context) {
      const glue = catalog(input, context);
      const page = paginate(byName(glue.databases), {
        scope: context.operation,
        nextToken: input.raw.NextToken,
        maxResults: input.raw.MaxResults,
        pageSize: context.pageSize,
        maxResultsLimit: 100,
      });
      return {
        DatabaseList: page.items.map(db => inCatalog(db, context)),
        NextToken: page.nextToken,
      };
    },
  },

  GetDatabase: {
    members: ['CatalogId', 'Name'],
    handle(input, context) {
      const glue = catalog(input, context);
      return {
        Database: inCatalog(
          findDatabase(glue, input.requiredString('Name')),
          context,
        ),
      };
    },
  },

  GetTables: {
    members: ['CatalogId', 'DatabaseName', 'NextToken', 'MaxResults'],
    handle(input, context) {
      const glue = catalog(input, context);
      const database = findDatabase(glue, input.requiredString('DatabaseName'));
      const page = paginate(
        byName(
          glue.tables.filter(t => sameName(t.DatabaseName, database.Name)),
        ),
        {
          scope: `${context.operation}:${database.Name}`,
          nextToken: input.raw.NextToken,
          maxResults: input.raw.MaxResults,
          pageSize: context.pageSize,
          maxResultsLimit: 100,
        },
      );
      return {
        TableList: page.items.map(table => inCatalog(table, context)),
        NextToken: page.nextToken,
      };
    },
  },

  GetTable: {
    members: ['CatalogId', 'DatabaseName', 'Name'],
    handle(input, context) {
      const glue = catalog(input, context);
      const database = findDatabase(glue, input.requiredString('DatabaseName'));
      const name = input.requiredString('Name');
      const table = glue.tables.find(
        t => sameName(t.DatabaseName, database.Name) && sameName(t.Name, name),
      );
      if (!table) {
        throw new AwsError(
          'EntityNotFoundException',
          `Table ${name} not found.`,
        );
      }
      return { Table: inCatalog(table, context) };
    },
  },

  GetJobs: {
    members: ['NextToken', 'MaxResults'],
    handle(input, context) {
      const page = paginate(byName(context.regionEstate.glue.jobs), {
        scope: context.operation,
        nextToken: input.raw.NextToken,
        maxResults: input.raw.MaxResults,
        pageSize: context.pageSize,
        maxResultsLimit: 1000,
      });
      return {
        Jobs: page.items.map(job => toWire(job)),
        NextToken: page.nextToken,
      };
    },
  },

  GetJob: {
    members: ['JobName'],
    handle(input, { regionEstate }) {
      const name = input.requiredString('JobName');
      const job = regionEstate.glue.jobs.find(j => j.Name === name);
      if (!job) {
        throw new AwsError(
          'EntityNotFoundException',
          `Job with name: ${name} not found`,
        );
      }
      return { Job: toWire(job) };
    },
  },

  GetTags: {
    members: ['ResourceArn'],
    handle(input, context) {
      const arn = input.requiredString('ResourceArn');
      const notFound = new AwsError(
        'EntityNotFoundException',
        `Resource ${arn} not found.`,
      );
      const match = /^arn:aws:glue:([^:]+):(\d{12}):([a-z]+)\/(.+)$/.exec(arn);
      if (
        !match ||
        match[1] !== context.region ||
        match[2] !== context.accountId
      ) {
        throw notFound;
      }
      const [, , , type, name] = match;
      const glue = context.regionEstate.glue;
      let resource: AnyRecord | undefined;
      if (type === 'database') {
        resource = glue.databases.find(db => sameName(db.Name, name));
      } else if (type === 'job') {
        resource = glue.jobs.find(job => job.Name === name);
      } else if (type === 'table') {
        // Glue has no tags on tables: their owner has to come from elsewhere.
        throw new AwsError(
          'InvalidInputException',
          `Tagging is not supported for resource type table: ${arn}`,
        );
      }
      if (!resource) {
        throw notFound;
      }
      const tags = (resource.Tags as { Key: string; Value: string }[]) ?? [];
      return { Tags: Object.fromEntries(tags.map(t => [t.Key, t.Value])) };
    },
  },

  GetDataflowGraph: {
    members: ['PythonScript'],
    handle(input) {
      try {
        return parseGlueScript(input.string('PythonScript') ?? '');
      } catch (error) {
        if (error instanceof GlueScriptError) {
          throw new AwsError('InvalidInputException', error.message);
        }
        throw error;
      }
    },
  },
};

/** The region's catalog, which is the account's own: other catalogs are not found. */
export function catalog(
  input: OperationInput,
  context: OperationContext,
): GlueEstate {
  const catalogId = input.string('CatalogId');
  if (catalogId !== undefined && catalogId !== context.accountId) {
    throw new AwsError(
      'EntityNotFoundException',
      `Catalog ${catalogId} not found.`,
    );
  }
  return context.regionEstate.glue;
}

export function findDatabase(glue: GlueEstate, name: string) {
  const database = glue.databases.find(db => sameName(db.Name, name));
  if (!database) {
    throw new AwsError(
      'EntityNotFoundException',
      `Database ${name} not found.`,
    );
  }
  return database;
}

/** Glue keeps catalog names in lower case and matches them in any case. */
export function sameName(a: unknown, b: unknown): boolean {
  return String(a).toLowerCase() === String(b).toLowerCase();
}

function byName<T extends { Name: string }>(records: T[]): T[] {
  return [...records].sort((a, b) =>
    a.Name < b.Name ? -1 : Number(a.Name > b.Name),
  );
}

function inCatalog(record: AnyRecord, context: OperationContext): AnyRecord {
  return { CatalogId: context.accountId, ...toWire(record) };
}
