import { AwsError } from './AwsError';
import { catalog, findDatabase, sameName } from './glueOperations';
import { Operation } from './Operation';
import { paginate } from './paginate';
import { toWire } from './toWire';

type AnyRecord = Record<string, unknown>;

const FILTER_MEMBERS = [
  'DataSource',
  'JobName',
  'JobRunId',
  'StartedAfter',
  'StartedBefore',
];

/**
 * Glue's column statistics and Data Quality results
 * (`X-Amz-Target: AWSGlue.<name>`), read from the estate's
 * `columnStatistics` and `dataQualityResults`.
 */
export const glueDataProfileOperations: Record<string, Operation> = {
  GetColumnStatisticsForTable: {
    members: ['CatalogId', 'DatabaseName', 'TableName', 'ColumnNames'],
    handle(input, context) {
      const glue = catalog(input, context);
      const database = findDatabase(glue, input.requiredString('DatabaseName'));
      const tableName = input.requiredString('TableName');
      const table = glue.tables.find(
        t =>
          sameName(t.DatabaseName, database.Name) &&
          sameName(t.Name, tableName),
      );
      if (!table) {
        throw new AwsError(
          'EntityNotFoundException',
          `Table ${tableName} not found.`,
        );
      }
      const names = input.stringList('ColumnNames');
      if (!names) {
        throw new AwsError(
          'ValidationException',
          "1 validation error detected: Value null at 'columnNames' failed to satisfy constraint: Member must not be null",
        );
      }
      if (names.length > 100) {
        throw new AwsError(
          'ValidationException',
          `1 validation error detected: Value at 'columnNames' failed to satisfy constraint: Member must have length less than or equal to 100`,
        );
      }
      const storage = table.StorageDescriptor as
        | { Columns?: { Name: string }[] }
        | undefined;
      const known = [
        ...(storage?.Columns ?? []),
        ...((table.PartitionKeys as { Name: string }[] | undefined) ?? []),
      ];
      const statistics = (glue.columnStatistics ?? []).filter(
        s =>
          sameName(s.DatabaseName, database.Name) &&
          sameName(s.TableName, table.Name),
      );
      const list: AnyRecord[] = [];
      const errors: AnyRecord[] = [];
      for (const name of names) {
        if (!known.some(c => sameName(c.Name, name))) {
          errors.push({
            ColumnName: name,
            Error: {
              ErrorCode: 'EntityNotFoundException',
              ErrorMessage: `Column ${name} not found in table ${database.Name}.${table.Name}`,
            },
          });
          continue;
        }
        // A column never analysed has no statistics and no error.
        const found = statistics.find(s => sameName(s.ColumnName, name));
        if (found) {
          const { DatabaseName: _d, TableName: _t, ...stats } = found;
          list.push(withDateValues(toWire(stats)));
        }
      }
      return { ColumnStatisticsList: list, Errors: errors };
    },
  },

  ListDataQualityResults: {
    members: ['Filter', 'NextToken', 'MaxResults'],
    handle(input, context) {
      const filter = (input.raw.Filter ?? {}) as AnyRecord;
      const unknown = Object.keys(filter).filter(
        k => !FILTER_MEMBERS.includes(k),
      );
      if (unknown.length > 0) {
        throw new AwsError(
          'ValidationException',
          `The simulator does not implement Filter.${unknown.join(
            ', Filter.',
          )}`,
        );
      }
      const table = (filter.DataSource as AnyRecord | undefined)?.GlueTable as
        | AnyRecord
        | undefined;
      const after = epochMillis(filter.StartedAfter);
      const before = epochMillis(filter.StartedBefore);
      const results = (context.regionEstate.glue.dataQualityResults ?? [])
        .filter(result => {
          const source = glueTableOf(result);
          const started = Date.parse(result.StartedOn);
          return (
            (!table ||
              (sameName(source?.DatabaseName, table.DatabaseName) &&
                sameName(source?.TableName, table.TableName) &&
                (table.CatalogId === undefined ||
                  table.CatalogId === context.accountId))) &&
            (filter.JobName === undefined ||
              result.JobName === filter.JobName) &&
            (filter.JobRunId === undefined ||
              result.JobRunId === filter.JobRunId) &&
            (after === undefined || started > after) &&
            (before === undefined || started < before)
          );
        })
        // Newest first, as the Glue console lists them.
        .sort(
          (a, b) =>
            Date.parse(b.StartedOn) - Date.parse(a.StartedOn) ||
            a.ResultId.localeCompare(b.ResultId),
        );
      const page = paginate(results, {
        scope: `${context.operation}:${JSON.stringify(filter)}`,
        nextToken: input.raw.NextToken,
        maxResults: input.raw.MaxResults,
        pageSize: context.pageSize,
        maxResultsLimit: 200,
      });
      return {
        Results: page.items.map(result =>
          toWire({
            ResultId: result.ResultId,
            ...(result.EvaluationRunMode !== undefined && {
              EvaluationRunMode: result.EvaluationRunMode,
            }),
            DataSource: result.DataSource,
            ...(result.JobName !== undefined && { JobName: result.JobName }),
            ...(result.JobRunId !== undefined && { JobRunId: result.JobRunId }),
            StartedOn: result.StartedOn,
          }),
        ),
        NextToken: page.nextToken,
      };
    },
  },

  GetDataQualityResult: {
    members: ['ResultId'],
    handle(input, context) {
      const id = input.requiredString('ResultId');
      const result = (context.regionEstate.glue.dataQualityResults ?? []).find(
        r => r.ResultId === id,
      );
      if (!result) {
        throw new AwsError(
          'EntityNotFoundException',
          `Cannot find Data Quality Result in account ${context.accountId} with id ${id}`,
        );
      }
      return toWire(result);
    },
  },
};

function glueTableOf(result: AnyRecord): AnyRecord | undefined {
  return (result.DataSource as AnyRecord | undefined)?.GlueTable as
    | AnyRecord
    | undefined;
}

function epochMillis(value: unknown): number | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  if (typeof value !== 'number') {
    throw new AwsError(
      'ValidationException',
      `1 validation error detected: Value '${value}' at 'filter' failed to satisfy constraint: Member must be a timestamp`,
    );
  }
  return value * 1000;
}

// Date statistics' bounds are timestamps, unlike the other types' numbers.
function withDateValues(stats: AnyRecord): AnyRecord {
  const data = stats.StatisticsData as AnyRecord | undefined;
  const date = data?.DateColumnStatisticsData as AnyRecord | undefined;
  if (!date) {
    return stats;
  }
  const seconds = (v: unknown) =>
    typeof v === 'string' ? Date.parse(v) / 1000 : v;
  return {
    ...stats,
    StatisticsData: {
      ...data,
      DateColumnStatisticsData: {
        ...date,
        MinimumValue: seconds(date.MinimumValue),
        MaximumValue: seconds(date.MaximumValue),
      },
    },
  };
}
