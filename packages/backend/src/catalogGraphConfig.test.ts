import {
  RELATION_API_CONSUMED_BY,
  RELATION_API_PROVIDED_BY,
  RELATION_CHILD_OF,
  RELATION_CONSUMES_API,
  RELATION_DEPENDENCY_OF,
  RELATION_DEPENDS_ON,
  RELATION_HAS_MEMBER,
  RELATION_HAS_PART,
  RELATION_MEMBER_OF,
  RELATION_OWNED_BY,
  RELATION_OWNER_OF,
  RELATION_PARENT_OF,
  RELATION_PART_OF,
  RELATION_PROVIDES_API,
} from '@backstage/catalog-model';
import { ML_RELATION_PAIRS } from '@ml-foundation/plugin-mlops-common';
import { loadAppConfig } from './__testUtils__/loadAppConfig';

const BUILT_IN_PAIRS = [
  [RELATION_OWNER_OF, RELATION_OWNED_BY],
  [RELATION_CONSUMES_API, RELATION_API_CONSUMED_BY],
  [RELATION_API_PROVIDED_BY, RELATION_PROVIDES_API],
  [RELATION_HAS_PART, RELATION_PART_OF],
  [RELATION_PARENT_OF, RELATION_CHILD_OF],
  [RELATION_HAS_MEMBER, RELATION_MEMBER_OF],
  [RELATION_DEPENDS_ON, RELATION_DEPENDENCY_OF],
];

type GraphConfig = { relations?: string[]; relationPairs?: string[][] };

describe.each(['entity-card:catalog-graph/relations', 'page:catalog-graph'])(
  'the catalog graph extension %s (app-config.yaml)',
  extension => {
    let relations: string[];
    let relationPairs: string[][];

    beforeAll(async () => {
      const config = await loadAppConfig(['app-config.yaml']);
      // Extension ids hold `/`, which config keys may not: read them as JSON.
      const entry = config
        .get<Array<Record<string, { config?: GraphConfig }>>>('app.extensions')
        .find(e => extension in e);
      relations = entry?.[extension].config?.relations ?? [];
      relationPairs = entry?.[extension].config?.relationPairs ?? [];
    });

    it('draws every ML relation, and still the built-in ones', () => {
      expect(relations).toEqual(
        expect.arrayContaining([
          ...ML_RELATION_PAIRS.flat(),
          ...BUILT_IN_PAIRS.flat(),
        ]),
      );
    });

    it('merges each relation with its inverse into one edge', () => {
      expect(relationPairs).toEqual(
        expect.arrayContaining(
          [...ML_RELATION_PAIRS, ...BUILT_IN_PAIRS].map(pair => [...pair]),
        ),
      );
    });
  },
);
