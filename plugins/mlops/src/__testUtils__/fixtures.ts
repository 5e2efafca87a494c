import type {
  DatasetEntityV1alpha1,
  FeatureGroupEntityV1alpha1,
  ModelEntityV1alpha1,
  ModelVersionEntityV1alpha1,
  Review,
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

export const featureGroup: FeatureGroupEntityV1alpha1 = {
  apiVersion: 'ml-foundation.dev/v1alpha1',
  kind: 'FeatureGroup',
  metadata: {
    name: 'customer-features',
    namespace: 'default',
    description: 'Tenure and contract features per customer.',
    tags: ['churn', 'feature-store'],
  },
  spec: {
    owner: 'group:default/ml-platform',
    lifecycle: 'production',
    recordIdentifier: 'customer_id',
    eventTime: 'event_time',
    features: [
      { name: 'customer_id', type: 'String' },
      { name: 'event_time', type: 'Fractional' },
      {
        name: 'tenure_months',
        type: 'Integral',
        description: 'Months since signup',
      },
    ],
    onlineStore: { enabled: true },
    offlineStore: {
      s3Uri: 's3://lake/feature-store/customer-features/',
      database: 'features',
      table: 'customer_features',
    },
  },
  relations: [
    { type: 'derivedFrom', targetRef: 'dataset:default/customers' },
    { type: 'trainingDataFor', targetRef: 'modelversion:default/churn-3' },
  ],
};

/** An open promotion of churn-3 to production, one checkpoint passed and one pending. */
export function review(patch: Partial<Review> = {}): Review {
  return {
    id: 'r1',
    kind: 'promotion',
    entityRef: 'modelversion:default/churn-3',
    modelRef: 'model:default/churn',
    targetStage: 'production',
    policy: 'default',
    state: 'open',
    requestedBy: 'user:default/bob',
    requestedAt: '2026-12-01T10:00:00Z',
    checkpoints: [
      {
        id: 'auc',
        type: 'metric-threshold',
        state: 'passed',
        message: 'validation:auc 0.86 is >= 0.8',
        evidence: { value: 0.86, min: 0.8 },
        evaluatedAt: '2026-12-01T10:00:00Z',
      },
      {
        id: 'risk-signoff',
        type: 'approval',
        state: 'pending',
        message: '0 of 2 model-risk approvals',
        evidence: { approvers: [] },
        evaluatedAt: '2026-12-01T10:00:00Z',
      },
    ],
    decisions: [],
    updatedAt: '2026-12-01T10:00:00Z',
    ...patch,
  };
}
