import { GetDatabasesCommand, GlueClient } from '@aws-sdk/client-glue';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { ConfigReader } from '@backstage/config';
import { createServer, IncomingMessage, Server } from 'http';
import { AddressInfo } from 'net';
import { AwsCallRecorder } from './AwsCallRecorder';
import { AwsClientFactory } from './AwsClientFactory';
import { readAwsProviderConfigs } from './readAwsProviderConfigs';

/** A stand-in AWS endpoint that records requests and answers after a delay. */
class FakeAws {
  readonly requests: IncomingMessage[] = [];
  maxInFlight = 0;
  throttleFirst = 0;
  private inFlight = 0;
  private server?: Server;

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      this.requests.push(req);
      this.inFlight += 1;
      this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
      setTimeout(() => {
        this.inFlight -= 1;
        if (this.throttleFirst > 0) {
          this.throttleFirst -= 1;
          res.writeHead(400, { 'content-type': 'application/x-amz-json-1.1' });
          res.end(JSON.stringify({ __type: 'ThrottlingException' }));
          return;
        }
        res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
        res.end(JSON.stringify({ DatabaseList: [] }));
      }, 20);
    });
    await new Promise<void>(resolve =>
      this.server!.listen(0, '127.0.0.1', resolve),
    );
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  stop() {
    return new Promise(resolve => this.server?.close(resolve));
  }
}

function setup(endpoint: string, extra: object = {}) {
  const config = new ConfigReader({
    ...extra,
    catalog: {
      providers: {
        awsGlue: {
          test: {
            region: 'eu-west-1',
            endpoint,
            accountId: '123456789012',
            maxConcurrency: 2,
          },
        },
      },
    },
  });
  return {
    factory: AwsClientFactory.fromConfig(config),
    provider: readAwsProviderConfigs(config, 'awsGlue')[0],
  };
}

