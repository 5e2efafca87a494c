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
        etag: `"${createHash('md5').update(body).digest('hex')}"`,
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
