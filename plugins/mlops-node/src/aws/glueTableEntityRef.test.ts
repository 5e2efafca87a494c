import { glueTableArn, glueTableEntityRef } from './glueTableEntityRef';

describe('glueTableEntityRef', () => {
  const table = {
    accountId: '123456789012',
    region: 'eu-west-1',
    database: 'curated_payments',
    table: 'transactions',
  };

  it('refers to a Dataset named after the table', () => {
    expect(glueTableEntityRef(table)).toMatch(
      /^dataset:default\/curated-payments-transactions-[0-9a-f]{8}$/,
    );
  });

  it('is the same however a script or SageMaker spells the names', () => {
    expect(
      glueTableEntityRef({
        ...table,
        database: 'Curated_Payments',
        table: 'TRANSACTIONS',
      }),
    ).toBe(glueTableEntityRef(table));
  });

  it('differs between regions and accounts', () => {
    const refs = new Set([
      glueTableEntityRef(table),
      glueTableEntityRef({ ...table, region: 'us-east-1' }),
      glueTableEntityRef({ ...table, accountId: '210987654321' }),
    ]);
    expect(refs.size).toBe(3);
  });

  it('builds the ARN in the partition of the region', () => {
    expect(glueTableArn({ ...table, region: 'cn-north-1' })).toBe(
      'arn:aws-cn:glue:cn-north-1:123456789012:table/curated_payments/transactions',
    );
  });
});
