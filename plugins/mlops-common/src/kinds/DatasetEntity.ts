import type { Entity } from '@backstage/catalog-model';
import {
  entityRefArray,
  mlKindSchema,
  ownershipProperties,
} from './commonSchema';

/** Where a dataset lives. */
export type DatasetType =
  | 'glue-table'
  | 'glue-view'
  | 's3-prefix'
  | 'feature-offline-store'
  | 'other';

/** One column of a dataset's schema. */
export type DatasetColumn = {
  name: string;
  type: string;
  description?: string;
  /** Data classification, e.g. `pii`, `confidential`, `public`. */
  classification?: string;
};

/** A table, view or S3 prefix that holds data. */
export interface DatasetEntityV1alpha1 extends Entity {
  apiVersion: 'ml-foundation.dev/v1alpha1';
  kind: 'Dataset';
  spec: {
    type: DatasetType;
    owner: string;
    lifecycle: string;
    system?: string;
    /** S3 URI of the data. */
    location?: string;
    /** Storage format, e.g. parquet, csv, iceberg. */
    format?: string;
    /**
     * Classification of the whole dataset, e.g. `pii`: a `pii` dataset needs
     * the privacy group's approval for access.
     */
    classification?: string;
    schema?: { columns: DatasetColumn[] };
    partitionKeys?: DatasetColumn[];
    /** Datasets or feature groups this one is derived from. */
    upstream?: string[];
    /** Free-form storage parameters (e.g. Glue table parameters). */
    parameters?: Record<string, string>;
  };
}

const column = {
  type: 'object',
  required: ['name', 'type'],
  properties: {
    name: { type: 'string', minLength: 1 },
    type: { type: 'string', minLength: 1 },
    description: { type: 'string' },
    classification: {
      type: 'string',
      description: 'Data classification, e.g. pii, confidential, public.',
    },
  },
} as const;

/** JSON schema of the Dataset kind. */
export const datasetEntityV1alpha1Schema = mlKindSchema(
  'Dataset',
  'A table, view or S3 prefix that holds data.',
  {
    type: 'object',
    required: ['type', 'owner', 'lifecycle'],
    properties: {
      ...ownershipProperties,
      type: {
        enum: [
          'glue-table',
          'glue-view',
          's3-prefix',
          'feature-offline-store',
          'other',
        ],
        description: 'Where the dataset lives.',
      },
      location: {
        type: 'string',
        pattern: '^s3[an]?://[^/]+',
        description:
          'S3 URI of the data, e.g. s3://lake/curated/transactions/.',
      },
      format: { type: 'string', description: 'Storage format, e.g. parquet.' },
      classification: {
        type: 'string',
        minLength: 1,
        description:
          'Data classification of the whole dataset, e.g. pii, confidential, public.',
      },
      schema: {
        type: 'object',
        required: ['columns'],
        properties: { columns: { type: 'array', items: column } },
      },
      partitionKeys: { type: 'array', items: column },
      upstream: entityRefArray(
        'Datasets or FeatureGroups this dataset is derived from (derivedFrom relation).',
      ),
      parameters: {
        type: 'object',
        additionalProperties: { type: 'string' },
        description: 'Storage parameters, e.g. the Glue table parameters.',
      },
    },
  } as const,
);
