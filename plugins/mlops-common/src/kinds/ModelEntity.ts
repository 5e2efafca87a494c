import type { Entity } from '@backstage/catalog-model';
import { mlKindSchema, ownershipProperties } from './commonSchema';

/** A registered model: a SageMaker model package group. */
export interface ModelEntityV1alpha1 extends Entity {
  apiVersion: 'ml-foundation.dev/v1alpha1';
  kind: 'Model';
  spec: {
    owner: string;
    lifecycle: string;
    system?: string;
    /** e.g. BinaryClassification, Regression, MulticlassClassification. */
    problemType?: string;
    description?: string;
    modelCard?: {
      intendedUse?: string;
      limitations?: string;
      ethicalConsiderations?: string;
    };
  };
}

/** JSON schema of the Model kind. */
export const modelEntityV1alpha1Schema = mlKindSchema(
  'Model',
  'A registered model (a SageMaker model package group).',
  {
    type: 'object',
    required: ['owner', 'lifecycle'],
    properties: {
      ...ownershipProperties,
      problemType: {
        type: 'string',
        description:
          'e.g. BinaryClassification, Regression, MulticlassClassification.',
      },
      description: { type: 'string' },
      modelCard: {
        type: 'object',
        description: 'The parts of the model card that reviewers read first.',
        properties: {
          intendedUse: { type: 'string' },
          limitations: { type: 'string' },
          ethicalConsiderations: { type: 'string' },
        },
      },
    },
  } as const,
);
