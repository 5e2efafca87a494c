import type { Entity } from '@backstage/catalog-model';
import { isMlEntity, validateMlEntity } from './validateMlEntity';

const modelVersion = (spec: Record<string, unknown>): Entity => ({
  apiVersion: 'ml-foundation.dev/v1alpha1',
  kind: 'ModelVersion',
  metadata: { name: 'churn-classifier-v3' },
  spec: {
    model: 'churn-classifier',
    version: 3,
    owner: 'group:default/customer-ml',
    lifecycle: 'production',
    approvalStatus: 'Approved',
    trainedOn: ['dataset:curated-customers', 'featuregroup:customer-features'],
    metrics: [{ name: 'auc', value: 0.91, split: 'test' }],
    ...spec,
  },
});

describe('validateMlEntity', () => {
  it('accepts a well-formed entity', () => {
    expect(() => validateMlEntity(modelVersion({}))).not.toThrow();
  });

  it('names the entity and the missing owner', () => {
    const { owner, ...spec } = modelVersion({}).spec!;
    const entity = { ...modelVersion({}), spec };
    expect(() => validateMlEntity(entity)).toThrow(
      'ModelVersion "default/churn-classifier-v3" is invalid: spec.owner is required',
    );
  });

  it('says what a version must be', () => {
    expect(() => validateMlEntity(modelVersion({ version: 'three' }))).toThrow(
      'spec.version must be integer, got "three"',
    );
    expect(() => validateMlEntity(modelVersion({ version: 0 }))).toThrow(
      'spec.version must be >= 1, got 0',
    );
  });

  it('lists the allowed approval states', () => {
    expect(() =>
      validateMlEntity(modelVersion({ approvalStatus: 'Maybe' })),
    ).toThrow(
      'spec.approvalStatus must be one of PendingManualApproval, Approved, Rejected, got "Maybe"',
    );
  });

  it('reports every bad field at once, with its path', () => {
    expect(() =>
      validateMlEntity(
        modelVersion({
          metrics: [{ name: 'auc', value: 'high' }],
          hyperparameters: 'eta=0.1',
        }),
      ),
    ).toThrow(
      'spec.metrics[0].value must be number, got "high"; spec.hyperparameters must be object, got "eta=0.1"',
    );
  });

  it('rejects a reference to a kind the field does not allow', () => {
    expect(() =>
      validateMlEntity(
        modelVersion({ trainedOn: ['dataset:raw', 'model:default/churn'] }),
      ),
    ).toThrow(
      'spec.trainedOn[1] must be an entity reference to a Dataset or FeatureGroup, got "model:default/churn" which is a model',
    );
  });

  it('checks references nested in arrays of objects', () => {
    const deployment: Entity = {
      apiVersion: 'ml-foundation.dev/v1alpha1',
      kind: 'ModelDeployment',
      metadata: { name: 'churn-endpoint' },
      spec: {
        type: 'realtime-endpoint',
        owner: 'customer-ml',
        lifecycle: 'production',
        variants: [
          { name: 'a', modelVersion: 'churn-v2' },
          { name: 'b', modelVersion: 'dataset:churn-v3' },
        ],
      },
    };
    expect(() => validateMlEntity(deployment)).toThrow(
      'ModelDeployment "default/churn-endpoint" is invalid: spec.variants[1].modelVersion must be an entity reference to a ModelVersion',
    );
  });
});

describe('isMlEntity', () => {
  it('recognises ML kinds by apiVersion and kind only', () => {
    expect(isMlEntity(modelVersion({}))).toBe(true);
    expect(
      isMlEntity({ ...modelVersion({}), apiVersion: 'backstage.io/v1alpha1' }),
    ).toBe(false);
    expect(isMlEntity({ ...modelVersion({}), kind: 'Component' })).toBe(false);
  });
});
