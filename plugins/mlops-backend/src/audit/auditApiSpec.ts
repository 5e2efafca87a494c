import {
  json,
  ref,
  requestErrors,
  unauthenticated,
} from '../schema/openApiParts';

const readErrors = {
  ...requestErrors,
  '403': { description: 'Missing mlops.audit.read.' },
} as const;

/** The parameters that select the events to list or export. */
const selectionParameters = [
  { $ref: '#/components/parameters/entityRef' },
  { $ref: '#/components/parameters/actor' },
  { $ref: '#/components/parameters/action' },
  { $ref: '#/components/parameters/from' },
  { $ref: '#/components/parameters/to' },
] as const;

/**
 * OpenAPI 3.1 description of the audit routes of the mlops plugin, checked
 * in as a constant (the generator needs Java) and enforced on every request
 * by createValidatedOpenApiRouter. The typed client is MlopsClient in
 * @ml-foundation/plugin-mlops-common.
 */
export const auditApiSpec = {
  openapi: '3.1.0',
  info: {
    title: 'mlops audit trail',
    version: '1',
    description:
      'The append-only, hash-chained audit trail of ML governance: query, export, verify, and record events from other backend plugins.',
  },
  // Paths are relative to where the router is mounted (/api/mlops).
  servers: [{ url: '/' }],
  components: {
    parameters: {
      entityRef: {
        name: 'entityRef',
        in: 'query',
        required: false,
        // Entity refs hold ':' and '/'; accept them unencoded (curl, links).
        allowReserved: true,
        description:
          'Events about this entity; for a Model, about its versions too.',
        schema: { type: 'string', minLength: 1, maxLength: 255 },
      },
      actor: {
        name: 'actor',
        in: 'query',
        required: false,
        allowReserved: true,
        description: 'User entity ref or service:<plugin> who acted.',
        schema: { type: 'string', minLength: 1, maxLength: 255 },
      },
      action: {
        name: 'action',
        in: 'query',
        required: false,
        allowReserved: true,
        schema: { type: 'string', minLength: 1, maxLength: 255 },
      },
      from: {
        name: 'from',
        in: 'query',
        required: false,
        description: 'Events at or after this time (ISO 8601).',
        schema: { type: 'string', format: 'date-time' },
      },
      to: {
        name: 'to',
        in: 'query',
        required: false,
        description: 'Events before this time (ISO 8601).',
        schema: { type: 'string', format: 'date-time' },
      },
    },
    schemas: {
      AuditEvent: {
        type: 'object',
        required: [
          'id',
          'sequence',
          'occurredAt',
          'actor',
          'action',
          'targetRef',
          'details',
          'previousHash',
          'hash',
        ],
        properties: {
          id: { type: 'string' },
          sequence: { type: 'integer', minimum: 1 },
          occurredAt: { type: 'string', format: 'date-time' },
          actor: { type: 'string' },
          action: { type: 'string' },
          targetRef: { type: 'string' },
          targetArn: { type: 'string' },
          modelRef: { type: 'string' },
          details: { type: 'object' },
          previousHash: { type: 'string' },
          hash: {
            type: 'string',
            description:
              'SHA-256 over the canonical event (sorted keys) and previousHash, hex',
          },
        },
      },
      AuditPage: {
        type: 'object',
        required: ['items'],
        properties: {
          items: { type: 'array', items: ref('AuditEvent') },
          nextCursor: { type: 'string' },
        },
      },
      AuditVerification: {
        type: 'object',
        required: ['ok', 'checkedEvents', 'verifiedAt'],
        properties: {
          ok: { type: 'boolean' },
          checkedEvents: { type: 'integer' },
          verifiedAt: { type: 'string', format: 'date-time' },
          firstBrokenEvent: {
            type: 'object',
            required: ['id', 'sequence', 'reason'],
            properties: {
              id: { type: 'string' },
              sequence: { type: 'integer' },
              reason: { type: 'string' },
            },
          },
        },
      },
      NewAuditEvent: {
        type: 'object',
        additionalProperties: false,
        required: ['action', 'targetRef', 'details'],
        properties: {
          actor: {
            type: 'string',
            minLength: 1,
            maxLength: 255,
            description:
              'User entity ref on whose behalf the service acted; defaults to service:<calling plugin>.',
          },
          action: { type: 'string', minLength: 1, maxLength: 255 },
          targetRef: { type: 'string', minLength: 1, maxLength: 255 },
          targetArn: { type: 'string', minLength: 1, maxLength: 2048 },
          modelRef: {
            type: 'string',
            minLength: 1,
            maxLength: 255,
            description:
              'The Model of a ModelVersion target; looked up in the catalog when absent.',
          },
          details: { type: 'object' },
        },
      },
      Error: {
        type: 'object',
        properties: {
          error: {
            type: 'object',
            properties: {
              name: { type: 'string' },
              message: { type: 'string' },
            },
          },
        },
      },
    },
  },
  paths: {
    '/audit/events': {
      get: {
        operationId: 'listAuditEvents',
        description:
          'Matching events, newest first, a page at a time. Needs mlops.audit.read on the entity; without entityRef, only the events whose target the caller may read.',
        parameters: [
          ...selectionParameters,
          {
            name: 'cursor',
            in: 'query',
            required: false,
            description: 'nextCursor of the previous page.',
            schema: { type: 'string', minLength: 1 },
          },
          {
            name: 'limit',
            in: 'query',
            required: false,
            schema: { type: 'integer', minimum: 1, maximum: 500, default: 50 },
          },
        ],
        responses: {
          '200': json('One page of events.', ref('AuditPage')),
          ...readErrors,
        },
      },
      post: {
        operationId: 'appendAuditEvent',
        description:
          'Records an event from another backend plugin (service credentials only; users get 403).',
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: ref('NewAuditEvent'),
            },
          },
        },
        responses: {
          '201': json('The event as appended to the chain.', ref('AuditEvent')),
          ...requestErrors,
          '403': { description: 'Not a service principal.' },
        },
      },
    },
    '/audit/export': {
      get: {
        operationId: 'exportAuditEvents',
        description:
          'All matching events, oldest first (chain order), streamed as CSV or JSON Lines.',
        parameters: [
          {
            name: 'format',
            in: 'query',
            required: true,
            schema: { type: 'string', enum: ['csv', 'jsonl'] },
          },
          ...selectionParameters,
        ],
        responses: {
          '200': {
            description: 'The events.',
            content: {
              'text/csv': { schema: { type: 'string' } },
              'application/x-ndjson': { schema: { type: 'string' } },
            },
          },
          ...readErrors,
        },
      },
    },
    '/audit/verify': {
      get: {
        operationId: 'verifyAudit',
        description:
          'Verifies the whole chain now, or with cached=true returns the latest result of the periodic verification (verifying now if none was recorded yet).',
        parameters: [
          {
            name: 'cached',
            in: 'query',
            required: false,
            schema: { type: 'boolean', default: false },
          },
        ],
        responses: {
          '200': json('The verification.', ref('AuditVerification')),
          ...unauthenticated,
          '403': readErrors['403'],
        },
      },
    },
  },
} as const;