describe('AwsClientFactory', () => {
  const aws = new FakeAws();
  let endpoint: string;

  beforeAll(async () => {
    endpoint = await aws.start();
  });
  afterAll(() => aws.stop());
  beforeEach(() => {
    aws.requests.length = 0;
    aws.maxInFlight = 0;
  });

  it('signs with the configured main account keys, for the provider region', async () => {
    const { factory, provider } = setup(endpoint, {
      aws: { mainAccount: { accessKeyId: 'AKIDMAIN', secretAccessKey: 's' } },
    });
    const glue = await factory.create(GlueClient, provider);
    await glue.send(new GetDatabasesCommand({}));
    expect(aws.requests[0].headers.authorization).toContain(
      'Credential=AKIDMAIN/',
    );
    expect(aws.requests[0].headers.authorization).toContain(
      '/eu-west-1/glue/aws4_request',
    );
  });

  it('works against a local endpoint with no AWS credentials configured at all', async () => {
    const { factory, provider } = setup(endpoint);
    const glue = await factory.create(GlueClient, provider);
    await expect(glue.send(new GetDatabasesCommand({}))).resolves.toEqual(
      expect.objectContaining({ DatabaseList: [] }),
    );
  });

  it('asks the real credential chain again in the next sync after a transient credential error', async () => {
    const { provider } = setup(endpoint);
    let failuresLeft = 1;
    const sdkCredentialProvider = jest.fn(async () => {
      if (failuresLeft-- > 0) {
        throw Object.assign(new Error('profile being rewritten'), {
          name: 'CredentialsProviderError',
        });
      }
      return { accessKeyId: 'AKIDREAL', secretAccessKey: 's' };
    });
    const factory = new AwsClientFactory(
      { getCredentialProvider: async () => ({ sdkCredentialProvider }) },
      () => false,
    );
    const firstSync = await factory.create(GlueClient, provider);
    await firstSync.send(new GetDatabasesCommand({}));
    expect(aws.requests[0].headers.authorization).toContain(
      'Credential=placeholder/',
    );
    const nextSync = await factory.create(GlueClient, provider);
    await nextSync.send(new GetDatabasesCommand({}));
    expect(aws.requests[1].headers.authorization).toContain(
      'Credential=AKIDREAL/',
    );
  });

  it('resolves credentials again after the credentials manager failed', async () => {
    const { provider } = setup(endpoint);
    const getCredentialProvider = jest
      .fn()
      .mockRejectedValueOnce(new Error('STS unreachable'))
      .mockResolvedValue({
        sdkCredentialProvider: async () => ({
          accessKeyId: 'AKIDREAL',
          secretAccessKey: 's',
        }),
      });
    const factory = new AwsClientFactory({ getCredentialProvider }, () => true);
    await expect(factory.create(GlueClient, provider)).rejects.toThrow(
      'STS unreachable',
    );
    const glue = await factory.create(GlueClient, provider);
    await glue.send(new GetDatabasesCommand({}));
    expect(aws.requests[0].headers.authorization).toContain(
      'Credential=AKIDREAL/',
    );
  });

  it('makes no more calls once the sync is aborted', async () => {
    const { factory, provider } = setup(endpoint);
    const controller = new AbortController();
    const glue = await factory.create(
      GlueClient,
      provider,
      undefined,
      controller.signal,
    );
    await glue.send(new GetDatabasesCommand({}));
    controller.abort(new Error('Sync timed out'));
    await expect(glue.send(new GetDatabasesCommand({}))).rejects.toThrow(
      'Sync timed out',
    );
    expect(aws.requests).toHaveLength(1);
  });

  it('keeps at most maxConcurrency calls of a provider in flight, across its clients', async () => {
    const { factory, provider } = setup(endpoint, {
      aws: { mainAccount: { accessKeyId: 'a', secretAccessKey: 'b' } },
    });
    const one = await factory.create(GlueClient, provider);
    const two = await factory.create(GlueClient, provider);
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        (i % 2 ? one : two).send(new GetDatabasesCommand({})),
      ),
    );
    expect(aws.requests).toHaveLength(8);
    expect(aws.maxInFlight).toBe(2);
  });

  it('gives providers of different kinds with the same id their own limits', async () => {
    const config = new ConfigReader({
      aws: { mainAccount: { accessKeyId: 'a', secretAccessKey: 'b' } },
      catalog: {
        providers: Object.fromEntries(
          ['awsGlue', 'awsSagemaker'].map(kind => [
            kind,
            { prod: { region: 'eu-west-1', endpoint, maxConcurrency: 1 } },
          ]),
        ),
      },
    });
    const factory = AwsClientFactory.fromConfig(config);
    const clients = await Promise.all(
      (['awsGlue', 'awsSagemaker'] as const).map(kind =>
        factory.create(GlueClient, readAwsProviderConfigs(config, kind)[0]),
      ),
    );
    await Promise.all(
      clients.map(client => client.send(new GetDatabasesCommand({}))),
    );
    expect(aws.maxInFlight).toBe(2);
  });

  it('retries throttled calls, and records each call once', async () => {
    const { factory, provider } = setup(endpoint, {
      aws: { mainAccount: { accessKeyId: 'a', secretAccessKey: 'b' } },
    });
    const recorder = new AwsCallRecorder();
    const glue = await factory.create(GlueClient, provider, recorder);
    aws.throttleFirst = 2;
    await glue.send(new GetDatabasesCommand({}));
    expect(aws.requests).toHaveLength(3);
    expect(recorder.counts()).toEqual({ 'AWSGlue.GetDatabases': 1 });
  });

  it('addresses S3 buckets in the path of a custom endpoint', async () => {
    const { factory, provider } = setup(endpoint, {
      aws: { mainAccount: { accessKeyId: 'a', secretAccessKey: 'b' } },
    });
    const s3 = await factory.create(S3Client, provider);
    await s3.send(new GetObjectCommand({ Bucket: 'lake', Key: 'jobs/x.py' }));
    expect(aws.requests[0].url).toBe('/lake/jobs/x.py?x-id=GetObject');
  });
});
