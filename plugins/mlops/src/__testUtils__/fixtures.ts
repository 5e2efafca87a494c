import type {
  DatasetEntityV1alpha1,
  ModelEntityV1alpha1,
  ModelVersionEntityV1alpha1,
} from '@ml-foundation/plugin-mlops-common';

export const model: ModelEntityV1alpha1 = {
  apiVersion: 'ml-foundation.dev/v1alpha1',
  kind: 'Model',
  metadata: { name: 'churn', namespace: 'default', title: 'Churn' },
  spec: {
    owner: 'group:default/ml-platform',
    lifecycle: 'production',
    problemType: 'BinaryClassification',
    description: 'Predicts which customers leave next month.',
    modelCard: {
      intendedUse: 'Retention campaigns',
      limitations: 'EU customers only',
    },
  },
};

export function version(
  n: number,
  spec: Partial<ModelVersionEntityV1alpha1['spec']> = {},
): ModelVersionEntityV1alpha1 {
  return {
    apiVersion: 'ml-foundation.dev/v1alpha1',
    kind: 'ModelVersion',
    metadata: { name: `churn-${n}`, namespace: 'default' },
    spec: {
      model: 'model:default/churn',
      version: n,
      owner: 'group:default/ml-platform',
      lifecycle: 'production',
      approvalStatus: 'PendingManualApproval',
      metrics: [{ name: 'auc', split: 'validation', value: 0.7 + n / 100 }],
      createdAt: `2026-11-${String(n).padStart(2, '0')}T10:00:00Z`,
      createdBy: 'alice',
      ...spec,
    },
    relations: [{ type: 'versionOf', targetRef: 'model:default/churn' }],
  };
}

export const dataset: DatasetEntityV1alpha1 = {
  apiVersion: 'ml-foundation.dev/v1alpha1',
  kind: 'Dataset',
  metadata: { name: 'customers', namespace: 'default' },
  spec: {
    type: 'glue-table',
    owner: 'group:default/data-engineering',
    lifecycle: 'production',
    location: 's3://lake/curated/customers/',
    format: 'parquet',
    schema: {
      columns: [
        { name: 'customer_id', type: 'string', classification: 'internal' },
        {
          name: 'email',
          type: 'string',
          description: 'Contact email',
          classification: 'pii',
        },
      ],
    },
    partitionKeys: [{ name: 'dt', type: 'date' }],
  },
  relations: [
    { type: 'producedBy', targetRef: 'component:default/curate-customers' },
    { type: 'trainingDataFor', targetRef: 'modelversion:default/churn-3' },
  ],
};
