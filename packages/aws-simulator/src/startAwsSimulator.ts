import { randomUUID } from 'node:crypto';
import {
  createServer,
  IncomingMessage,
  Server,
  ServerResponse,
} from 'node:http';
import { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { AwsError } from './AwsError';
import { emptyRegionEstate, Estate } from './Estate';
import { FaultInjector, SimulatorFaults } from './FaultInjector';
import { glueDataProfileOperations } from './glueDataProfileOperations';
import { experimentOperations } from './experimentOperations';
import { glueOperations } from './glueOperations';
import { modelPackageGroupOperations } from './modelPackageGroupOperations';
import { monitoringOperations } from './monitoringOperations';
import { Operation } from './Operation';
import { OperationInput } from './OperationInput';
import { pipelineOperations } from './pipelineOperations';
import {
  s3Error,
  s3GetObject,
  s3ListObjectsV2,
  S3Response,
} from './s3GetObject';
import { sageMakerOperations } from './sageMakerOperations';
import { taggingOperations } from './taggingOperations';

/** Options of {@link startAwsSimulator}. */
export interface AwsSimulatorOptions {
  /** The account to serve; the simulator changes it in place (UpdateModelPackage). */
  estate: Estate;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Results per page of every paginated operation (default 100, AWS's usual cap). */
  pageSize?: number;
  faults?: SimulatorFaults;
}

/** A running simulator. */
export interface AwsSimulator {
  /** `http://127.0.0.1:<port>`, for the SDK clients' `endpoint`. */
  endpoint: string;
  /** The live state, which tests may inspect and change between calls. */
  estate: Estate;
  /** Calls received, by `Service.Operation` (`SageMaker.ListModelPackages`, `AWSGlue.GetTables`, `S3.GetObject`), faults included. */
  stats(): Record<string, number>;
  /** Error responses, by `Service.Operation:ErrorCode`, e.g. `SageMaker.DescribeTrainingJob:ThrottlingException`. */
  errors(): Record<string, number>;
  /**
   * The inputs of the write calls (`UpdateModelPackage`, `UpdateFeatureGroup`)
   * that changed the estate, oldest first, by operation (`UpdateModelPackage`
   * or `SageMaker.UpdateModelPackage`). Faulted, refused and idempotent
   * repeated calls are not in it; `stats()` and `errors()` count those.
   */
  calls(operation: string): Record<string, unknown>[];
  /** Zeroes the counters and forgets the recorded writes. */
  resetStats(): void;
  /** Replaces the injected faults. */
  setFaults(faults: SimulatorFaults): void;
  close(): Promise<void>;
}

const SERVICES: Record<
  string,
  { iamPrefix: string; operations: Record<string, Operation> }
> = {
  SageMaker: {
    iamPrefix: 'sagemaker',
    operations: {
      ...sageMakerOperations,
      ...modelPackageGroupOperations,
      ...monitoringOperations,
      ...pipelineOperations,
      ...experimentOperations,
    },
  },
  AWSGlue: {
    iamPrefix: 'glue',
    operations: { ...glueOperations, ...glueDataProfileOperations },
  },
  ResourceGroupsTaggingAPI_20170126: {
    iamPrefix: 'tag',
    operations: taggingOperations,
  },
};

/**
 * Starts a local stand-in for the SageMaker and Glue APIs (awsJson1_1 over
 * HTTP) and S3 GetObject, serving `options.estate` so that the real AWS SDK
 * can be tested against it. The region of each call is the one its SigV4
 * signature is scoped to; signatures themselves are not checked.
 *
 * Besides AWS's own routes it answers, for tools such as the benchmark:
 * `GET /_simulator/stats`, `GET /_simulator/errors`,
 * `GET /_simulator/calls/<operation>`, `POST /_simulator/reset-stats`, and
 * `GET`/`POST /_simulator/faults`.
 */
export async function startAwsSimulator(
  options: AwsSimulatorOptions,
): Promise<AwsSimulator> {
  const { estate } = options;
  const pageSize = options.pageSize ?? 100;
  if (!Number.isInteger(pageSize) || pageSize < 1) {
    throw new TypeError(`pageSize must be a positive integer, got ${pageSize}`);
  }
  const faults = new FaultInjector(options.faults);
  const calls = new Map<string, number>();
  const errors = new Map<string, number>();
  const writes: { operation: string; input: Record<string, unknown> }[] = [];
  const clientTokens = new Map<string, string>();
  const writesOf = (operation: string) =>
    writes
      .filter(
        w => w.operation === operation || w.operation.endsWith(`.${operation}`),
      )
      .map(w => w.input);
  const resetStats = () => {
    calls.clear();
    errors.clear();
    writes.length = 0;
  };
  const increment = (counts: Map<string, number>, key: string) =>
    counts.set(key, (counts.get(key) ?? 0) + 1);

  const control = (req: IncomingMessage, path: string, body: string) => {
    if (req.method === 'GET' && path === '/_simulator/stats') {
      return Object.fromEntries(calls);
    }
    if (req.method === 'GET' && path === '/_simulator/errors') {
      return Object.fromEntries(errors);
    }
    if (req.method === 'GET' && path.startsWith('/_simulator/calls/')) {
      return writesOf(
        decodeURIComponent(path.slice('/_simulator/calls/'.length)),
      );
    }
    if (req.method === 'POST' && path === '/_simulator/reset-stats') {
      resetStats();
      return {};
    }
    if (path === '/_simulator/faults') {
      if (req.method === 'POST') {
        faults.set(JSON.parse(body || '{}'));
      }
      return faults.faults;
    }
    return undefined;
  };

  const awsJson = async (
    req: IncomingMessage,
    target: string,
    body: string,
  ) => {
    const [serviceName, operationName] = target.split('.', 2);
    const service = Object.hasOwn(SERVICES, serviceName)
      ? SERVICES[serviceName]
      : undefined;
    const operation =
      service && Object.hasOwn(service.operations, operationName ?? '')
        ? service.operations[operationName]
        : undefined;
    if (!service || !operation) {
      throw new AwsError(
        'UnknownOperationException',
        `The simulator does not implement ${target}.`,
      );
    }
    const credential = /Credential=([^/,\s]+)\/\d{8}\/([^/]+)\//.exec(
      req.headers.authorization ?? '',
    );
    if (!credential) {
      throw new AwsError(
        'MissingAuthenticationTokenException',
        'Missing Authentication Token',
      );
    }
    const [, accessKeyId, region] = credential;
    const fault = faults.decide(target);
    await sleep(faults.latencyMs);
    if (fault === 'accessDenied') {
      const action = `${service.iamPrefix}:${operationName}`;
      throw new AwsError(
        'AccessDeniedException',
        `User: arn:aws:iam::${estate.accountId}:user/${accessKeyId} is not authorized to perform: ${action} because no identity-based policy allows the ${action} action`,
      );
    }
    if (fault === 'throttled') {
      throw new AwsError('ThrottlingException', 'Rate exceeded');
    }

    let raw: unknown;
    try {
      raw = JSON.parse(body || '{}');
    } catch {
      throw new AwsError('SerializationException', 'Request body is not JSON.');
    }
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
      throw new AwsError(
        'SerializationException',
        'Request body must be a JSON object.',
      );
    }
    const unsupported = Object.keys(raw).filter(
      m => !operation.members.includes(m),
    );
    if (unsupported.length) {
      throw new AwsError(
        'ValidationException',
        `The simulator does not implement ${unsupported.join(
          ', ',
        )} of ${target}.`,
      );
    }
    const input = raw as Record<string, unknown>;
    return operation.handle(new OperationInput(input), {
      recordWrite: () => writes.push({ operation: target, input }),
      clientTokens,
      accountId: estate.accountId,
      region,
      regionEstate: Object.hasOwn(estate.regions, region)
        ? estate.regions[region]
        : emptyRegionEstate(),
      pageSize,
      operation: target,
    });
  };

  const s3 = async (
    req: IncomingMessage,
    path: string,
    query: URLSearchParams,
  ): Promise<S3Response> => {
    const [bucket, ...keyParts] = path
      .slice(1)
      .split('/')
      .map(decodeURIComponent);
    const listing =
      req.method === 'GET' &&
      query.get('list-type') === '2' &&
      !keyParts.join('');
    let method = req.method === 'HEAD' ? 'HeadObject' : 'GetObject';
    if (listing) {
      method = 'ListObjectsV2';
    } else if (
      !['GET', 'HEAD'].includes(req.method ?? '') ||
      !bucket ||
      !keyParts.length
    ) {
      return s3Error(
        501,
        'NotImplemented',
        'The simulator only implements path-style GetObject, HeadObject and ListObjectsV2.',
      );
    }
    const operation = `S3.${method}`;
    increment(calls, operation);
    const fault = faults.decide(operation, bucket);
    await sleep(faults.latencyMs);
    const bucketRegion = estate.s3BucketRegions?.[bucket];
    const signedRegion = /Credential=[^/,\s]+\/\d{8}\/([^/]+)\//.exec(
      req.headers.authorization ?? '',
    )?.[1];
    let response: S3Response;
    if (fault === 'accessDenied') {
      response = s3Error(403, 'AccessDenied', 'Access Denied');
    } else if (fault === 'throttled') {
      // S3's own throttling answer, which the SDK retries like ThrottlingException.
      response = s3Error(503, 'SlowDown', 'Please reduce your request rate.');
    } else if (bucketRegion && signedRegion && bucketRegion !== signedRegion) {
      // S3 sends a request for a bucket of another region back with the
      // bucket's region, which SDK clients follow only if told to.
      response = s3Error(
        301,
        'PermanentRedirect',
        'The bucket you are attempting to access must be addressed using the specified endpoint. Please send all future requests to this endpoint.',
        { Bucket: bucket, Endpoint: `s3.${bucketRegion}.amazonaws.com` },
        { 'x-amz-bucket-region': bucketRegion },
      );
    } else if (listing) {
      response = s3ListObjectsV2(estate, bucket, query);
    } else {
      response = s3GetObject(estate, bucket, keyParts.join('/'));
    }
    if (response.errorCode) {
      increment(errors, `${operation}:${response.errorCode}`);
    }
    // HEAD answers carry the headers only, errors included.
    return method === 'HeadObject'
      ? {
          ...response,
          headers: {
            ...response.headers,
            'content-length': String(Buffer.byteLength(response.body)),
          },
          body: '',
        }
      : response;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const body = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://simulator');
    const path = url.pathname;
    if (path.startsWith('/_simulator/')) {
      try {
        const result = control(req, path, body);
        send(
          res,
          result ? 200 : 404,
          'application/json',
          JSON.stringify(result ?? { message: 'Not found' }),
        );
      } catch (error) {
        send(
          res,
          400,
          'application/json',
          JSON.stringify({ message: String(error) }),
        );
      }
      return;
    }
    const target = req.headers['x-amz-target'];
    if (req.method === 'POST' && typeof target === 'string') {
      increment(calls, target);
      const requestId = { 'x-amzn-requestid': randomUUID() };
      try {
        const output = await awsJson(req, target, body);
        send(
          res,
          200,
          'application/x-amz-json-1.1',
          JSON.stringify(output),
          requestId,
        );
      } catch (error) {
        const awsError =
          error instanceof AwsError
            ? error
            : new AwsError('InternalFailure', String(error), 500);
        increment(errors, `${target}:${awsError.code}`);
        send(
          res,
          awsError.statusCode,
          'application/x-amz-json-1.1',
          JSON.stringify({ __type: awsError.code, message: awsError.message }),
          requestId,
        );
      }
      return;
    }
    const response = await s3(req, path, url.searchParams);
    send(res, response.status, undefined, response.body, response.headers);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(error => {
      send(res, 500, 'text/plain', String(error));
    });
  });
  await listen(server, options.port ?? 0);
  const { port } = server.address() as AddressInfo;

  return {
    endpoint: `http://127.0.0.1:${port}`,
    estate,
    stats: () => Object.fromEntries(calls),
    errors: () => Object.fromEntries(errors),
    calls: writesOf,
    resetStats,
    setFaults: newFaults => faults.set(newFaults),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close(error => (error ? reject(error) : resolve()));
        // SDK clients keep connections alive; they must not hold the close up.
        server.closeAllConnections();
      }),
  };
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', chunk => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(
  res: ServerResponse,
  status: number,
  contentType: string | undefined,
  body: string,
  headers: Record<string, string> = {},
) {
  res.writeHead(status, {
    ...(contentType ? { 'content-type': contentType } : {}),
    'content-length': Buffer.byteLength(body),
    // A HEAD answer's own content-length (that of the object) wins.
    ...headers,
  });
  res.end(body);
}
