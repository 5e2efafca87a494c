import { SageMakerEstate } from './Estate';
import { Operation } from './Operation';
import { OperationInput } from './OperationInput';
import { paginate } from './paginate';
import { toWire } from './toWire';

type AnyRecord = Record<string, unknown>;

/** How one SageMaker ListX operation selects, filters, sorts and summarises. */
export interface ListOperationSpec {
  records(sagemaker: SageMakerEstate, input: OperationInput): AnyRecord[];
  /** Input members `records` reads itself. */
  selectionMembers?: string[];
  /** The output member holding the page. */
  resultKey: string;
  /** The member `NameContains` searches and `SortBy: Name` sorts by. */
  nameMember: string;
  /** The member that makes the order total where sort keys are equal. */
  arnMember: string;
  /** Input members that keep records whose value equals theirs. */
  equals?: Record<string, (record: AnyRecord) => unknown>;
  /** Whether the operation has `LastModifiedTimeAfter`/`Before`. */
  lastModifiedFilters?: boolean;
  /** `SortBy` values and the members they sort by (besides `Name`). */
  sortBy: Record<string, string>;
  /** AWS documents a default sort order per operation. */
  defaultSortOrder: 'Ascending' | 'Descending';
  summary(record: AnyRecord): AnyRecord;
}

/**
 * Builds a SageMaker list operation. They all share `NameContains`,
 * creation-time filters, `SortBy`/`SortOrder` (by `CreationTime` unless
 * told) and `NextToken`/`MaxResults` paging of up to 100 results.
 */
export function listOperation(spec: ListOperationSpec): Operation {
  const sortMembers: Record<string, string> = {
    Name: spec.nameMember,
    ...spec.sortBy,
  };
  const timeFilters = spec.lastModifiedFilters
    ? ['CreationTime', 'LastModifiedTime']
    : ['CreationTime'];
  return {
    members: [
      'NextToken',
      'MaxResults',
      'NameContains',
      'SortBy',
      'SortOrder',
      ...timeFilters.flatMap(t => [`${t}After`, `${t}Before`]),
      ...Object.keys(spec.equals ?? {}),
      ...(spec.selectionMembers ?? []),
    ],
    handle(input, context) {
      const sortMember =
        sortMembers[
          input.oneOf('SortBy', Object.keys(sortMembers)) ?? 'CreationTime'
        ];
      const descending =
        (input.oneOf('SortOrder', ['Ascending', 'Descending'] as const) ??
          spec.defaultSortOrder) === 'Descending';
      const nameContains = input.string('NameContains')?.toLowerCase();
      const timeBounds = timeFilters.map(member => ({
        member,
        after: input.time(`${member}After`),
        before: input.time(`${member}Before`),
      }));
      const equals = Object.entries(spec.equals ?? {}).flatMap(
        ([member, valueOf]) => {
          const wanted = input.string(member);
          return wanted === undefined ? [] : [{ wanted, valueOf }];
        },
      );

      const selected = spec
        .records(context.regionEstate.sagemaker, input)
        .filter(record => {
          if (
            nameContains !== undefined &&
            !String(record[spec.nameMember])
              .toLowerCase()
              .includes(nameContains)
          ) {
            return false;
          }
          for (const { member, after, before } of timeBounds) {
            const time = timeOf(record, member);
            if (
              (after !== undefined && !(time > after)) ||
              (before !== undefined && !(time < before))
            ) {
              return false;
            }
          }
          return equals.every(
            ({ wanted, valueOf }) => valueOf(record) === wanted,
          );
        });

      const keyed = selected.map(record => ({
        record,
        key: sortMember.endsWith('Time')
          ? timeOf(record, sortMember)
          : String(record[sortMember] ?? ''),
        tie: String(record[spec.arnMember]),
      }));
      keyed.sort((a, b) => {
        const order = compare(a.key, b.key) || compare(a.tie, b.tie);
        return descending ? -order : order;
      });

      const page = paginate(
        keyed.map(k => k.record),
        {
          scope: context.operation,
          nextToken: input.raw.NextToken,
          maxResults: input.raw.MaxResults,
          pageSize: context.pageSize,
          maxResultsLimit: 100,
        },
      );
      return {
        [spec.resultKey]: page.items.map(record =>
          toWire(spec.summary(record)),
        ),
        NextToken: page.nextToken,
      };
    },
  };
}

/** A record's time in epoch milliseconds; never-modified records count as modified when created. */
function timeOf(record: AnyRecord, member: string): number {
  return Date.parse(String(record[member] ?? record.CreationTime));
}

function compare(a: string | number, b: string | number): number {
  if (a < b) {
    return -1;
  }
  return a > b ? 1 : 0;
}
