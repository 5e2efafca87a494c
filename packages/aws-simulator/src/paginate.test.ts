import { paginate } from './paginate';

describe('paginate', () => {
  const items = Array.from({ length: 5 }, (_, i) => i);
  const options = { scope: 'Test.List', pageSize: 2, maxResultsLimit: 100 };

  it('pages at the smaller of MaxResults and the page size', () => {
    const first = paginate(items, options);
    expect(first.items).toEqual([0, 1]);
    const second = paginate(items, { ...options, nextToken: first.nextToken });
    expect(second.items).toEqual([2, 3]);
    expect(second.nextToken).not.toBe(first.nextToken);
    const last = paginate(items, {
      ...options,
      nextToken: second.nextToken,
      maxResults: 1,
    });
    expect(last).toEqual({ items: [4], nextToken: undefined });
    expect(paginate(items, { ...options, maxResults: 1 }).items).toEqual([0]);
  });

  it('refuses tokens it did not issue and MaxResults out of range', () => {
    const { nextToken } = paginate(items, options);
    expect(() =>
      paginate(items, { ...options, scope: 'Other.List', nextToken }),
    ).toThrow('Invalid pagination token.');
    expect(() => paginate(items, { ...options, nextToken: 'garbage' })).toThrow(
      'Invalid pagination token.',
    );
    expect(() => paginate(items, { ...options, maxResults: 101 })).toThrow(
      /less than or equal to 100/,
    );
    expect(() => paginate(items, { ...options, maxResults: 0 })).toThrow(
      /greater than or equal to 1/,
    );
  });
});
