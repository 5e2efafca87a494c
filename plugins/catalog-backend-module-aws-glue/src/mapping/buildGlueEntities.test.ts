import type { CodeGenNode, Table } from '@aws-sdk/client-glue';
import type { Entity } from '@backstage/catalog-model';
import {
  getMlEntityReferences,
  validateMlEntity,
} from '@ml-foundation/plugin-mlops-common';
import { glueTableEntityRef } from '@ml-foundation/plugin-mlops-node';
import { GlueJobRecord, GlueSnapshot } from '../reader/GlueSnapshot';
import { buildGlueEntities } from './buildGlueEntities';

const accountId = '123456789012';
const region = 'eu-west-1';
const ref = (database: string, table: string) =>
  glueTableEntityRef({ accountId, region, database, table });

const transactions: Table = {
  Name: 'transactions',
  Description: 'One row per card authorisation',
  TableType: 'EXTERNAL_TABLE',
  Parameters: {
    classification: 'parquet',
    'parquet.compression': 'SNAPPY',
    'spark.sql.sources.schema.part.0': '{"type":"struct"}',
  },
  PartitionKeys: [{ Name: 'txn_date', Type: 'date', Comment: 'UTC date' }],
  StorageDescriptor: {
    Location: 's3://acme-curated/payments/transactions/',
    Columns: [
      { Name: 'transaction_id', Type: 'string', Comment: 'Authorisation id' },
      { Name: 'amount_gbp', Type: 'decimal(12,2)' },
    ],
  },
};
const merchants: Table = {
  Name: 'merchants',
  StorageDescriptor: {
    Location: 's3://acme-curated/payments/merchants',
    Columns: [{ Name: 'merchant_id', Type: 'string' }],
  },
};
const view: Table = {
  Name: 'declined_by_merchant',
  TableType: 'VIRTUAL_VIEW',
  ViewOriginalText:
    'SELECT m.merchant_id, count(*) FROM transactions t JOIN curated_payments.merchants m ON t.merchant_id = m.merchant_id JOIN other_db.unknown u ON true GROUP BY 1',
  StorageDescriptor: { Columns: [{ Name: 'merchant_id', Type: 'string' }] },
};
const offlineStore: Table = {
  Name: 'customer_features_1704931200',
  StorageDescriptor: {
    Location:
      's3://acme-fs/offline/123456789012/sagemaker/eu-west-1/offline-store/customer-features-1704931200/data',
  },
};

const node = (
  NodeType: string,
  LineNumber: number,
  args: Record<string, string>,
): CodeGenNode => ({
  Id: `${NodeType}${LineNumber}`,
  NodeType,
  LineNumber,
  Args: Object.entries(args).map(([Name, Value]) => ({ Name, Value })),
});

function job(
  name: string,
  dataflow: GlueJobRecord['dataflow'],
  tags: Record<string, string> = {},
  jobRegion = region,
): GlueJobRecord {
  return {
    job: { Name: name, Description: `The ${name} job` },
    arn: `arn:aws:glue:${jobRegion}:${accountId}:job/${name}`,
    tags,
    dataflow,
  };
}

function snapshot(jobs: GlueJobRecord[] = []): GlueSnapshot {
  return {
    accountId,
    region,
    databases: [
      {
        name: 'curated_payments',
        catalogId: accountId,
        tags: { Owner: 'data-engineering' },
        tables: [transactions, merchants, view],
      },
      {
        name: 'sagemaker_featurestore',
        catalogId: accountId,
        tags: {},
        tables: [offlineStore],
      },
    ],
    jobs,
  };
}

const options = {
  ownerTagKey: 'owner',
  defaultOwner: 'group:default/ml-platform',
};

function byTitle(entities: Entity[], title: string): Entity {
  const entity = entities.find(e => e.metadata.title === title);
  if (!entity) {
    throw new Error(`no entity titled ${title}`);
  }
  return entity;
}

