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

const versionsOf = (modelRef: string) => ({
  kind: 'ModelVersion',
  [`relations.${RELATION_VERSION_OF}`]: modelRef,
});

const newestFirst = (items: Entity[]) =>
  (items as ModelVersionSummary[]).sort(
    (a, b) => b.spec.version - a.spec.version,
  );

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
      .getEntities({ filter: versionsOf(modelRef), fields: FIELDS })
      .then(({ items }) => newestFirst(items))
      .finally(() => requests.delete(modelRef));
    byModel.set(modelRef, request);
  }
  return request;
}

/**
 * The newest versions of a model, and how many it has: a page of a table,
 * answered in tens of milliseconds where all 1,000 versions take hundreds.
 * By creation time: the catalog orders `spec.version` as text ("999" before
 * "1000"); SageMaker numbers a group's versions in the order they are made.
 */
async function fetchNewest(
  catalogApi: CatalogApi,
  modelRef: string,
  count: number,
) {
  const { items, totalItems } = await catalogApi.queryEntities({
    filter: versionsOf(modelRef),
    orderFields: { field: 'spec.createdAt', order: 'desc' },
    limit: count,
    fields: FIELDS,
  });
  return { items: newestFirst(items), totalItems };
}

/**
 * The versions of a model, newest first, with what the Model page shows.
 * With `newest`, also that many newest versions and the count, from a
 * separate small request that usually answers first, to show a first page
 * while all versions load.
 */
export function useModelVersions(model: Entity, options?: { newest?: number }) {
  const catalogApi = useApi(catalogApiRef);
  const modelRef = stringifyEntityRef(model);
  const count = options?.newest;
  const newest = useAsync(
    async () =>
      count === undefined
        ? undefined
        : fetchNewest(catalogApi, modelRef, count),
    [catalogApi, modelRef, count],
  );
  const all = useAsync(
    () => fetchVersions(catalogApi, modelRef),
    [catalogApi, modelRef],
  );
  return { ...all, newest: newest.value };
}
