import {
  Entity,
  getCompoundEntityRef,
  RELATION_API_PROVIDED_BY,
  RELATION_PROVIDES_API,
} from '@backstage/catalog-model';
import type { LocationSpec } from '@backstage/plugin-catalog-common';
import {
  CatalogProcessor,
  CatalogProcessorEmit,
  processingResult,
} from '@backstage/plugin-catalog-node';
import {
  ML_ANNOTATION_AWS_ARN,
  ML_ANNOTATION_AWS_REGION,
  ML_ANNOTATION_INFERENCE_CONTENT_TYPE,
  ML_ANNOTATION_INFERENCE_SAMPLE,
  ML_ANNOTATION_INFERENCE_SIGNATURE,
} from '@ml-foundation/plugin-mlops-common';

const INVOCABLE_TYPES = ['realtime-endpoint', 'serverless-endpoint'];
const DEFAULT_CONTENT_TYPE = 'text/csv';

type SignatureField = { name: string; type?: string; example?: unknown };

/** The name of the API entity that describes a deployment's endpoint. */
export function endpointApiName(deploymentName: string): string {
  return `${deploymentName}-invoke`;
}

function endpointNameOf(entity: Entity): string {
  const arn = entity.metadata.annotations?.[ML_ANNOTATION_AWS_ARN];
  const fromArn = arn?.match(/:endpoint\/(.+)$/)?.[1];
  return fromArn ?? entity.metadata.name;
}

function parseSignature(raw: string | undefined): SignatureField[] {
  if (!raw) {
    return [];
  }
  try {
    const parsed = JSON.parse(raw);
    return Array.isArray(parsed)
      ? parsed.filter(
          (f): f is SignatureField =>
            typeof f === 'object' && f !== null && typeof f.name === 'string',
        )
      : [];
  } catch {
    // A malformed signature must not keep the deployment's API out of the catalog.
    return [];
  }
}

function exampleValue(field: SignatureField): unknown {
  if (field.example !== undefined) {
    return field.example;
  }
  switch (field.type) {
    case 'integer':
      return 0;
    case 'number':
      return 0.0;
    case 'boolean':
      return false;
    default:
      return 'string';
  }
}

/**
 * The example request body: the configured sample, else one built from the
 * signature (a CSV row for text/csv, an `instances` object for JSON).
 */
export function examplePayload(
  contentType: string,
  sample: string | undefined,
  signature: SignatureField[],
): string | undefined {
  if (sample) {
    return sample;
  }
  if (signature.length === 0) {
    return undefined;
  }
  if (contentType.includes('json')) {
    const instance = Object.fromEntries(
      signature.map(f => [f.name, exampleValue(f)]),
    );
    return JSON.stringify({ instances: [instance] }, null, 2);
  }
  return signature.map(f => String(exampleValue(f))).join(',');
}

