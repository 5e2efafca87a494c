import { parseViewSources, viewSql } from './parseViewSources';

describe('parseViewSources', () => {
  it('reads tables after FROM and JOIN, qualified or in the view database', () => {
    expect(
      parseViewSources(`
        SELECT t.*, m.mcc_group
        FROM curated_payments.transactions t
        LEFT JOIN "curated_payments"."merchants" AS m ON t.merchant_id = m.merchant_id
        JOIN fraud_labels USING (transaction_id)`),
    ).toEqual([
      { database: 'curated_payments', table: 'transactions' },
      { database: 'curated_payments', table: 'merchants' },
      { table: 'fraud_labels' },
    ]);
  });

  it('reads comma joins, catalog-qualified and backquoted names, once each', () => {
    expect(
      parseViewSources(
        'select * from awsdatacatalog.sales.orders o, `sales`.`Customers` c, sales.orders',
      ),
    ).toEqual([
      { database: 'sales', table: 'orders' },
      { database: 'sales', table: 'customers' },
    ]);
  });

  it('leaves out common table expressions, subqueries, UNNEST, comments and strings', () => {
    expect(
      parseViewSources(`
        WITH recent AS (SELECT * FROM sales.orders WHERE d > 'from x'),
             big (id) AS (SELECT id FROM recent)
        -- FROM commented.out
        SELECT * FROM big
        CROSS JOIN UNNEST(items) AS i
        JOIN (SELECT * FROM sales.returns) r ON true /* JOIN also.out */`),
    ).toEqual([
      { database: 'sales', table: 'orders' },
      { database: 'sales', table: 'returns' },
    ]);
  });

  it('finds nothing where there is no FROM it can read', () => {
    expect(parseViewSources('SELECT 1')).toEqual([]);
    expect(parseViewSources('not sql at all')).toEqual([]);
  });
});

describe('viewSql', () => {
  it("decodes Athena's Presto view text", () => {
    const json = { originalSql: 'SELECT * FROM sales.orders', catalog: 'x' };
    const text = `/* Presto View: ${Buffer.from(JSON.stringify(json)).toString(
      'base64',
    )} */`;
    expect(viewSql(text)).toBe('SELECT * FROM sales.orders');
    expect(viewSql('SELECT 1')).toBe('SELECT 1');
    expect(viewSql('/* Presto View: !!! */')).toBe('/* Presto View: !!! */');
  });
});
