import { AwsError } from './AwsError';

/** One page of a list and the token of the next one, absent on the last page. */
export interface Page<T> {
  items: T[];
  nextToken?: string;
}

/** How a list operation pages. */
export interface PaginateOptions {
  /** Names the list the token belongs to, so a token of another list is refused. */
  scope: string;
  nextToken?: unknown;
  maxResults?: unknown;
  /** The simulator's page size: the default, and a cap AWS is also free to apply. */
  pageSize: number;
  /** The largest `MaxResults` the operation accepts. */
  maxResultsLimit: number;
}

/**
 * Cuts one page out of `items`. Tokens are opaque to clients and carry the
 * offset of the next page, which only grows, so no token is ever repeated.
 */
export function paginate<T>(items: T[], options: PaginateOptions): Page<T> {
  const limit = Math.min(
    readMaxResults(options.maxResults, options.maxResultsLimit) ??
      options.pageSize,
    options.pageSize,
  );
  const offset = readToken(options.nextToken, options.scope);
  const end = offset + limit;
  return {
    items: items.slice(offset, end),
    nextToken:
      end < items.length
        ? Buffer.from(JSON.stringify({ s: options.scope, o: end })).toString(
            'base64url',
          )
        : undefined,
  };
}

function readMaxResults(value: unknown, limit: number): number | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new AwsError(
      'ValidationException',
      `1 validation error detected: Value '${value}' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1`,
    );
  }
  if (value > limit) {
    throw new AwsError(
      'ValidationException',
      `1 validation error detected: Value '${value}' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to ${limit}`,
    );
  }
  return value;
}

function readToken(token: unknown, scope: string): number {
  if (token === undefined || token === null || token === '') {
    return 0;
  }
  try {
    const parsed = JSON.parse(
      Buffer.from(String(token), 'base64url').toString('utf8'),
    );
    if (
      parsed.s === scope &&
      Number.isInteger(parsed.o) &&
      parsed.o > 0 &&
      typeof token === 'string'
    ) {
      return parsed.o;
    }
  } catch {
    // Falls through to the error AWS gives for a token it did not issue.
  }
  throw new AwsError('ValidationException', 'Invalid pagination token.');
}
