import { ConfigReader } from '@backstage/config';
import { readAwsGlueConfigs } from './readAwsGlueConfigs';

const read = (provider: object) =>
  readAwsGlueConfigs(
    new ConfigReader({
      catalog: {
        providers: { awsGlue: { eu: { region: 'eu-west-1', ...provider } } },
      },
    }),
  )[0];

describe('readAwsGlueConfigs', () => {
  it('reads every database unless told otherwise', () => {
    const { databases } = read({});
    expect(databases.include.some(p => p.test('anything'))).toBe(true);
    expect(databases.exclude).toEqual([]);
  });

  it('matches database patterns against whole names', () => {
    const { databases } = read({
      databases: { include: ['sales', 'curated_.*'], exclude: ['.*_tmp'] },
    });
    const included = (name: string) =>
      databases.include.some(p => p.test(name)) &&
      !databases.exclude.some(p => p.test(name));
    expect(included('sales')).toBe(true);
    expect(included('sales_archive')).toBe(false);
    expect(included('curated_payments')).toBe(true);
    expect(included('curated_payments_tmp')).toBe(false);
  });

  it('names a pattern that is not a regular expression', () => {
    expect(() => read({ databases: { include: ['sales('] } })).toThrow(
      'Invalid regular expression "sales(" at catalog.providers.awsGlue.eu.databases.include',
    );
  });
});
