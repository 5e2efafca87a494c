import {
  ApiBlueprint,
  createFrontendModule,
} from '@backstage/frontend-plugin-api';
import {
  ALL_RELATION_PAIRS,
  ALL_RELATIONS,
  catalogGraphApiRef,
  DefaultCatalogGraphApi,
} from '@backstage/plugin-catalog-graph';
import { ML_RELATION_PAIRS } from '@ml-foundation/plugin-mlops-common';

/**
 * Teaches the catalog graph the ML relations (versionOf, trainedOn, derivedFrom,
 * deploys, consumes, produces and their inverses), so the relations card on
 * entity pages draws lineage and merges each pair into one edge.
 */
export const catalogGraphMlRelationsModule = createFrontendModule({
  pluginId: 'catalog-graph',
  extensions: [
    ApiBlueprint.make({
      params: defineParams =>
        defineParams({
          api: catalogGraphApiRef,
          deps: {},
          factory: () =>
            new DefaultCatalogGraphApi({
              knownRelations: [...ALL_RELATIONS, ...ML_RELATION_PAIRS.flat()],
              knownRelationPairs: [
                ...ALL_RELATION_PAIRS,
                ...ML_RELATION_PAIRS.map(
                  ([a, b]) => [a, b] as [string, string],
                ),
              ],
              defaultRelationTypes: { exclude: [] },
            }),
        }),
    }),
  ],
});
