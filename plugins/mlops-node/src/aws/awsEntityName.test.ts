import { awsEntityName } from './awsEntityName';

describe('awsEntityName', () => {
  const arn = (region: string) =>
    `arn:aws:glue:${region}:123456789012:table/sales/orders`;

  it('gives same-named resources in two regions different names', () => {
    const eu = awsEntityName('sales.orders', arn('eu-west-1'));
    const us = awsEntityName('sales.orders', arn('us-east-1'));
    expect(eu).toMatch(/^sales-orders-[0-9a-f]{8}$/);
    expect(us).toMatch(/^sales-orders-[0-9a-f]{8}$/);
    expect(eu).not.toBe(us);
  });

  it('is stable, so an entity keeps its name from sync to sync', () => {
    expect(awsEntityName('Orders', arn('eu-west-1'))).toBe(
      awsEntityName('Orders', arn('eu-west-1')),
    );
  });

  it('makes a valid catalog name of any display name', () => {
    const long = awsEntityName(`__${'Very_Long '.repeat(20)}--`, arn('x'));
    expect(long.length).toBeLessThanOrEqual(63);
    expect(long).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(awsEntityName('***', arn('x'))).toMatch(/^[0-9a-f]{8}$/);
  });
});
