import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import {
  RELATION_VERSION_OF,
  type ModelVersionEntityV1alpha1,
} from '@ml-foundation/plugin-mlops-common';
import useAsync from 'react-use/esm/useAsync';

/** The versions of a model, newest first. */
export function useModelVersions(model: Entity) {
  const catalogApi = useApi(catalogApiRef);
  const modelRef = stringifyEntityRef(model);
  return useAsync(async () => {
    const { items } = await catalogApi.getEntities({
      filter: {
        kind: 'ModelVersion',
        [`relations.${RELATION_VERSION_OF}`]: modelRef,
      },
      fields: ['kind', 'metadata', 'spec', 'relations'],
    });
    return (items as ModelVersionEntityV1alpha1[]).sort(
      (a, b) => b.spec.version - a.spec.version,
    );
  }, [catalogApi, modelRef]);
}
