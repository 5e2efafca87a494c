import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  LineageDirection,
  LineageEdge,
  LineageGraph,
  LineageNode,
  ModelVersionEntityV1alpha1,
  RELATION_CONSUMED_BY,
  RELATION_CONSUMES,
  RELATION_DEPLOYED_BY,
  RELATION_DEPLOYS,
  RELATION_DERIVED_FROM,
  RELATION_HAS_VERSION,
  RELATION_PRODUCED_BY,
  RELATION_PRODUCES,
  RELATION_SOURCE_OF,
  RELATION_TRAINED_ON,
  RELATION_TRAINING_DATA_FOR,
  RELATION_VERSION_OF,
} from '@ml-foundation/plugin-mlops-common';

/** Relation of the edge from a raw training input to its model version. */
export const RAW_INPUT_RELATION = 'trainingInput';
/** Kind of the node of a raw training input that maps to no Dataset. */
export const RAW_INPUT_KIND = 'S3';

/**
 * Which way data flows along each ML relation of an entity: `in` when it
 * flows from the relation's target to the entity. Each pair is named by its
 * forward relation so that both directions of a pair make one edge.
 */
const FLOW: Record<string, { into: boolean; relation: string }> = {
  [RELATION_TRAINED_ON]: { into: true, relation: RELATION_TRAINED_ON },
  [RELATION_TRAINING_DATA_FOR]: { into: false, relation: RELATION_TRAINED_ON },
  [RELATION_DERIVED_FROM]: { into: true, relation: RELATION_DERIVED_FROM },
  [RELATION_SOURCE_OF]: { into: false, relation: RELATION_DERIVED_FROM },
  [RELATION_DEPLOYS]: { into: true, relation: RELATION_DEPLOYS },
  [RELATION_DEPLOYED_BY]: { into: false, relation: RELATION_DEPLOYS },
  [RELATION_CONSUMES]: { into: true, relation: RELATION_CONSUMES },
  [RELATION_CONSUMED_BY]: { into: false, relation: RELATION_CONSUMES },
  [RELATION_PRODUCES]: { into: false, relation: RELATION_PRODUCES },
  [RELATION_PRODUCED_BY]: { into: true, relation: RELATION_PRODUCES },
  // A version feeds its model: the model's upstream is its versions' data.
  [RELATION_VERSION_OF]: { into: false, relation: RELATION_VERSION_OF },
  [RELATION_HAS_VERSION]: { into: true, relation: RELATION_VERSION_OF },
};

/** Beyond this many nodes the graph is cut, whatever the depth. */
const MAX_NODES = 2000;

type Walk = 'upstream' | 'downstream' | 'both';

function toNode(entity: Entity, depth: number): LineageNode {
  return {
    id: stringifyEntityRef(entity),
    kind: entity.kind,
    name: entity.metadata.name,
    title: entity.metadata.title,
    namespace: entity.metadata.namespace ?? 'default',
    depth,
  };
}

function s3Locations(entity: Entity): string[] {
  const spec = (entity.spec ?? {}) as {
    location?: string;
    offlineStore?: { s3Uri?: string };
  };
  return [spec.location, spec.offlineStore?.s3Uri].filter(
    (uri): uri is string => typeof uri === 'string' && uri.length > 0,
  );
}

const withoutSlash = (uri: string) => uri.replace(/\/+$/, '');

/**
 * The lineage of an entity to a depth, read from the catalog with the
 * caller's credentials: one batched catalog read per hop. A model version's
 * training inputs that match none of the data it was trained on become leaf
 * nodes of kind `S3`.
 *
 * @throws NotFoundError when the root entity is not in the catalog (or not
 * visible to the caller).
 */
