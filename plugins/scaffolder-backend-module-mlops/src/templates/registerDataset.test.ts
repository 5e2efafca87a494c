import { validateMlEntity } from '@ml-foundation/plugin-mlops-common';
import { parse } from 'yaml';
import { dryRunTemplate } from '../__testUtils__/dryRunTemplate';

describe('template register-dataset', () => {
  it('describes an S3 dataset with its schema, classification and upstream', async () => {
    const result = await dryRunTemplate({
      template: 'register-dataset',
      values: {
        name: 'card-transactions-curated',
        description: 'Card transactions, deduplicated: "clean" copy',
        owner: 'group:default/data-engineering',
        type: 's3-prefix',
        location: 's3://datalake/curated/card-transactions/',
        format: 'parquet',
        classification: 'confidential',
        columns: [
          { name: 'transaction_id', type: 'string' },
          {
            name: 'card_number',
            type: 'string',
            classification: 'pii',
            description: 'PAN, tokenised',
          },
          { name: 'amount', type: 'decimal(12,2)' },
        ],
        upstream: ['dataset:default/card-transactions-raw'],
        publishTo: 'github',
        repoUrl: 'github.com?owner=acme&repo=data-catalog',
        targetPath: 'catalog/datasets',
      },
    });
    expect([...result.files.keys()].sort()).toEqual([
      'README.md',
      'catalog-info.yaml',
    ]);
    const dataset = parse(result.files.get('catalog-info.yaml')!.toString());
    validateMlEntity(dataset);
    expect(dataset).toEqual({
      apiVersion: 'ml-foundation.dev/v1alpha1',
      kind: 'Dataset',
      metadata: {
        name: 'card-transactions-curated',
        description: 'Card transactions, deduplicated: "clean" copy',
        annotations: {
          'backstage.io/source-template': 'template:default/register-dataset',
        },
        tags: ['confidential'],
        labels: { 'ml-foundation.dev/classification': 'confidential' },
      },
      spec: {
        type: 's3-prefix',
        owner: 'group:default/data-engineering',
        lifecycle: 'production',
        location: 's3://datalake/curated/card-transactions/',
        format: 'parquet',
        schema: {
          columns: [
            {
              name: 'transaction_id',
              type: 'string',
              classification: 'confidential',
            },
            {
              name: 'card_number',
              type: 'string',
              description: 'PAN, tokenised',
              classification: 'pii',
            },
            {
              name: 'amount',
              type: 'decimal(12,2)',
              classification: 'confidential',
            },
          ],
        },
        upstream: ['dataset:default/card-transactions-raw'],
      },
    });
    // The pull request and the validation ran, in dry-run mode.
    expect(result.log.join('\n')).toContain(
      'Valid: dataset:default/card-transactions-curated',
    );
    expect(result.log.join('\n')).toContain(
      'Running publish:github:pull-request in dry-run mode',
    );
  });

  it('describes a Glue table without a schema', async () => {
    const result = await dryRunTemplate({
      template: 'register-dataset',
      values: {
        name: 'orders',
        owner: 'group:default/data-engineering',
        type: 'glue-table',
        glueTable: 'sales.orders',
        location: 's3://datalake/sales/orders/',
        format: 'iceberg',
        classification: 'internal',
        publishTo: 'local',
      },
    });
    const dataset = parse(result.files.get('catalog-info.yaml')!.toString());
    validateMlEntity(dataset);
    expect(dataset.spec).toEqual({
      type: 'glue-table',
      owner: 'group:default/data-engineering',
      lifecycle: 'production',
      location: 's3://datalake/sales/orders/',
      format: 'iceberg',
      parameters: { glueTable: 'sales.orders' },
    });
  });
});