/** The OpenAPI document of a SageMaker endpoint's InvokeEndpoint route. */
export function buildEndpointOpenApi(entity: Entity): object {
  const annotations = entity.metadata.annotations ?? {};
  const endpointName = endpointNameOf(entity);
  const region = annotations[ML_ANNOTATION_AWS_REGION] ?? '{region}';
  const contentType =
    annotations[ML_ANNOTATION_INFERENCE_CONTENT_TYPE] ?? DEFAULT_CONTENT_TYPE;
  const signature = parseSignature(
    annotations[ML_ANNOTATION_INFERENCE_SIGNATURE],
  );
  const example = examplePayload(
    contentType,
    annotations[ML_ANNOTATION_INFERENCE_SAMPLE],
    signature,
  );
  const variants = ((entity.spec?.variants as Array<{ name?: string }>) ?? [])
    .map(v => v.name)
    .filter((n): n is string => typeof n === 'string');
  const fieldList = signature
    .map(f => `\`${f.name}\`${f.type ? ` (${f.type})` : ''}`)
    .join(', ');
  return {
    openapi: '3.0.3',
    info: {
      title: `${endpointName} (SageMaker ${String(entity.spec?.type)})`,
      version: '1',
      description: [
        `Invoke the SageMaker endpoint \`${endpointName}\` with the SageMaker Runtime InvokeEndpoint operation.`,
        'Requests are signed with AWS Signature Version 4 (service `sagemaker`); the AWS SDKs and CLI do this:',
        `\`aws sagemaker-runtime invoke-endpoint --endpoint-name ${endpointName} --content-type ${contentType} --body fileb://payload out.json\``,
        fieldList ? `Input fields, in order: ${fieldList}.` : '',
      ]
        .filter(Boolean)
        .join('\n\n'),
    },
    servers: [{ url: `https://runtime.sagemaker.${region}.amazonaws.com` }],
    paths: {
      [`/endpoints/${endpointName}/invocations`]: {
        post: {
          operationId: 'InvokeEndpoint',
          summary: 'Get a prediction from the deployed model',
          parameters: [
            {
              name: 'Accept',
              in: 'header',
              required: false,
              schema: { type: 'string', default: contentType },
            },
            {
              name: 'X-Amzn-SageMaker-Target-Variant',
              in: 'header',
              required: false,
              description: 'Send the request to one production variant.',
              schema:
                variants.length > 0
                  ? { type: 'string', enum: variants }
                  : { type: 'string' },
            },
          ],
          requestBody: {
            required: true,
            content: {
              [contentType]: {
                schema: { type: 'string' },
                ...(example !== undefined ? { example } : {}),
              },
            },
          },
          responses: {
            '200': {
              description: "The model's prediction.",
              content: { '*/*': { schema: { type: 'string' } } },
            },
            '400': { description: 'The model rejected the input.' },
            '403': { description: 'The caller may not invoke the endpoint.' },
            '424': { description: 'The model container failed.' },
          },
          security: [{ sigv4: [] }],
        },
      },
    },
    components: {
      securitySchemes: {
        sigv4: {
          type: 'apiKey',
          in: 'header',
          name: 'Authorization',
          description: 'AWS Signature Version 4, service sagemaker.',
        },
      },
    },
  };
}

/**
 * Makes every real-time or serverless ModelDeployment provide an `API`
 * entity (type openapi) that describes how to invoke its endpoint, so that
 * consumers find the how-to in the API docs; batch transforms have no route.
 */
export class ModelEndpointApiProcessor implements CatalogProcessor {
  getProcessorName(): string {
    return 'ModelEndpointApiProcessor';
  }

  async postProcessEntity(
    entity: Entity,
    location: LocationSpec,
    emit: CatalogProcessorEmit,
  ): Promise<Entity> {
    if (
      entity.kind !== 'ModelDeployment' ||
      !INVOCABLE_TYPES.includes(String(entity.spec?.type))
    ) {
      return entity;
    }
    const self = getCompoundEntityRef(entity);
    const api: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'API',
      metadata: {
        name: endpointApiName(entity.metadata.name),
        namespace: self.namespace,
        title: `${entity.metadata.title ?? entity.metadata.name} endpoint`,
        description: `How to invoke the SageMaker endpoint of ModelDeployment ${
          entity.metadata.title ?? entity.metadata.name
        }.`,
        tags: ['sagemaker', 'inference'],
      },
      spec: {
        type: 'openapi',
        lifecycle: String(entity.spec?.lifecycle ?? 'production'),
        owner: String(entity.spec?.owner),
        ...(entity.spec?.system ? { system: String(entity.spec.system) } : {}),
        definition: JSON.stringify(buildEndpointOpenApi(entity), null, 2),
      },
    };
    emit(processingResult.entity(location, api));
    const apiRef = getCompoundEntityRef(api);
    emit(
      processingResult.relation({
        source: self,
        type: RELATION_PROVIDES_API,
        target: apiRef,
      }),
    );
    emit(
      processingResult.relation({
        source: apiRef,
        type: RELATION_API_PROVIDED_BY,
        target: self,
      }),
    );
    return entity;
  }
}
