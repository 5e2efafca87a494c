import { parseEntityRef } from '@backstage/catalog-model';
import { useRouteRef } from '@backstage/core-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { useCallback } from 'react';

/** A function giving the path of an entity's catalog page. */
export function useEntityPath(): (entityRef: string) => string {
  const entityRoute = useRouteRef(entityRouteRef);
  return useCallback(
    (entityRef: string) => {
      const { kind, namespace, name } = parseEntityRef(entityRef);
      return entityRoute({
        kind: kind.toLocaleLowerCase('en-US'),
        namespace,
        name,
      });
    },
    [entityRoute],
  );
}
