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
import {
  ML_RELATION_PAIRS,
  RELATION_HAS_VERSION,
  RELATION_TRAINING_DATA_FOR,
} from '@ml-foundation/plugin-mlops-common';
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

async function graphConfig(extension: string): Promise<Required<GraphConfig>> {
  const config = await loadAppConfig(['app-config.yaml']);
  // Extension ids hold `/`, which config keys may not: read them as JSON.
  const entry = config
    .get<Array<Record<string, { config?: GraphConfig }>>>('app.extensions')
    .find(e => extension in e);
  return {
    relations: entry?.[extension].config?.relations ?? [],
    relationPairs: entry?.[extension].config?.relationPairs ?? [],
  };
}

const ALL_PAIRS = [...ML_RELATION_PAIRS, ...BUILT_IN_PAIRS].map(p => [...p]);
/** The sides with many targets: a model's versions, a dataset's trainings. */
const MANY = [RELATION_HAS_VERSION, RELATION_TRAINING_DATA_FOR];

describe('the catalog graph (app-config.yaml)', () => {
  it('draws every ML relation on the graph page, and still the built-in ones', async () => {
    const { relations } = await graphConfig('page:catalog-graph');
    expect(relations).toEqual(expect.arrayContaining(ALL_PAIRS.flat()));
  });

  it("draws each ML relation in an entity's relations card from the side with few targets", async () => {
    const { relations } = await graphConfig(
      'entity-card:catalog-graph/relations',
    );
    expect(relations).toEqual(
      expect.arrayContaining(
        ALL_PAIRS.flat().filter(relation => !MANY.includes(relation)),
      ),
    );
    for (const relation of MANY) expect(relations).not.toContain(relation);
  });

  it.each(['entity-card:catalog-graph/relations', 'page:catalog-graph'])(
    '%s merges each relation with its inverse into one edge',
    async extension => {
      const { relationPairs } = await graphConfig(extension);
      expect(relationPairs).toEqual(expect.arrayContaining(ALL_PAIRS));
    },
  );
});
