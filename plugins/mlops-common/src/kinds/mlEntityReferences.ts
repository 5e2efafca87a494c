import {
  CompoundEntityRef,
  Entity,
  parseEntityRef,
  RELATION_HAS_PART,
  RELATION_OWNED_BY,
  RELATION_OWNER_OF,
  RELATION_PART_OF,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { DATA_PIPELINE_COMPONENT_TYPE } from '../constants';
import {
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
} from '../relations';

/** An entity reference found in an ML entity's spec, with the relation it makes. */
export interface MlEntityReference {
  /** Where the reference was found, e.g. `spec.variants[1].modelVersion`. */
  field: string;
  target: CompoundEntityRef;
  /** Relation from the entity to the target. */
  relation: string;
  /** Relation from the target back to the entity. */
  inverse: string;
}

interface ReferenceRule {
  /** Path below spec; `[]` steps into every item of an array. */
  path: string;
  /** Kinds the reference may point at; the first is the default kind. */
  kinds: string[];
  relation: string;
  inverse: string;
}

const DATA_KINDS = ['Dataset', 'FeatureGroup'];
const owner: ReferenceRule = {
  path: 'owner',
  kinds: ['Group', 'User'],
  relation: RELATION_OWNED_BY,
  inverse: RELATION_OWNER_OF,
};
const system: ReferenceRule = {
  path: 'system',
  kinds: ['System'],
  relation: RELATION_PART_OF,
  inverse: RELATION_HAS_PART,
};

const RULES: Record<string, ReferenceRule[]> = {
  dataset: [
    owner,
    system,
    {
      path: 'upstream[]',
      kinds: DATA_KINDS,
      relation: RELATION_DERIVED_FROM,
      inverse: RELATION_SOURCE_OF,
    },
  ],
  featuregroup: [
    owner,
    system,
    {
      path: 'sourceDatasets[]',
      kinds: DATA_KINDS,
      relation: RELATION_DERIVED_FROM,
      inverse: RELATION_SOURCE_OF,
    },
  ],
  model: [owner, system],
  modelversion: [
    owner,
    system,
    {
      path: 'model',
      kinds: ['Model'],
      relation: RELATION_VERSION_OF,
      inverse: RELATION_HAS_VERSION,
    },
    {
      path: 'trainedOn[]',
      kinds: DATA_KINDS,
      relation: RELATION_TRAINED_ON,
      inverse: RELATION_TRAINING_DATA_FOR,
    },
  ],
  modeldeployment: [
    owner,
    system,
    {
      path: 'variants[].modelVersion',
      kinds: ['ModelVersion'],
      relation: RELATION_DEPLOYS,
      inverse: RELATION_DEPLOYED_BY,
    },
  ],
  // Owner and system of a Component are the built-in processor's business.
  component: [
    {
      path: 'consumes[]',
      kinds: DATA_KINDS,
      relation: RELATION_CONSUMES,
      inverse: RELATION_CONSUMED_BY,
    },
    {
      path: 'produces[]',
      kinds: DATA_KINDS,
      relation: RELATION_PRODUCES,
      inverse: RELATION_PRODUCED_BY,
    },
  ],
};

/** Every value at `path` below `value`, with the field name a user would read. */
function collect(
  value: unknown,
  steps: string[],
  field: string,
): Array<[string, unknown]> {
  if (steps.length === 0) {
    return value === undefined ? [] : [[field, value]];
  }
  if (value === null || typeof value !== 'object') {
    return [];
  }
  const [step, ...rest] = steps;
  const many = step.endsWith('[]');
  const key = many ? step.slice(0, -2) : step;
  const child = (value as Record<string, unknown>)[key];
  if (!many) {
    return collect(child, rest, `${field}.${key}`);
  }
  if (!Array.isArray(child)) {
    return [];
  }
  return child.flatMap((item, i) =>
    collect(item, rest, `${field}.${key}[${i}]`),
  );
}

function ruleKey(entity: Entity): string | undefined {
  const kind = entity.kind.toLocaleLowerCase('en-US');
  if (kind === 'component') {
    return entity.spec?.type === DATA_PIPELINE_COMPONENT_TYPE
      ? kind
      : undefined;
  }
  return kind;
}

function describeKinds(kinds: string[]): string {
  return kinds.length === 1
    ? `a ${kinds[0]}`
    : `a ${kinds.slice(0, -1).join(', ')} or ${kinds[kinds.length - 1]}`;
}

/**
 * Reads the entity references in the spec of an ML entity (or a data-pipeline
 * Component) and the relations they make.
 *
 * @throws InputError naming the field when a reference is malformed or points
 * at a kind the field does not allow.
 */
export function getMlEntityReferences(entity: Entity): MlEntityReference[] {
  const key = ruleKey(entity);
  const rules = key ? RULES[key] : undefined;
  if (!rules) {
    return [];
  }
  const namespace = entity.metadata.namespace ?? 'default';
  const references: MlEntityReference[] = [];
  const problems: string[] = [];
  for (const rule of rules) {
    for (const [field, value] of collect(
      entity.spec,
      rule.path.split('.'),
      'spec',
    )) {
      const expected = `an entity reference to ${describeKinds(rule.kinds)}`;
      if (typeof value !== 'string' || value.length === 0) {
        problems.push(
          `${field} must be ${expected}, got ${JSON.stringify(value)}`,
        );
        continue;
      }
      let target: CompoundEntityRef;
      try {
        target = parseEntityRef(value, {
          defaultKind: rule.kinds[0],
          defaultNamespace: namespace,
        });
      } catch {
        problems.push(`${field} must be ${expected}, got "${value}"`);
        continue;
      }
      const kind = rule.kinds.find(
        k =>
          k.toLocaleLowerCase('en-US') ===
          target.kind.toLocaleLowerCase('en-US'),
      );
      if (!kind) {
        problems.push(
          `${field} must be ${expected}, got "${value}" which is a ${target.kind}`,
        );
        continue;
      }
      references.push({
        field,
        target: { ...target, kind },
        relation: rule.relation,
        inverse: rule.inverse,
      });
    }
  }
  if (problems.length > 0) {
    throw new InputError(
      `${describeEntity(entity)} is invalid: ${problems.join('; ')}`,
    );
  }
  return references;
}

/** `Kind "namespace/name"`, how error messages name an entity. */
export function describeEntity(entity: Entity): string {
  return `${entity.kind} "${entity.metadata.namespace ?? 'default'}/${
    entity.metadata.name
  }"`;
}
