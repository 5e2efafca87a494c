import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';
import { mlopsApiRef } from '../api/mlopsApiRef';

/** The Clarify reports of the ModelVersion on the page. */
export function useVersionReports() {
  const { entity } = useEntity();
  const mlopsApi = useApi(mlopsApiRef);
  const entityRef = stringifyEntityRef(entity);
  return useAsync(
    () => mlopsApi.getVersionReports(entityRef),
    [mlopsApi, entityRef],
  );
}
