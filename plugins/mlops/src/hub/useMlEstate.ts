import {
  parseEntityRef,
  stringifyEntityRef,
  type Entity,
} from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import type { ModelVersionEntityV1alpha1 } from '@ml-foundation/plugin-mlops-common';
import useAsync from 'react-use/esm/useAsync';

/** A model, dataset or feature group as the hub lists it. */
export type HubItem = {
  ref: string;
  kind: string;
  name: string;
  title: string;
  description: string;
  owner: string;
  tags: string[];
  /** Models: their newest version's approval status. */
  approvalStatus?: string;
  /** Models: the stages their versions are in. */
  stages: string[];
  latestVersion?: number;
};

/** What the hub shows: the searchable items and the recently registered versions. */
export type MlEstate = {
  items: HubItem[];
  recentVersions: ModelVersionEntityV1alpha1[];
};

const ownerRef = (entity: Entity) =>
  stringifyEntityRef(
    parseEntityRef(String(entity.spec?.owner ?? 'unknown'), {
      defaultKind: 'Group',
      defaultNamespace: entity.metadata.namespace,
    }),
  );

/** Turns catalog entities into hub items; each model gets its versions' state. */
export function buildHubItems(
  entities: Entity[],
  versions: ModelVersionEntityV1alpha1[],
): HubItem[] {
  const byModel = new Map<string, ModelVersionEntityV1alpha1[]>();
  for (const v of versions) {
    const model = stringifyEntityRef(
      parseEntityRef(v.spec.model, {
        defaultKind: 'Model',
        defaultNamespace: v.metadata.namespace,
      }),
    );
    byModel.set(model, [...(byModel.get(model) ?? []), v]);
  }
  return entities.map(entity => {
    const ref = stringifyEntityRef(entity);
    const modelVersions = (byModel.get(ref) ?? []).sort(
      (a, b) => b.spec.version - a.spec.version,
    );
    return {
      ref,
      kind: entity.kind,
      name: entity.metadata.name,
      title: entity.metadata.title ?? entity.metadata.name,
      description: String(
        entity.spec?.description ?? entity.metadata.description ?? '',
      ),
      owner: ownerRef(entity),
      tags: entity.metadata.tags ?? [],
      approvalStatus: modelVersions[0]?.spec.approvalStatus,
      stages: [
        ...new Set(
          modelVersions.map(v => v.spec.stage).filter((s): s is string => !!s),
        ),
      ],
      latestVersion: modelVersions[0]?.spec.version,
    };
  });
}

/** Reads the ML estate from the catalog in two queries. */
export function useMlEstate() {
  const catalogApi = useApi(catalogApiRef);
  return useAsync(async (): Promise<MlEstate> => {
    const [entities, versions] = await Promise.all([
      catalogApi.getEntities({
        filter: { kind: ['Model', 'Dataset', 'FeatureGroup'] },
        fields: [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'metadata.title',
          'metadata.description',
          'metadata.tags',
          'spec.owner',
          'spec.description',
        ],
      }),
      catalogApi.getEntities({
        filter: { kind: 'ModelVersion' },
        fields: [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'metadata.title',
          'spec.model',
          'spec.version',
          'spec.approvalStatus',
          'spec.stage',
          'spec.createdAt',
          'spec.createdBy',
        ],
      }),
    ]);
    const allVersions = versions.items as ModelVersionEntityV1alpha1[];
    return {
      items: buildHubItems(entities.items, allVersions),
      recentVersions: [...allVersions]
        .filter(v => v.spec.createdAt)
        .sort((a, b) =>
          String(b.spec.createdAt).localeCompare(String(a.spec.createdAt)),
        )
        .slice(0, 8),
    };
  }, [catalogApi]);
}
