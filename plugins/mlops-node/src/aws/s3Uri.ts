/**
 * Normalises an S3 URI for comparison: `s3a://` and `s3n://` become `s3://`,
 * and repeated or trailing slashes go.
 */
export function normalizeS3Uri(uri: string): string {
  const match = /^s3[an]?:\/\/([^/]+)\/*(.*)$/i.exec(uri.trim());
  if (!match) {
    return uri.trim();
  }
  const key = match[2].split('/').filter(Boolean).join('/');
  return key ? `s3://${match[1]}/${key}` : `s3://${match[1]}`;
}

/**
 * Whether `prefix` contains `uri`, by whole path segments: `s3://lake/tx`
 * contains `s3://lake/tx/2024/` but not `s3://lake/tx_archive/`.
 */
export function s3PrefixContains(prefix: string, uri: string): boolean {
  const p = normalizeS3Uri(prefix);
  const u = normalizeS3Uri(uri);
  return u === p || u.startsWith(`${p}/`);
}
