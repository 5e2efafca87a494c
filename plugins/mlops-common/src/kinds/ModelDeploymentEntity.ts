import type { Entity } from '@backstage/catalog-model';
import { mlKindSchema, ownershipProperties } from './commonSchema';

/** How a deployment serves predictions. */
export type ModelDeploymentType =
  | 'realtime-endpoint'
  | 'serverless-endpoint'
  | 'batch-transform';

/** One production variant of an endpoint. */
export type ModelDeploymentVariant = {
  name: string;
  /**
   * Entity reference of the ModelVersion this variant serves; absent when the
   * served model is not in the model registry.
   */
  modelVersion?: string;
  /** Name of the SageMaker model behind the variant. */
  modelName?: string;
  /** Share of traffic, as SageMaker's relative variant weight. */
  weight?: number;
  instanceType?: string;
  instanceCount?: number;
};

/** A SageMaker endpoint or batch transform that serves model versions. */
export interface ModelDeploymentEntityV1alpha1 extends Entity {
  apiVersion: 'ml-foundation.dev/v1alpha1';
  kind: 'ModelDeployment';
  spec: {
    type: ModelDeploymentType;
    owner: string;
    lifecycle: string;
    system?: string;
    /** e.g. InService, Updating, Failed, Completed. */
    status?: string;
    variants: ModelDeploymentVariant[];
    monitoringSchedules?: Array<{
      name: string;
      type?: string;
      status?: string;
    }>;
    /** A recurring batch transform's recent runs, newest first. */
    runs?: ModelDeploymentRun[];
  };
}

/** One run of a recurring batch transform. */
export type ModelDeploymentRun = {
  /** The transform job's name. */
  name: string;
  /** e.g. InProgress, Completed, Failed, Stopped. */
  status?: string;
  /** ISO 8601. */
  startedAt?: string;
  /** ISO 8601. */
  endedAt?: string;
  failureReason?: string;
};

/** JSON schema of the ModelDeployment kind. */
export const modelDeploymentEntityV1alpha1Schema = mlKindSchema(
  'ModelDeployment',
  'A SageMaker endpoint or batch transform job that serves model versions.',
  {
    type: 'object',
    required: ['type', 'owner', 'lifecycle', 'variants'],
    properties: {
      ...ownershipProperties,
      type: {
        enum: ['realtime-endpoint', 'serverless-endpoint', 'batch-transform'],
      },
      status: {
        type: 'string',
        description: 'e.g. InService, Updating, Failed.',
      },
      variants: {
        type: 'array',
        items: {
          type: 'object',
          required: ['name'],
          properties: {
            name: { type: 'string', minLength: 1 },
            modelVersion: {
              type: 'string',
              minLength: 1,
              description:
                'Entity reference of the ModelVersion served (deploys relation).',
            },
            modelName: {
              type: 'string',
              description: 'Name of the SageMaker model behind the variant.',
            },
            weight: { type: 'number', minimum: 0 },
            instanceType: { type: 'string' },
            instanceCount: { type: 'integer', minimum: 0 },
          },
        },
      },
      monitoringSchedules: {
        type: 'array',
        items: {
          type: 'object',
          required: ['name'],
          properties: {
            name: { type: 'string' },
            type: {
              type: 'string',
              description: 'e.g. DataQuality, ModelQuality.',
            },
            status: { type: 'string' },
          },
        },
      },
      runs: {
        type: 'array',
        description: "A recurring batch transform's recent runs, newest first.",
        items: {
          type: 'object',
          required: ['name'],
          properties: {
            name: { type: 'string', minLength: 1 },
            status: { type: 'string' },
            startedAt: { type: 'string' },
            endedAt: { type: 'string' },
            failureReason: { type: 'string' },
          },
        },
      },
    },
  } as const,
);
