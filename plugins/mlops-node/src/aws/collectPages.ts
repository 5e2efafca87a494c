import { ServiceUnavailableError } from '@backstage/errors';

/**
 * Reads every page of an AWS SDK paginator (`paginateGetTables(...)` and the
 * like) into one list.
 *
 * The SDK's paginators follow `NextToken` for as long as the service returns
 * one; a service that hands back a token it already gave would make them loop
 * forever, and their `stopOnSameToken` option would end the read silently,
 * incomplete. This fails instead, so a sync never applies a partial read.
 *
 * @param operation - named in the error, e.g. `AWSGlue.GetTables`
 * @throws ServiceUnavailableError when a token repeats
 */
export async function collectPages<Page, Item>(
  pages: AsyncIterable<Page>,
  options: {
    operation: string;
    items: (page: Page) => Item[] | undefined;
    nextToken: (page: Page) => string | undefined;
  },
): Promise<Item[]> {
  const seen = new Set<string>();
  const result: Item[] = [];
  for await (const page of pages) {
    result.push(...(options.items(page) ?? []));
    const token = options.nextToken(page);
    if (token !== undefined) {
      if (seen.has(token)) {
        throw new ServiceUnavailableError(
          `${options.operation} returned a page token it had already returned; stopped reading to avoid an endless loop`,
        );
      }
      seen.add(token);
    }
  }
  return result;
}
