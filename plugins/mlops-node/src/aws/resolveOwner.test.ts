import { resolveOwner } from './resolveOwner';

const DEFAULT = 'group:default/ml-platform';

describe('resolveOwner', () => {
  it("takes the resource's own owner tag first", () => {
    expect(
      resolveOwner(
        [{ Key: 'owner', Value: 'fraud-ml' }],
        { owner: 'data-engineering' },
        'owner',
        DEFAULT,
      ),
    ).toBe('group:default/fraud-ml');
  });

  it("falls back to the parent's tag, then to the default owner", () => {
    expect(
      resolveOwner([], { owner: 'data-engineering' }, 'owner', DEFAULT),
    ).toBe('group:default/data-engineering');
    expect(resolveOwner(undefined, { team: 'x' }, 'owner', DEFAULT)).toBe(
      DEFAULT,
    );
  });

  it('keeps a value that is already an entity reference', () => {
    expect(
      resolveOwner({ owner: 'user:jane' }, undefined, 'owner', DEFAULT),
    ).toBe('user:jane');
    expect(
      resolveOwner({ owner: 'finance/analysts' }, undefined, 'owner', DEFAULT),
    ).toBe('group:finance/analysts');
  });

  it('matches the tag key whatever its case, and ignores empty values', () => {
    expect(
      resolveOwner({ Owner: ' customer-ml ' }, undefined, 'owner', DEFAULT),
    ).toBe('group:default/customer-ml');
    expect(
      resolveOwner({ owner: ' ' }, { owner: 'data' }, 'owner', DEFAULT),
    ).toBe('group:default/data');
  });

  it('reads a configured tag key', () => {
    expect(resolveOwner({ team: 'fraud-ml' }, undefined, 'team', DEFAULT)).toBe(
      'group:default/fraud-ml',
    );
  });
});
