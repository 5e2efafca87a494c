import type { Entity } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import { ML_API_VERSION, MlKind } from '../constants';
import { datasetEntityV1alpha1Schema } from './DatasetEntity';
import { featureGroupEntityV1alpha1Schema } from './FeatureGroupEntity';
import { modelEntityV1alpha1Schema } from './ModelEntity';
import { modelVersionEntityV1alpha1Schema } from './ModelVersionEntity';
import { modelDeploymentEntityV1alpha1Schema } from './ModelDeploymentEntity';
import { describeEntity, getMlEntityReferences } from './mlEntityReferences';

/** The JSON schema of each ML kind. */
export const ML_KIND_SCHEMAS: Record<MlKind, object> = {
  Dataset: datasetEntityV1alpha1Schema,
  FeatureGroup: featureGroupEntityV1alpha1Schema,
  Model: modelEntityV1alpha1Schema,
  ModelVersion: modelVersionEntityV1alpha1Schema,
  ModelDeployment: modelDeploymentEntityV1alpha1Schema,
};

let validators: Map<string, ValidateFunction> | undefined;

function validatorFor(kind: string): ValidateFunction | undefined {
  if (!validators) {
    const ajv = new Ajv({ allErrors: true });
    validators = new Map(
      Object.entries(ML_KIND_SCHEMAS).map(([k, schema]) => [
        k,
        ajv.compile(schema),
      ]),
    );
  }
  return validators.get(kind);
}

/** `/spec/variants/0/weight` as a user reads it: `spec.variants[0].weight`. */
function fieldName(instancePath: string): string {
  return instancePath
    .split('/')
    .slice(1)
    .map(part => (/^\d+$/.test(part) ? `[${part}]` : `.${part}`))
    .join('')
    .replace(/^\./, '');
}

function valueAt(entity: Entity, instancePath: string): unknown {
  return instancePath
    .split('/')
    .slice(1)
    .reduce<any>((value, part) => value?.[part], entity);
}

function describeError(entity: Entity, error: ErrorObject): string {
  const field = fieldName(error.instancePath);
  switch (error.keyword) {
    case 'required':
      return `${field ? `${field}.` : ''}${
        error.params.missingProperty
      } is required`;
    case 'enum':
      return `${field} must be one of ${error.params.allowedValues.join(
        ', ',
      )}, got ${JSON.stringify(valueAt(entity, error.instancePath))}`;
    case 'const':
      return `${field} must be ${JSON.stringify(error.params.allowedValue)}`;
    default:
      return `${field} ${error.message}, got ${JSON.stringify(
        valueAt(entity, error.instancePath),
      )}`;
  }
}

/** Whether the entity is of one of the ML Foundation kinds. */
export function isMlEntity(entity: Entity): boolean {
  return (
    entity.apiVersion === ML_API_VERSION &&
    validatorFor(entity.kind) !== undefined
  );
}

/**
 * Checks an entity of an ML kind against its schema and the kinds its
 * references may point at.
 *
 * @throws InputError that names the entity, each bad field and what was expected.
 */
export function validateMlEntity(entity: Entity): void {
  const validate = validatorFor(entity.kind);
  if (!validate) {
    throw new InputError(
      `${describeEntity(entity)} is not an ML Foundation kind`,
    );
  }
  if (!validate(entity)) {
    const problems = (validate.errors ?? []).map(e => describeError(entity, e));
    throw new InputError(
      `${describeEntity(entity)} is invalid: ${problems.join('; ')}`,
    );
  }
  getMlEntityReferences(entity);
}
