import {
  GetDatabasesCommand,
  GetTablesCommand,
  GlueClient,
} from '@aws-sdk/client-glue';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Readable } from 'stream';
import { AwsCallRecorder } from './AwsCallRecorder';

/** Answers every request with the given status and JSON body, no network. */
function respondWith(statusCode: number, body: object) {
  return {
    handle: async () => ({
      response: {
        statusCode,
        headers: { 'content-type': 'application/x-amz-json-1.1' },
        body: Readable.from([Buffer.from(JSON.stringify(body))]),
      },
    }),
  };
}

const credentials = { accessKeyId: 'a', secretAccessKey: 'b' };

describe('AwsCallRecorder', () => {
  it('counts calls by service and operation, and the ones that failed', async () => {
    const recorder = new AwsCallRecorder();
    const ok = new GlueClient({
      region: 'eu-west-1',
      credentials,
      requestHandler: respondWith(200, { DatabaseList: [] }),
    });
    const denied = new GlueClient({
      region: 'eu-west-1',
      credentials,
      maxAttempts: 1,
      requestHandler: respondWith(400, {
        __type: 'AccessDeniedException',
        message: 'no',
      }),
    });
    for (const client of [ok, denied]) {
      client.middlewareStack.add(recorder.middleware, { step: 'initialize' });
    }

    await ok.send(new GetDatabasesCommand({}));
    await ok.send(new GetDatabasesCommand({}));
    await expect(
      denied.send(new GetTablesCommand({ DatabaseName: 'sales' })),
    ).rejects.toThrow('no');

    expect(recorder.counts()).toEqual({
      'AWSGlue.GetDatabases': 2,
      'AWSGlue.GetTables': 1,
    });
    expect(recorder.errors()).toEqual({ 'AWSGlue.GetTables': 1 });
    expect(recorder.total()).toBe(3);
  });

  it('names S3 calls as the simulator counts them', async () => {
    const recorder = new AwsCallRecorder();
    const s3 = new S3Client({
      region: 'eu-west-1',
      credentials,
      requestHandler: respondWith(200, {}),
    });
    s3.middlewareStack.add(recorder.middleware, { step: 'initialize' });
    await s3.send(new GetObjectCommand({ Bucket: 'b', Key: 'k' }));
    expect(recorder.counts()).toEqual({ 'S3.GetObject': 1 });
  });
});