describe('buildGlueEntities', () => {
  it('describes a table as a Dataset: columns, partition keys, location, format, parameters', () => {
    const entities = buildGlueEntities(snapshot(), options);
    const dataset = byTitle(entities, 'curated_payments.transactions');

    expect(dataset).toEqual({
      apiVersion: 'ml-foundation.dev/v1alpha1',
      kind: 'Dataset',
      metadata: {
        name: ref('curated_payments', 'transactions').split('/')[1],
        title: 'curated_payments.transactions',
        description: 'One row per card authorisation',
        annotations: expect.objectContaining({
          'aws.amazon.com/arn':
            'arn:aws:glue:eu-west-1:123456789012:table/curated_payments/transactions',
          'aws.amazon.com/account-id': accountId,
          'aws.amazon.com/region': region,
        }),
        links: [
          {
            url: 'https://eu-west-1.console.aws.amazon.com/glue/home?region=eu-west-1#/v2/data-catalog/tables/view/transactions?database=curated_payments&catalogId=123456789012',
            title: 'AWS Glue console',
            icon: 'cloud',
          },
        ],
      },
      spec: {
        type: 'glue-table',
        owner: 'group:default/data-engineering',
        lifecycle: 'production',
        location: 's3://acme-curated/payments/transactions/',
        format: 'parquet',
        schema: {
          columns: [
            {
              name: 'transaction_id',
              type: 'string',
              description: 'Authorisation id',
            },
            { name: 'amount_gbp', type: 'decimal(12,2)' },
          ],
        },
        partitionKeys: [
          { name: 'txn_date', type: 'date', description: 'UTC date' },
        ],
        parameters: {
          classification: 'parquet',
          'parquet.compression': 'SNAPPY',
        },
      },
    });
    expect(() => validateMlEntity(dataset)).not.toThrow();
  });

  it('derives a view from the tables its SQL reads that exist', () => {
    const entities = buildGlueEntities(snapshot(), options);
    const dataset = byTitle(entities, 'curated_payments.declined_by_merchant');
    expect(dataset.spec).toMatchObject({
      type: 'glue-view',
      upstream: [
        ref('curated_payments', 'transactions'),
        ref('curated_payments', 'merchants'),
      ],
    });
    expect(getMlEntityReferences(dataset).map(r => r.relation)).toContain(
      'derivedFrom',
    );
  });

  it("leaves a feature group's offline-store table to the SageMaker provider", () => {
    const entities = buildGlueEntities(snapshot(), options);
    expect(entities.map(e => e.metadata.title)).not.toContain(
      'sagemaker_featurestore.customer_features_1704931200',
    );
  });

  it('classifies a table and its columns from the ml-foundation.dev/data-classification parameter', () => {
    const customers: Table = {
      Name: 'customers',
      Parameters: {
        classification: 'parquet',
        'ml-foundation.dev/data-classification': 'PII',
      },
      StorageDescriptor: {
        Location: 's3://acme-curated/customer/customers/',
        Columns: [
          { Name: 'customer_id', Type: 'string' },
          {
            Name: 'email',
            Type: 'string',
            Parameters: { 'ml-foundation.dev/data-classification': 'pii' },
          },
        ],
      },
    };
    const base = snapshot();
    const entities = buildGlueEntities(
      {
        ...base,
        databases: [
          {
            ...base.databases[0],
            tables: [...base.databases[0].tables, customers],
          },
        ],
      },
      options,
    );
    const dataset = byTitle(entities, 'curated_payments.customers');
    expect(dataset.spec).toMatchObject({
      format: 'parquet',
      classification: 'pii',
      schema: {
        columns: [
          { name: 'customer_id', type: 'string' },
          { name: 'email', type: 'string', classification: 'pii' },
        ],
      },
    });
    expect(
      byTitle(entities, 'curated_payments.transactions').spec,
    ).not.toHaveProperty('classification');
    expect(() => validateMlEntity(dataset)).not.toThrow();
  });

  it('gives a table with no owner tag on its database the default owner', () => {
    const entities = buildGlueEntities(
      { ...snapshot(), databases: [{ ...snapshot().databases[0], tags: {} }] },
      options,
    );
    expect(byTitle(entities, 'curated_payments.transactions').spec?.owner).toBe(
      'group:default/ml-platform',
    );
  });

  it("links a job to what its script reads and writes, from the dataflow graph's Python literals", () => {
    const entities = buildGlueEntities(
      snapshot([
        job(
          'curate-payments',
          {
            nodes: [
              node('DataSource', 12, {
                database: '"curated_payments"',
                table_name: "'transactions'",
              }),
              node('DataSource', 14, {
                connection_type: '"s3"',
                connection_options:
                  '{"paths": ["s3a://acme-curated/payments/merchants/2024/"], "recurse": True}',
              }),
              node('DataSink', 30, {
                connection_type: '"s3"',
                connection_options:
                  '{"path": "s3://acme-fs/offline/123456789012/sagemaker/eu-west-1/offline-store/customer-features-1704931200/data/year=2024"}',
                format: '"parquet"',
              }),
            ],
          },
          { owner: 'user:jane' },
        ),
      ]),
      options,
    );
    const component = byTitle(entities, 'curate-payments');
    expect(component).toMatchObject({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        description: 'The curate-payments job',
        annotations: {
          'aws.amazon.com/arn':
            'arn:aws:glue:eu-west-1:123456789012:job/curate-payments',
        },
        links: [
          {
            url: 'https://eu-west-1.console.aws.amazon.com/gluestudio/home?region=eu-west-1#/editor/job/curate-payments/details',
          },
        ],
      },
      spec: {
        type: 'data-pipeline',
        owner: 'user:jane',
        consumes: [
          ref('curated_payments', 'transactions'),
          ref('curated_payments', 'merchants'),
        ],
        produces: [
          ref('sagemaker_featurestore', 'customer_features_1704931200'),
        ],
      },
    });
    expect(component.spec).not.toHaveProperty('lineageNote');
  });

  it('says which data-flow nodes it could not link, and links the rest', () => {
    const [component] = buildGlueEntities(
      snapshot([
        job('mixed', {
          nodes: [
            node('DataSource', 3, {
              database: 'args["db"]',
              table_name: '"transactions"',
            }),
            node('DataSource', 5, {
              database: '"curated_payments"',
              table_name: '"gone"',
            }),
            node('DataSource', 7, {
              connection_type: '"mysql"',
              connection_options: '{"url": "jdbc:mysql://db"}',
            }),
            node('DataSink', 9, {
              connection_type: '"s3"',
              connection_options:
                '{"path": "s3://acme-curated/payments/transactions_v2/"}',
            }),
            node('DataSink', 11, {
              database: '"curated_payments"',
              table_name: '"merchants"',
            }),
          ],
        }),
      ]),
      options,
    ).filter(e => e.kind === 'Component');
    expect(component.spec).toMatchObject({
      owner: 'group:default/ml-platform',
      produces: [ref('curated_payments', 'merchants')],
      lineageNote:
        "Not linked: line 3 (DataSource): database and table_name are not literals; line 5 (DataSource): table curated_payments.gone is not in the catalog read; line 7 (DataSource): mysql connections are not datasets; line 9 (DataSink): s3://acme-curated/payments/transactions_v2/ is in no table's location",
    });
    expect(component.spec).not.toHaveProperty('consumes');
  });

  it('keeps a job whose script could not be read, with no edges and a note', () => {
    const [component] = buildGlueEntities(
      snapshot([
        job('broken', {
          note: "Glue could not parse the job's script: bad indent",
        }),
      ]),
      options,
    ).filter(e => e.kind === 'Component');
    expect(component.spec).toEqual({
      type: 'data-pipeline',
      lifecycle: 'production',
      owner: 'group:default/ml-platform',
      lineageNote: "Glue could not parse the job's script: bad indent",
    });
  });

  it('names same-named tables and jobs of two regions apart', () => {
    const eu = buildGlueEntities(
      snapshot([job('nightly', { nodes: [] })]),
      options,
    );
    const us = buildGlueEntities(
      {
        ...snapshot([job('nightly', { nodes: [] }, {}, 'us-east-1')]),
        region: 'us-east-1',
      },
      options,
    );
    expect(us).toHaveLength(eu.length);
    const euNames = new Set(eu.map(e => e.metadata.name));
    expect(us.some(e => euNames.has(e.metadata.name))).toBe(false);
  });
});
