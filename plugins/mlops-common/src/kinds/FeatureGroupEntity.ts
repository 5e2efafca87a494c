import type { Entity } from '@backstage/catalog-model';
import {
  entityRefArray,
  mlKindSchema,
  ownershipProperties,
} from './commonSchema';

/** One feature of a feature group. */
export type Feature = {
  name: string;
  /** SageMaker Feature Store feature type. */
  type: 'Integral' | 'Fractional' | 'String';
  description?: string;
};

/** A SageMaker Feature Store feature group (or any curated feature set). */
export interface FeatureGroupEntityV1alpha1 extends Entity {
  apiVersion: 'ml-foundation.dev/v1alpha1';
  kind: 'FeatureGroup';
  spec: {
    owner: string;
    lifecycle: string;
    system?: string;
    recordIdentifier: string;
    eventTime: string;
    features: Feature[];
    onlineStore?: { enabled: boolean };
    offlineStore?: { s3Uri?: string; database?: string; table?: string };
    /** Datasets or feature groups the features are computed from. */
    sourceDatasets?: string[];
  };
}

/** JSON schema of the FeatureGroup kind. */
export const featureGroupEntityV1alpha1Schema = mlKindSchema(
  'FeatureGroup',
  'A set of features kept in a feature store.',
  {
    type: 'object',
    required: [
      'owner',
      'lifecycle',
      'recordIdentifier',
      'eventTime',
      'features',
    ],
    properties: {
      ...ownershipProperties,
      recordIdentifier: {
        type: 'string',
        minLength: 1,
        description: 'Name of the feature that identifies a record.',
      },
      eventTime: {
        type: 'string',
        minLength: 1,
        description: 'Name of the feature that holds the event time.',
      },
      features: {
        type: 'array',
        minItems: 1,
        items: {
          type: 'object',
          required: ['name', 'type'],
          properties: {
            name: { type: 'string', minLength: 1 },
            type: {
              enum: ['Integral', 'Fractional', 'String'],
              description: 'SageMaker Feature Store feature type.',
            },
            description: { type: 'string' },
          },
        },
      },
      onlineStore: {
        type: 'object',
        required: ['enabled'],
        properties: { enabled: { type: 'boolean' } },
      },
      offlineStore: {
        type: 'object',
        properties: {
          s3Uri: { type: 'string', pattern: '^s3[an]?://[^/]+' },
          database: { type: 'string' },
          table: { type: 'string' },
        },
      },
      sourceDatasets: entityRefArray(
        'Datasets or FeatureGroups the features are computed from (derivedFrom relation).',
      ),
    },
  } as const,
);
