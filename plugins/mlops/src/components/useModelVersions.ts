import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  catalogApiRef,
  type CatalogApi,
} from '@backstage/plugin-catalog-react';
import {
  RELATION_VERSION_OF,
  type ModelVersionEntityV1alpha1,
} from '@ml-foundation/plugin-mlops-common';
import useAsync from 'react-use/esm/useAsync';

/** What the Model page shows of each version. */
export type ModelVersionSummary = Omit<
  ModelVersionEntityV1alpha1,
  'spec' | 'relations'
> & {
  spec: Pick<
    ModelVersionEntityV1alpha1['spec'],
    | 'version'
    | 'approvalStatus'
    | 'stage'
    | 'metrics'
    | 'createdAt'
    | 'createdBy'
  >;
};

// Only these: a whole version (hyperparameters, inputs, annotations,
// relations) is six times larger, 2.7 MB for 1,000 versions.
const FIELDS = [
  'apiVersion',
  'kind',
  'metadata.name',
  'metadata.namespace',
  'spec.version',
  'spec.approvalStatus',
  'spec.stage',
  'spec.metrics',
  'spec.createdAt',
  'spec.createdBy',
];

/**
 * Requests in flight, by catalog client and model, so that the Model page's
 * cards, which mount together, share one; each is dropped once answered.
 */
const inFlight = new WeakMap<
  CatalogApi,
  Map<string, Promise<ModelVersionSummary[]>>
>();

function fetchVersions(catalogApi: CatalogApi, modelRef: string) {
  let byModel = inFlight.get(catalogApi);
  if (!byModel) {
    byModel = new Map();
    inFlight.set(catalogApi, byModel);
  }
  let request = byModel.get(modelRef);
  if (!request) {
    const requests = byModel;
    request = catalogApi
      .getEntities({
        filter: {
          kind: 'ModelVersion',
          [`relations.${RELATION_VERSION_OF}`]: modelRef,
        },
        fields: FIELDS,
      })
      .then(({ items }) =>
        (items as Entity[] as ModelVersionSummary[]).sort(
          (a, b) => b.spec.version - a.spec.version,
        ),
      )
      .finally(() => requests.delete(modelRef));
    byModel.set(modelRef, request);
  }
  return request;
}

/** The versions of a model, newest first, with what the Model page shows. */
export function useModelVersions(model: Entity) {
  const catalogApi = useApi(catalogApiRef);
  const modelRef = stringifyEntityRef(model);
  return useAsync(
    () => fetchVersions(catalogApi, modelRef),
    [catalogApi, modelRef],
  );
}
