import type { Entity } from '@backstage/catalog-model';
import {
  entityRefArray,
  mlKindSchema,
  ownershipProperties,
} from './commonSchema';

/** Approval state of a model version, as in the SageMaker model registry. */
export type ModelApprovalStatus =
  | 'PendingManualApproval'
  | 'Approved'
  | 'Rejected';

/** The data split a metric was measured on. */
export type MetricSplit = 'train' | 'validation' | 'test';

/** One measured metric of a model version. */
export type ModelMetric = {
  name: string;
  value: number;
  split?: MetricSplit;
  standardDeviation?: number;
};

/** One registered version of a model: a SageMaker model package. */
export interface ModelVersionEntityV1alpha1 extends Entity {
  apiVersion: 'ml-foundation.dev/v1alpha1';
  kind: 'ModelVersion';
  spec: {
    /** Entity reference of the Model this is a version of. */
    model: string;
    version: number;
    owner: string;
    lifecycle: string;
    system?: string;
    approvalStatus: ModelApprovalStatus;
    /** Stage in the model lifecycle, e.g. Development, Staging, Production. */
    stage?: string;
    framework?: string;
    image?: string;
    artifactUri?: string;
    metrics?: ModelMetric[];
    hyperparameters?: Record<string, string>;
    training?: {
      jobName?: string;
      jobArn?: string;
      /** Training inputs as raw URIs, whether or not they map to a dataset. */
      inputs?: Array<{ channel?: string; uri: string }>;
    };
    /** Datasets or feature groups this version was trained on. */
    trainedOn?: string[];
    createdBy?: string;
    createdAt?: string;
  };
}

/** JSON schema of the ModelVersion kind. */
export const modelVersionEntityV1alpha1Schema = mlKindSchema(
  'ModelVersion',
  'One registered version of a model (a SageMaker model package).',
  {
    type: 'object',
    required: ['model', 'version', 'owner', 'lifecycle', 'approvalStatus'],
    properties: {
      ...ownershipProperties,
      model: {
        type: 'string',
        minLength: 1,
        description: 'Entity reference of the Model (versionOf relation).',
      },
      version: {
        type: 'integer',
        minimum: 1,
        description: 'Version number within the model, starting at 1.',
      },
      approvalStatus: {
        enum: ['PendingManualApproval', 'Approved', 'Rejected'],
        description: 'Approval state in the model registry.',
      },
      stage: {
        type: 'string',
        description: 'Lifecycle stage, e.g. Development, Staging, Production.',
      },
      framework: {
        type: 'string',
        description: 'e.g. xgboost 1.7, pytorch 2.3.',
      },
      image: { type: 'string', description: 'Inference container image URI.' },
      artifactUri: {
        type: 'string',
        pattern: '^s3[an]?://[^/]+',
        description: 'S3 URI of the model artifact.',
      },
      metrics: {
        type: 'array',
        items: {
          type: 'object',
          required: ['name', 'value'],
          properties: {
            name: { type: 'string', minLength: 1 },
            value: { type: 'number' },
            split: { enum: ['train', 'validation', 'test'] },
            standardDeviation: { type: 'number' },
          },
        },
      },
      hyperparameters: {
        type: 'object',
        additionalProperties: { type: 'string' },
      },
      training: {
        type: 'object',
        properties: {
          jobName: { type: 'string' },
          jobArn: { type: 'string' },
          inputs: {
            type: 'array',
            items: {
              type: 'object',
              required: ['uri'],
              properties: {
                channel: { type: 'string' },
                uri: { type: 'string', minLength: 1 },
              },
            },
          },
        },
      },
      trainedOn: entityRefArray(
        'Datasets or FeatureGroups this version was trained on (trainedOn relation).',
      ),
      createdBy: { type: 'string' },
      createdAt: {
        type: 'string',
        description: 'ISO 8601 time of registration.',
      },
    },
  } as const,
);
