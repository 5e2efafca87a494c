import { collectPages } from './collectPages';

type Page = { items: number[]; next?: string };

async function* pages(list: Page[]) {
  for (const page of list) {
    yield page;
  }
}

const options = {
  operation: 'AWSGlue.GetTables',
  items: (page: Page) => page.items,
  nextToken: (page: Page) => page.next,
};

describe('collectPages', () => {
  it('collects the items of every page', async () => {
    await expect(
      collectPages(
        pages([
          { items: [1, 2], next: 'a' },
          { items: [3], next: 'b' },
          { items: [] },
        ]),
        options,
      ),
    ).resolves.toEqual([1, 2, 3]);
  });

  it('fails rather than loop when a token comes back', async () => {
    const reads: string[] = [];
    async function* looping() {
      for (const next of ['a', 'b', 'a', 'b']) {
        reads.push(next);
        yield { items: [1], next };
      }
    }
    await expect(collectPages(looping(), options)).rejects.toThrow(
      'AWSGlue.GetTables returned a page token it had already returned',
    );
    expect(reads).toEqual(['a', 'b', 'a']);
  });
});
