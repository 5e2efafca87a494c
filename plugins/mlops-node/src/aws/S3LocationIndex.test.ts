import { S3LocationIndex } from './S3LocationIndex';

describe('S3LocationIndex', () => {
  const index = new S3LocationIndex();
  index.add('s3://lake/curated/tx/', 'dataset:tx');
  index.add('s3://lake/curated', 'dataset:curated');
  index.add('s3a://lake/curated/tx/daily', 'dataset:tx-daily');

  it('matches the longest prefix, by whole path segments', () => {
    expect(index.match('s3://lake/curated/tx/2024/01/part-0.parquet')).toBe(
      'dataset:tx',
    );
    expect(index.match('s3://lake/curated/tx/daily/x')).toBe(
      'dataset:tx-daily',
    );
    expect(index.match('s3://lake/curated/tx_archive/')).toBe(
      'dataset:curated',
    );
    expect(index.match('s3://lake/raw/tx')).toBeUndefined();
    expect(index.match('s3://other/curated/tx')).toBeUndefined();
  });

  it('treats s3a://, s3n:// and trailing slashes alike', () => {
    expect(index.match('s3n://lake/curated/tx')).toBe('dataset:tx');
    expect(index.match('s3://lake/curated/tx/daily/')).toBe('dataset:tx-daily');
  });

  it('lets a feature group beat the table of its own offline store', () => {
    const store =
      's3://fs/offline-store/123/sagemaker/eu-west-1/offline-store/fg-1/data';
    const both = new S3LocationIndex();
    both.add(store, 'featuregroup:fg', 1);
    both.add(`${store}/`, 'dataset:fg-offline');
    expect(both.match(`${store}/year=2024/x.parquet`)).toBe('featuregroup:fg');
  });

  it('matches nothing that is not an S3 URI', () => {
    expect(index.match('https://lake/curated/tx')).toBeUndefined();
  });
});
