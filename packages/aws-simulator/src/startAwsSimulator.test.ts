import {
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  S3Client,
} from '@aws-sdk/client-s3';
import {
  GetResourcesCommand,
  ResourceGroupsTaggingAPIClient,
} from '@aws-sdk/client-resource-groups-tagging-api';
import {
  DescribeModelPackageCommand,
  ListModelPackageGroupsCommand,
  ListModelPackagesCommand,
  SageMakerClient,
  UpdateModelPackageCommand,
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
  const s3 = (options: { followRegionRedirects?: boolean } = {}) =>
    new S3Client({
      region,
      endpoint: sim.endpoint,
      credentials,
      forcePathStyle: true,
      ...options,
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

  it('heads S3 objects with their ETag, which changes with the object', async () => {
    const Bucket = 'acme-glue-scripts';
    const Key = 'scripts/curate-merchants.py';
    const before = await s3().send(new HeadObjectCommand({ Bucket, Key }));
    expect(before.ETag).toMatch(/^"[0-9a-f]{32}"$/);
    sim.estate.s3[`s3://${Bucket}/${Key}`] = 'print("rewritten")\n';
    const after = await s3().send(new HeadObjectCommand({ Bucket, Key }));
    expect(after.ETag).not.toBe(before.ETag);
    expect(after.ContentLength).toBe(19);
    await expect(
      s3().send(new HeadObjectCommand({ Bucket, Key: 'missing.py' })),
    ).rejects.toMatchObject({ $metadata: { httpStatusCode: 404 } });
    expect(sim.stats()['S3.HeadObject']).toBe(3);

    const listed = await s3().send(
      new ListObjectsV2Command({ Bucket, Prefix: 'scripts/' }),
    );
    expect(listed.Contents?.find(o => o.Key === Key)?.ETag).toBe(after.ETag);
    expect(listed.IsTruncated).toBe(false);
    const paged = await s3().send(
      new ListObjectsV2Command({ Bucket, Prefix: 'scripts/', MaxKeys: 1 }),
    );
    expect(paged.Contents).toHaveLength(1);
    const second = await s3().send(
      new ListObjectsV2Command({
        Bucket,
        Prefix: 'scripts/',
        MaxKeys: 1,
        ContinuationToken: paged.NextContinuationToken,
      }),
    );
    expect(second.Contents![0].Key).not.toBe(paged.Contents![0].Key);
  });

  it('denies the objects of one bucket and redirects to a bucket of another region', async () => {
    const Key = 'scripts/curate-merchants.py';
    sim.setFaults({ accessDeniedBuckets: ['acme-glue-scripts'] });
    await expect(
      s3().send(new GetObjectCommand({ Bucket: 'acme-glue-scripts', Key })),
    ).rejects.toMatchObject({ name: 'AccessDenied' });
    sim.setFaults({});

    sim.estate.s3BucketRegions = { 'acme-glue-scripts': 'us-west-2' };
    await expect(
      s3().send(new GetObjectCommand({ Bucket: 'acme-glue-scripts', Key })),
    ).rejects.toMatchObject({
      name: 'PermanentRedirect',
      $metadata: { httpStatusCode: 301 },
    });
    const followed = await s3({ followRegionRedirects: true }).send(
      new GetObjectCommand({ Bucket: 'acme-glue-scripts', Key }),
    );
    expect(await followed.Body!.transformToString()).toContain('glueContext');
  });

  it('records the model package updates it applied, once per client token', async () => {
    const client = sagemaker(1);
    const arn =
      'arn:aws:sagemaker:eu-west-1:123456789012:model-package/fraud-detector/1';
    const update = {
      ModelPackageArn: arn,
      ModelLifeCycle: {
        Stage: 'Production',
        StageStatus: 'Approved',
        StageDescription: 'Promoted after review',
      },
      CustomerMetadataProperties: { 'review-id': 'r-1' },
      ClientToken: 'review-r-1',
    };
    await client.send(new UpdateModelPackageCommand(update));
    const first = await client.send(
      new DescribeModelPackageCommand({ ModelPackageName: arn }),
    );
    await client.send(new UpdateModelPackageCommand(update));
    const repeated = await client.send(
      new DescribeModelPackageCommand({ ModelPackageName: arn }),
    );
    expect(repeated.LastModifiedTime).toEqual(first.LastModifiedTime);
    expect(repeated.CustomerMetadataProperties).toEqual({ 'review-id': 'r-1' });
    await expect(
      client.send(
        new UpdateModelPackageCommand({
          ...update,
          ModelApprovalStatus: 'Rejected',
        }),
      ),
    ).rejects.toMatchObject({ name: 'ValidationException' });

    await client.send(
      new UpdateModelPackageCommand({
        ModelPackageArn: arn,
        CustomerMetadataProperties: { reviewer: 'ana' },
        CustomerMetadataPropertiesToRemove: ['review-id'],
      }),
    );
    const listed = await client.send(
      new ListModelPackagesCommand({ ModelPackageGroupName: 'fraud-detector' }),
    );
    expect(
      listed.ModelPackageSummaryList!.find(p => p.ModelPackageArn === arn)
        ?.ModelLifeCycle,
    ).toEqual(update.ModelLifeCycle);
    expect(
      (
        await client.send(
          new DescribeModelPackageCommand({ ModelPackageName: arn }),
        )
      ).CustomerMetadataProperties,
    ).toEqual({ reviewer: 'ana' });

    const expected = [
      update,
      {
        ModelPackageArn: arn,
        CustomerMetadataProperties: { reviewer: 'ana' },
        CustomerMetadataPropertiesToRemove: ['review-id'],
      },
    ];
    expect(sim.calls('UpdateModelPackage')).toEqual(expected);
    expect(sim.calls('SageMaker.UpdateModelPackage')).toEqual(expected);
    const overHttp = await http(
      `${sim.endpoint}/_simulator/calls/UpdateModelPackage`,
    );
    expect(JSON.parse(overHttp.body)).toEqual(expected);

    sim.setFaults({ throttled: ['SageMaker.UpdateModelPackage'] });
    await expect(
      client.send(new UpdateModelPackageCommand({ ModelPackageArn: arn })),
    ).rejects.toMatchObject({ name: 'ThrottlingException' });
    sim.setFaults({ accessDenied: ['SageMaker.UpdateModelPackage'] });
    await expect(
      client.send(new UpdateModelPackageCommand({ ModelPackageArn: arn })),
    ).rejects.toMatchObject({ name: 'AccessDeniedException' });
    expect(sim.calls('UpdateModelPackage')).toHaveLength(2);
    sim.resetStats();
    expect(sim.calls('UpdateModelPackage')).toEqual([]);
  });

  it('lists tagged resources through the Resource Groups Tagging API', async () => {
    const tagging = new ResourceGroupsTaggingAPIClient({
      region,
      endpoint: sim.endpoint,
      credentials,
    });
    const groups = await tagging.send(
      new GetResourcesCommand({
        ResourceTypeFilters: ['sagemaker:model-package-group'],
      }),
    );
    expect(groups.ResourceTagMappingList!.map(r => r.ResourceARN)).toEqual(
      sim.estate.regions[region].sagemaker.modelPackageGroups.map(
        g => g.ModelPackageGroupArn,
      ),
    );
    expect(groups.PaginationToken).toBe('');
    const databases = await tagging.send(
      new GetResourcesCommand({ ResourceTypeFilters: ['glue:database'] }),
    );
    expect(databases.ResourceTagMappingList![0]).toEqual({
      ResourceARN: expect.stringMatching(
        /^arn:aws:glue:eu-west-1:123456789012:database\//,
      ),
      Tags: expect.arrayContaining([expect.objectContaining({ Key: 'owner' })]),
    });
    const firstPage = await tagging.send(
      new GetResourcesCommand({ ResourcesPerPage: 1 }),
    );
    expect(firstPage.ResourceTagMappingList).toHaveLength(1);
    expect(firstPage.PaginationToken).not.toBe('');

    sim.setFaults({
      accessDenied: ['ResourceGroupsTaggingAPI_20170126.GetResources'],
    });
    await expect(
      tagging.send(new GetResourcesCommand({})),
    ).rejects.toMatchObject({
      name: 'AccessDeniedException',
      message: expect.stringContaining('tag:GetResources'),
    });
  });
});
