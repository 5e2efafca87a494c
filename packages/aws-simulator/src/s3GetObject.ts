import { createHash, randomUUID } from 'node:crypto';
import { Estate } from './Estate';

/** An S3 REST response: S3 answers errors in XML, not in the JSON of the other services. */
export interface S3Response {
  status: number;
  /** The S3 error code of an error response. */
  errorCode?: string;
  headers: Record<string, string>;
  body: string;
}

/**
 * Answers a path-style GetObject (`GET /<bucket>/<key>`) from the estate's
 * objects, with S3's NoSuchBucket and NoSuchKey errors for what it lacks.
 */
export function s3GetObject(
  estate: Estate,
  bucket: string,
  key: string,
): S3Response {
  const body = estate.s3[`s3://${bucket}/${key}`];
  if (body !== undefined) {
    return {
      status: 200,
      headers: {
        'content-type': key.endsWith('.json')
          ? 'application/json'
          : 'binary/octet-stream',
        etag: `"${etagOf(body)}"`,
        'x-amz-request-id': randomUUID(),
      },
      body,
    };
  }
  const bucketExists = Object.keys(estate.s3).some(uri =>
    uri.startsWith(`s3://${bucket}/`),
  );
  return bucketExists
    ? s3Error(404, 'NoSuchKey', 'The specified key does not exist.', {
        Key: key,
      })
    : s3Error(404, 'NoSuchBucket', 'The specified bucket does not exist.', {
        BucketName: bucket,
      });
}

const MAX_KEYS = 1000;

/**
 * Answers a path-style ListObjectsV2 (`GET /<bucket>?list-type=2&prefix=...`):
 * up to 1,000 keys a page, as S3 gives, with their ETags.
 */
export function s3ListObjectsV2(
  estate: Estate,
  bucket: string,
  query: URLSearchParams,
): S3Response {
  const prefix = query.get('prefix') ?? '';
  const maxKeys = Math.min(Number(query.get('max-keys') ?? MAX_KEYS), MAX_KEYS);
  const start = query.get('continuation-token')
    ? Number(
        Buffer.from(query.get('continuation-token')!, 'base64url').toString(),
      )
    : 0;
  const keys = Object.keys(estate.s3)
    .filter(uri => uri.startsWith(`s3://${bucket}/`))
    .map(uri => uri.slice(`s3://${bucket}/`.length));
  if (!keys.length) {
    return s3Error(
      404,
      'NoSuchBucket',
      'The specified bucket does not exist.',
      {
        BucketName: bucket,
      },
    );
  }
  const matching = keys.filter(key => key.startsWith(prefix)).sort();
  const page = matching.slice(start, start + maxKeys);
  const truncated = start + maxKeys < matching.length;
  const contents = page
    .map(key => {
      const body = estate.s3[`s3://${bucket}/${key}`];
      return `<Contents><Key>${escapeXml(
        key,
      )}</Key><LastModified>2024-01-01T00:00:00.000Z</LastModified><ETag>&quot;${etagOf(
        body,
      )}&quot;</ETag><Size>${Buffer.byteLength(
        body,
      )}</Size><StorageClass>STANDARD</StorageClass></Contents>`;
    })
    .join('');
  const next = truncated
    ? `<NextContinuationToken>${Buffer.from(String(start + maxKeys)).toString(
        'base64url',
      )}</NextContinuationToken>`
    : '';
  return {
    status: 200,
    headers: {
      'content-type': 'application/xml',
      'x-amz-request-id': randomUUID(),
    },
    body: `<?xml version="1.0" encoding="UTF-8"?>\n<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>${escapeXml(
      bucket,
    )}</Name><Prefix>${escapeXml(prefix)}</Prefix><KeyCount>${
      page.length
    }</KeyCount><MaxKeys>${maxKeys}</MaxKeys><IsTruncated>${truncated}</IsTruncated>${contents}${next}</ListBucketResult>`,
  };
}

function etagOf(body: string): string {
  return createHash('md5').update(body).digest('hex');
}

/** An S3 error document. */
export function s3Error(
  status: number,
  code: string,
  message: string,
  details: Record<string, string> = {},
  headers: Record<string, string> = {},
): S3Response {
  const requestId = randomUUID();
  const fields = {
    Code: code,
    Message: message,
    ...details,
    RequestId: requestId,
  };
  const xml = Object.entries(fields)
    .map(([name, value]) => `<${name}>${escapeXml(value)}</${name}>`)
    .join('');
  return {
    status,
    errorCode: code,
    headers: {
      'content-type': 'application/xml',
      'x-amz-request-id': requestId,
      ...headers,
    },
    body: `<?xml version="1.0" encoding="UTF-8"?>\n<Error>${xml}</Error>`,
  };
}

function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}
