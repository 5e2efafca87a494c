import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import {
  DescribeModelPackageCommand,
  ListModelPackageGroupsCommand,
  ListModelPackagesCommand,
  SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import { request } from 'node:http';
import { generateDemoEstate } from './generateDemoEstate';
import { AwsSimulator, startAwsSimulator } from './startAwsSimulator';

const region = 'eu-west-1';
const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };

/** A raw HTTP call, for what the SDK cannot send. */
function http(
  url: string,
  options: {
    method?: string;
    headers?: Record<string, string>;
    body?: string;
  } = {},
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: options.method ?? 'GET', headers: options.headers },
      res => {
        const chunks: Buffer[] = [];
        res.on('data', chunk => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode!,
            body: Buffer.concat(chunks).toString(),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('startAwsSimulator', () => {
  let sim: AwsSimulator;
  const sagemaker = (maxAttempts?: number) =>
    new SageMakerClient({
      region,
      endpoint: sim.endpoint,
      credentials,
      maxAttempts,
    });
  const s3 = () =>
    new S3Client({
      region,
      endpoint: sim.endpoint,
      credentials,
      forcePathStyle: true,
    });

  beforeEach(async () => {
    sim = await startAwsSimulator({ estate: generateDemoEstate() });
  });
  afterEach(() => sim.close());

  it('serves S3 objects path-style, with S3 errors for missing ones', async () => {
    const uri = Object.keys(sim.estate.s3).find(k => k.endsWith('.json'))!;
    const [, Bucket, Key] = /^s3:\/\/([^/]+)\/(.+)$/.exec(uri)!;
    const object = await s3().send(new GetObjectCommand({ Bucket, Key }));
    const report = JSON.parse(await object.Body!.transformToString());
    expect(Object.keys(report)).toContain('binary_classification_metrics');

    await expect(
      s3().send(new GetObjectCommand({ Bucket, Key: 'missing.json' })),
    ).rejects.toMatchObject({
      name: 'NoSuchKey',
      $metadata: { httpStatusCode: 404 },
    });
    await expect(
      s3().send(new GetObjectCommand({ Bucket: 'no-such-bucket', Key })),
    ).rejects.toMatchObject({ name: 'NoSuchBucket' });
  });

  it('counts calls by operation, also over HTTP', async () => {
    await sagemaker().send(new ListModelPackageGroupsCommand({}));
    await sagemaker().send(new ListModelPackageGroupsCommand({}));
    await s3().send(
      new GetObjectCommand({
        Bucket: 'acme-glue-scripts',
        Key: 'scripts/curate-merchants.py',
      }),
    );
    const expected = {
      'SageMaker.ListModelPackageGroups': 2,
      'S3.GetObject': 1,
    };
    expect(sim.stats()).toEqual(expected);
    const overHttp = await http(`${sim.endpoint}/_simulator/stats`);
    expect(JSON.parse(overHttp.body)).toEqual(expected);

    await http(`${sim.endpoint}/_simulator/reset-stats`, { method: 'POST' });
    expect(sim.stats()).toEqual({});
    await sagemaker().send(new ListModelPackagesCommand({}));
    sim.resetStats();
    expect(sim.stats()).toEqual({});
  });

  it('throttles the given share of calls, which the SDK retries', async () => {
    sim.setFaults({ throttleRate: 0.5 });
    const client = sagemaker(5);
    for (let i = 0; i < 3; i++) {
      const output = await client.send(new ListModelPackageGroupsCommand({}));
      expect(output.ModelPackageGroupSummaryList).toHaveLength(3);
    }
    // Every second call is throttled and retried: 3 answers take 5 calls.
    expect(sim.stats()).toEqual({ 'SageMaker.ListModelPackageGroups': 5 });
    expect(sim.errors()).toEqual({
      'SageMaker.ListModelPackageGroups:ThrottlingException': 2,
    });

    sim.setFaults({ throttleRate: 1 });
    await expect(
      sagemaker(1).send(new ListModelPackageGroupsCommand({})),
    ).rejects.toMatchObject({
      name: 'ThrottlingException',
      $metadata: { httpStatusCode: 400 },
    });
  });

  it('throttles calls above the rate limit of an operation', async () => {
    sim.setFaults({ rateLimitPerSecond: 2 });
    const client = sagemaker(1);
    const results = await Promise.allSettled(
      Array.from({ length: 4 }, () =>
        client.send(new ListModelPackageGroupsCommand({})),
      ),
    );
    expect(results.map(r => r.status).sort()).toEqual([
      'fulfilled',
      'fulfilled',
      'rejected',
      'rejected',
    ]);
    // Another operation has a bucket of its own.
    await client.send(new ListModelPackagesCommand({}));
  });

  it('denies access to the named operations only', async () => {
    sim.setFaults({
      accessDenied: ['SageMaker.DescribeModelPackage', 'S3.GetObject'],
    });
    await expect(
      sagemaker().send(
        new DescribeModelPackageCommand({
          ModelPackageName: 'fraud-detector/1',
        }),
      ),
    ).rejects.toMatchObject({
      name: 'AccessDeniedException',
      message: expect.stringContaining('sagemaker:DescribeModelPackage'),
    });
    await sagemaker().send(new ListModelPackageGroupsCommand({}));
    await expect(
      s3().send(
        new GetObjectCommand({
          Bucket: 'acme-glue-scripts',
          Key: 'scripts/curate-merchants.py',
        }),
      ),
    ).rejects.toMatchObject({
      name: 'AccessDenied',
      $metadata: { httpStatusCode: 403 },
    });
  });

  it('takes faults over HTTP and refuses unknown ones', async () => {
    const set = await http(`${sim.endpoint}/_simulator/faults`, {
      method: 'POST',
      body: JSON.stringify({ latencyMs: 150 }),
    });
    expect(JSON.parse(set.body)).toEqual({ latencyMs: 150 });
    const started = Date.now();
    await sagemaker().send(new ListModelPackageGroupsCommand({}));
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);

    const refused = await http(`${sim.endpoint}/_simulator/faults`, {
      method: 'POST',
      body: JSON.stringify({ throttle_rate: 0.2 }),
    });
    expect(refused.status).toBe(400);
    expect(refused.body).toContain('throttle_rate');
  });

  it('answers unknown operations and unsigned calls as AWS does', async () => {
    const headers = {
      'content-type': 'application/x-amz-json-1.1',
      authorization:
        'AWS4-HMAC-SHA256 Credential=test/20240101/eu-west-1/sagemaker/aws4_request, SignedHeaders=host, Signature=0',
    };
    const unknown = await http(sim.endpoint, {
      method: 'POST',
      headers: { ...headers, 'x-amz-target': 'SageMaker.CreateModel' },
      body: '{}',
    });
    expect(unknown.status).toBe(400);
    expect(JSON.parse(unknown.body).__type).toBe('UnknownOperationException');

    const unsigned = await http(sim.endpoint, {
      method: 'POST',
      headers: {
        'content-type': headers['content-type'],
        'x-amz-target': 'SageMaker.ListModelPackageGroups',
      },
      body: '{}',
    });
    expect(JSON.parse(unsigned.body).__type).toBe(
      'MissingAuthenticationTokenException',
    );

    const listed = await http(sim.endpoint, {
      method: 'POST',
      headers: {
        ...headers,
        'x-amz-target': 'SageMaker.ListModelPackageGroups',
      },
      body: '{}',
    });
    // Timestamps travel as epoch seconds.
    expect(
      JSON.parse(listed.body).ModelPackageGroupSummaryList[0].CreationTime,
    ).toBe(Date.parse('2024-01-10T09:00:00Z') / 1000);
  });
});
