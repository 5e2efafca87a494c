import fs from 'fs';
import path from 'path';
import { parseAllDocuments } from 'yaml';
import {
  DefaultNamespaceEntityPolicy,
  Entity,
  EntityPolicies,
  FieldFormatEntityPolicy,
  NoForeignRootFieldsEntityPolicy,
  parseEntityRef,
  RELATION_OWNED_BY,
  RELATION_PART_OF,
  SchemaValidEntityPolicy,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  ML_ANNOTATION_AWS_ACCOUNT_ID,
  ML_ANNOTATION_AWS_ARN,
  ML_ANNOTATION_AWS_REGION,
  DATA_PIPELINE_COMPONENT_TYPE,
  describeEntity,
  getMlEntityReferences,
  ML_API_VERSION,
  ML_RELATION_PAIRS,
  RELATION_DERIVED_FROM,
  validateMlEntity,
} from '@ml-foundation/plugin-mlops-common';

const EXAMPLES_DIR = path.resolve(__dirname, '../../../examples');

/** Every entity in the YAML files directly in examples/ (not the template's). */
function loadExampleEntities(): Entity[] {
  return fs
    .readdirSync(EXAMPLES_DIR)
    .filter(file => /\.ya?ml$/.test(file))
    .flatMap(file => {
      const text = fs.readFileSync(path.join(EXAMPLES_DIR, file), 'utf8');
      return parseAllDocuments(text).map(document => {
        if (document.errors.length > 0) {
          throw new Error(`${file}: ${document.errors[0].message}`);
        }
        return document.toJS() as Entity | null;
      });
    })
    .filter((entity): entity is Entity => entity !== null);
}

/** How references are compared: kind, namespace and name, ignoring case. */
function refKey(
  ref: Entity | { kind: string; namespace: string; name: string },
) {
  return stringifyEntityRef(ref).toLocaleLowerCase('en-US');
}

/** Reference fields of the built-in kinds, with the kind each defaults to. */
const BUILT_IN_REFERENCE_FIELDS: Record<string, string> = {
  owner: 'Group',
  system: 'System',
  memberOf: 'Group',
  parent: 'Group',
  children: 'Group',
};

type Reference = { field: string; target: string };

function asStrings(value: unknown): string[] {
  return [value].flat().filter((v): v is string => typeof v === 'string');
}

/** The built-in and ML references an entity makes, each once. */
function referencesOf(entity: Entity): Reference[] {
  const defaultNamespace = entity.metadata.namespace ?? 'default';
  const builtIn = Object.entries(BUILT_IN_REFERENCE_FIELDS).flatMap(
    ([field, defaultKind]) =>
      asStrings(entity.spec?.[field]).map(value => ({
        field: `spec.${field}`,
        target: refKey(
          parseEntityRef(value, { defaultKind, defaultNamespace }),
        ),
      })),
  );
  const ml = getMlEntityReferences(entity).map(({ field, target }) => ({
    field,
    target: refKey(target),
  }));
  const unique = new Map(
    [...builtIn, ...ml].map(ref => [`${ref.field} ${ref.target}`, ref]),
  );
  return [...unique.values()];
}

const entities = loadExampleEntities();
const mlEntities = entities.filter(e => e.apiVersion === ML_API_VERSION);
const ofKind = (kind: string) => entities.filter(e => e.kind === kind);
/** The checks the catalog makes of every entity's envelope (names, tags...). */
const catalogPolicies = EntityPolicies.allOf([
  new DefaultNamespaceEntityPolicy(),
  new FieldFormatEntityPolicy(),
  new NoForeignRootFieldsEntityPolicy(),
  new SchemaValidEntityPolicy(),
]);
/** A jest table row per entity, named as error messages name it. */
const named = (list: Entity[]) =>
  list.map(entity => [describeEntity(entity), entity] as [string, Entity]);

/** The ML references of every example entity, with the entity making them. */
function allMlReferences() {
  return entities.flatMap(entity =>
    getMlEntityReferences(entity).map(reference => ({ entity, ...reference })),
  );
}

