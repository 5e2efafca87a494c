import { normalizeS3Uri, s3PrefixContains } from './s3Uri';

describe('normalizeS3Uri', () => {
  it('treats s3a://, s3n:// and trailing slashes as the same location', () => {
    expect(normalizeS3Uri('s3a://lake/curated/tx/')).toBe(
      's3://lake/curated/tx',
    );
    expect(normalizeS3Uri('s3n://lake//curated/tx')).toBe(
      's3://lake/curated/tx',
    );
    expect(normalizeS3Uri('s3://lake/')).toBe('s3://lake');
  });
});

describe('s3PrefixContains', () => {
  it('matches by whole path segments', () => {
    expect(
      s3PrefixContains('s3://lake/tx', 's3://lake/tx/2024/01/part.parquet'),
    ).toBe(true);
    expect(s3PrefixContains('s3://lake/tx/', 's3a://lake/tx')).toBe(true);
    expect(s3PrefixContains('s3://lake/tx', 's3://lake/tx_archive/')).toBe(
      false,
    );
    expect(s3PrefixContains('s3://lake/tx', 's3://other/tx')).toBe(false);
  });
});