export async function computeLineage(options: {
  catalog: CatalogService;
  credentials: BackstageCredentials;
  entityRef: string;
  depth: number;
  direction: LineageDirection;
}): Promise<LineageGraph> {
  const { catalog, credentials, depth, direction } = options;
  let rootRef: string;
  try {
    rootRef = stringifyEntityRef(parseEntityRef(options.entityRef));
  } catch (error) {
    throw new InputError(`Malformed entityRef: ${error}`);
  }
  const root = await catalog.getEntityByRef(rootRef, { credentials });
  if (!root) {
    throw new NotFoundError(`No entity ${rootRef} in the catalog`);
  }

  const entities = new Map<string, Entity>([[rootRef, root]]);
  const nodes = new Map<string, LineageNode>([[rootRef, toNode(root, 0)]]);
  const edges = new Map<string, LineageEdge>();
  let truncated = false;

  const addEdge = (source: string, target: string, relation: string) => {
    edges.set(`${source}|${target}|${relation}`, { source, target, relation });
  };

  let frontier: Array<{ ref: string; walk: Walk }> = [
    { ref: rootRef, walk: direction },
  ];
  for (let hop = 1; frontier.length > 0; hop++) {
    const next = new Map<string, Walk>();
    const rawInputsOf: string[] = [];
    for (const { ref, walk } of frontier) {
      const entity = entities.get(ref)!;
      for (const relation of entity.relations ?? []) {
        const flow = FLOW[relation.type];
        if (!flow) continue;
        const up = flow.into;
        if (walk !== 'both' && (walk === 'upstream') !== up) continue;
        const other = relation.targetRef;
        if (hop > depth) {
          if (!nodes.has(other)) truncated = true;
          continue;
        }
        if (up) addEdge(other, ref, flow.relation);
        else addEdge(ref, other, flow.relation);
        if (!nodes.has(other) && !next.has(other)) {
          // A model's versions are walked both ways, so that a model's
          // lineage shows where its versions are deployed as well.
          const fromModel =
            flow.relation === RELATION_VERSION_OF &&
            entity.kind.toLocaleLowerCase('en-US') === 'model';
          let nextWalk: Walk = up ? 'upstream' : 'downstream';
          if (fromModel) nextWalk = 'both';
          next.set(other, nextWalk);
        }
      }
      if (
        hop <= depth &&
        walk !== 'downstream' &&
        entity.kind.toLocaleLowerCase('en-US') === 'modelversion'
      ) {
        rawInputsOf.push(ref);
      }
    }

    const refs = [...next.keys()].filter(ref => !entities.has(ref));
    if (refs.length > 0) {
      const { items } = await catalog.getEntitiesByRefs(
        { entityRefs: refs },
        { credentials },
      );
      items.forEach((item, i) => {
        if (item) entities.set(refs[i], item);
      });
    }

    frontier = [];
    for (const [ref, walk] of next) {
      const entity = entities.get(ref);
      if (!entity) {
        // Not in the catalog (or not visible): drop the dangling edges.
        for (const [key, edge] of edges) {
          if (edge.source === ref || edge.target === ref) edges.delete(key);
        }
        continue;
      }
      if (nodes.size >= MAX_NODES) {
        truncated = true;
        continue;
      }
      nodes.set(ref, toNode(entity, hop));
      frontier.push({ ref, walk });
    }
    for (const [key, edge] of edges) {
      if (!nodes.has(edge.source) || !nodes.has(edge.target)) {
        edges.delete(key);
      }
    }

    for (const ref of rawInputsOf) {
      const version = entities.get(ref) as ModelVersionEntityV1alpha1;
      const known = (version.relations ?? [])
        .filter(r => r.type === RELATION_TRAINED_ON)
        .map(r => entities.get(r.targetRef))
        .flatMap(data => (data ? s3Locations(data) : []))
        .map(withoutSlash);
      for (const input of version.spec.training?.inputs ?? []) {
        const uri = withoutSlash(input.uri);
        if (known.some(k => uri === k || uri.startsWith(`${k}/`))) continue;
        if (!nodes.has(input.uri)) {
          nodes.set(input.uri, {
            id: input.uri,
            kind: RAW_INPUT_KIND,
            name: input.channel ? `${input.channel}: ${input.uri}` : input.uri,
            unmatched: true,
            depth: hop,
          });
        }
        addEdge(input.uri, ref, RAW_INPUT_RELATION);
      }
    }
  }

  return {
    root: rootRef,
    nodes: [...nodes.values()],
    edges: [...edges.values()],
    truncated,
  };
}
