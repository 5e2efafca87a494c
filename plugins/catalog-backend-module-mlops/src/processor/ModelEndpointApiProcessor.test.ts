import type { Entity } from '@backstage/catalog-model';
import type { CatalogProcessorResult } from '@backstage/plugin-catalog-node';
import { ModelEndpointApiProcessor } from './ModelEndpointApiProcessor';

const location = { type: 'url', target: 'https://example.com/estate.yaml' };

function deployment(
  type: string,
  annotations: Record<string, string> = {},
): Entity {
  return {
    apiVersion: 'ml-foundation.dev/v1alpha1',
    kind: 'ModelDeployment',
    metadata: {
      name: 'churn-prod',
      namespace: 'default',
      annotations: {
        'aws.amazon.com/arn':
          'arn:aws:sagemaker:eu-west-1:123456789012:endpoint/churn-endpoint',
        'aws.amazon.com/region': 'eu-west-1',
        ...annotations,
      },
    },
    spec: {
      type,
      owner: 'group:default/churn-ml',
      lifecycle: 'production',
      system: 'churn',
      variants: [{ name: 'AllTraffic' }, { name: 'Challenger' }],
    },
  };
}

async function process(entity: Entity) {
  const results: CatalogProcessorResult[] = [];
  await new ModelEndpointApiProcessor().postProcessEntity(entity, location, r =>
    results.push(r),
  );
  const apis = results.flatMap(r => (r.type === 'entity' ? [r.entity] : []));
  const relations = results.flatMap(r =>
    r.type === 'relation' ? [r.relation] : [],
  );
  return { apis, relations };
}

function operationOf(api: Entity) {
  const doc = JSON.parse(String(api.spec?.definition));
  const path = Object.keys(doc.paths)[0];
  return { doc, path, post: doc.paths[path].post };
}

describe('ModelEndpointApiProcessor', () => {
  it('gives a real-time endpoint an OpenAPI entity for InvokeEndpoint, provided by the deployment', async () => {
    const { apis, relations } = await process(deployment('realtime-endpoint'));
    expect(apis).toHaveLength(1);
    const [api] = apis;
    expect(api).toMatchObject({
      kind: 'API',
      metadata: { name: 'churn-prod-invoke', namespace: 'default' },
      spec: {
        type: 'openapi',
        owner: 'group:default/churn-ml',
        lifecycle: 'production',
        system: 'churn',
      },
    });
    const { doc, path, post } = operationOf(api);
    expect(doc.servers[0].url).toBe(
      'https://runtime.sagemaker.eu-west-1.amazonaws.com',
    );
    expect(path).toBe('/endpoints/churn-endpoint/invocations');
    expect(post.operationId).toBe('InvokeEndpoint');
    expect(Object.keys(post.requestBody.content)).toEqual(['text/csv']);
    expect(post.parameters[1].schema.enum).toEqual([
      'AllTraffic',
      'Challenger',
    ]);
    expect(relations).toEqual([
      {
        source: {
          kind: 'ModelDeployment',
          namespace: 'default',
          name: 'churn-prod',
        },
        type: 'providesApi',
        target: {
          kind: 'API',
          namespace: 'default',
          name: 'churn-prod-invoke',
        },
      },
      {
        source: {
          kind: 'API',
          namespace: 'default',
          name: 'churn-prod-invoke',
        },
        type: 'apiProvidedBy',
        target: {
          kind: 'ModelDeployment',
          namespace: 'default',
          name: 'churn-prod',
        },
      },
    ]);
  });

  it('uses the configured sample and content type verbatim', async () => {
    const { apis } = await process(
      deployment('serverless-endpoint', {
        'ml-foundation.dev/inference-content-type': 'application/json',
        'ml-foundation.dev/inference-sample': '{"instances":[[1,2]]}',
      }),
    );
    const { post } = operationOf(apis[0]);
    expect(post.requestBody.content['application/json'].example).toBe(
      '{"instances":[[1,2]]}',
    );
  });

  it('builds the example from the signature: a CSV row, or JSON instances', async () => {
    const signature = JSON.stringify([
      { name: 'tenure', type: 'integer', example: 12 },
      { name: 'plan', type: 'string' },
      { name: 'charges', type: 'number' },
    ]);
    const csv = await process(
      deployment('realtime-endpoint', {
        'ml-foundation.dev/inference-signature': signature,
      }),
    );
    const csvOp = operationOf(csv.apis[0]);
    expect(csvOp.post.requestBody.content['text/csv'].example).toBe(
      '12,string,0',
    );
    expect(csvOp.doc.info.description).toContain(
      'Input fields, in order: `tenure` (integer), `plan` (string), `charges` (number).',
    );

    const json = await process(
      deployment('realtime-endpoint', {
        'ml-foundation.dev/inference-signature': signature,
        'ml-foundation.dev/inference-content-type': 'application/json',
      }),
    );
    const example = operationOf(json.apis[0]).post.requestBody.content[
      'application/json'
    ].example;
    expect(JSON.parse(example)).toEqual({
      instances: [{ tenure: 12, plan: 'string', charges: 0 }],
    });
  });

  it('still describes the endpoint when the signature is malformed', async () => {
    const { apis } = await process(
      deployment('realtime-endpoint', {
        'ml-foundation.dev/inference-signature': '{not json',
      }),
    );
    const { post } = operationOf(apis[0]);
    expect(post.requestBody.content['text/csv']).toEqual({
      schema: { type: 'string' },
    });
  });

  it('gives batch transforms and other kinds no API', async () => {
    expect((await process(deployment('batch-transform'))).apis).toEqual([]);
    const model = { ...deployment('realtime-endpoint'), kind: 'Model' };
    expect(await process(model)).toEqual({ apis: [], relations: [] });
  });
});
