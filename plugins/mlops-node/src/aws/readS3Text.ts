import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { Entity } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import type { AwsEntityClients } from './AwsEntityClients';

/**
 * The text of an S3 object that an entity's evidence names (a Clarify
 * report, a Model Monitor violation report), read with the provider that
 * synced the entity.
 *
 * @throws InputError for a URI that is not `s3://bucket/key`, and S3's own
 * error (e.g. `NoSuchKey`, `AccessDenied`) when the object cannot be read.
 */
export async function readS3Text(
  clients: AwsEntityClients,
  entity: Entity,
  uri: string,
): Promise<string> {
  const match = /^s3:\/\/([^/]+)\/(.+)$/.exec(uri);
  if (!match) {
    throw new InputError(`${uri} is not an s3:// URI`);
  }
  const s3 = await clients.client(S3Client, entity);
  const output = await s3.send(
    new GetObjectCommand({ Bucket: match[1], Key: match[2] }),
  );
  if (!output.Body) {
    throw new Error(`${uri} has no body`);
  }
  return output.Body.transformToString('utf-8');
}