describe('the example catalog in examples/', () => {
  it('defines each entity once', () => {
    const keys = entities.map(refKey);
    expect(keys.filter((key, i) => keys.indexOf(key) !== i)).toEqual([]);
  });

  it.each(named(entities))(
    '%s passes the catalog entity policies',
    async (_, entity) => {
      await expect(catalogPolicies.enforce(entity)).resolves.toBeDefined();
    },
  );

  it.each(named(mlEntities))('%s is a valid ML entity', (_, entity) => {
    expect(() => validateMlEntity(entity)).not.toThrow();
  });

  it.each(named(mlEntities))('%s names its AWS resource', (_, entity) => {
    const annotations = entity.metadata.annotations ?? {};
    expect(annotations).toMatchObject({
      [ML_ANNOTATION_AWS_ARN]: expect.stringMatching(/^arn:aws:/),
      [ML_ANNOTATION_AWS_ACCOUNT_ID]: expect.stringMatching(/^\d{12}$/),
      [ML_ANNOTATION_AWS_REGION]: expect.stringMatching(/^[a-z]{2}-[a-z]+-\d$/),
    });
    // An ARN's region and account, where it has them (S3's has neither),
    // must agree with the annotations.
    const [, , , region, account] =
      annotations[ML_ANNOTATION_AWS_ARN].split(':');
    expect({
      region: region || annotations[ML_ANNOTATION_AWS_REGION],
      account: account || annotations[ML_ANNOTATION_AWS_ACCOUNT_ID],
    }).toEqual({
      region: annotations[ML_ANNOTATION_AWS_REGION],
      account: annotations[ML_ANNOTATION_AWS_ACCOUNT_ID],
    });
  });

  it.each(named(entities))('references of %s resolve', (_, entity) => {
    const defined = new Set(entities.map(refKey));
    const unresolved = referencesOf(entity).filter(
      ref => !defined.has(ref.target),
    );
    expect(unresolved).toEqual([]);
  });

  it('makes every ML relation, ownedBy and partOf', () => {
    const used = new Set(allMlReferences().map(ref => ref.relation));
    const expected = [
      ...ML_RELATION_PAIRS.map(([forward]) => forward),
      RELATION_OWNED_BY,
      RELATION_PART_OF,
    ];
    expect(expected.filter(relation => !used.has(relation))).toEqual([]);
  });

  it('derives data through Dataset.upstream and FeatureGroup.sourceDatasets', () => {
    const derivingKinds = allMlReferences()
      .filter(ref => ref.relation === RELATION_DERIVED_FROM)
      .map(ref => ref.entity.kind);
    expect(new Set(derivingKinds)).toEqual(
      new Set(['Dataset', 'FeatureGroup']),
    );
  });

  it.each([
    ['Dataset', 8],
    ['FeatureGroup', 3],
    ['Model', 3],
    ['ModelVersion', 12],
    ['ModelDeployment', 2],
  ])('has %s entities, at least %i', (kind, min) => {
    expect(ofKind(kind).length).toBeGreaterThanOrEqual(min);
  });

  it('has at least 2 data pipelines', () => {
    const pipelines = ofKind('Component').filter(
      e => e.spec?.type === DATA_PIPELINE_COMPONENT_TYPE,
    );
    expect(pipelines.length).toBeGreaterThanOrEqual(2);
  });

  it('has a dataset with PII columns', () => {
    const hasPii = (e: Entity) =>
      JSON.stringify(e.spec?.schema ?? {}).includes('"classification":"pii"');
    expect(ofKind('Dataset').some(hasPii)).toBe(true);
  });

  it('has model versions in every approval state', () => {
    const states = ofKind('ModelVersion').map(e => e.spec?.approvalStatus);
    expect(new Set(states)).toEqual(
      new Set(['Approved', 'PendingManualApproval', 'Rejected']),
    );
  });

  it('has an A/B test endpoint and a batch transform', () => {
    const deployments = ofKind('ModelDeployment');
    const variantCount = (e: Entity) =>
      Array.isArray(e.spec?.variants) ? e.spec!.variants.length : 0;
    expect(deployments.some(e => variantCount(e) >= 2)).toBe(true);
    expect(deployments.map(e => e.spec?.type)).toEqual(
      expect.arrayContaining(['realtime-endpoint', 'batch-transform']),
    );
  });
});
