import {
  entityRefQuery,
  idPath,
  items,
  json,
  ref,
  requestErrors,
} from '../schema/openApiParts';

/**
 * OpenAPI spec of the access-request routes, checked in like the other
 * capabilities' specs; the router validates requests against it.
 */

const errors = {
  ...requestErrors,
  '403': { description: 'The user lacks the permission on the data.' },
  '404': { description: 'Unknown request or entity.' },
  '409': {
    description:
      'The request is not pending, or a separation-of-duties rule forbids the decision (the message names the rule).',
  },
} as const;

const requestResponse = json('The access request.', ref('AccessRequest'));

export const accessApiSpec = {
  openapi: '3.1.0',
  info: {
    title: 'mlops access requests',
    version: '1',
    description:
      'Requests for access to Datasets and FeatureGroups, approved by their owners and, for PII data, a privacy group.',
  },
  servers: [{ url: '/' }],
  paths: {
    '/access/requests': {
      get: {
        operationId: 'ListAccessRequests',
        description: 'Access requests, newest first.',
        parameters: [
          { ...entityRefQuery, required: false },
          {
            name: 'state',
            in: 'query',
            required: false,
            schema: {
              type: 'string',
              enum: ['pending', 'approved', 'rejected', 'expired'],
            },
          },
          {
            name: 'mine',
            in: 'query',
            required: false,
            schema: { type: 'string', enum: ['true', 'false'] },
          },
          {
            name: 'awaitingMe',
            in: 'query',
            required: false,
            schema: { type: 'string', enum: ['true', 'false'] },
          },
        ],
        responses: {
          '200': json('The requests.', items('AccessRequest')),
          ...errors,
        },
      },
      post: {
        operationId: 'CreateAccessRequest',
        description: 'Ask for access to a Dataset or FeatureGroup.',
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['entityRef', 'purpose', 'durationDays'],
                additionalProperties: false,
                properties: {
                  entityRef: { type: 'string', minLength: 1 },
                  purpose: { type: 'string', minLength: 1, maxLength: 2000 },
                  durationDays: { type: 'integer', minimum: 1 },
                },
              },
            },
          },
        },
        responses: { '201': requestResponse, ...errors },
      },
    },
    '/access/requests/{id}': {
      get: {
        operationId: 'GetAccessRequest',
        parameters: [idPath],
        responses: { '200': requestResponse, ...errors },
      },
    },
    '/access/requests/{id}/decisions': {
      post: {
        operationId: 'DecideAccessRequest',
        description: 'Approve or reject; the message of a 409 names the rule.',
        parameters: [idPath],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['decision'],
                additionalProperties: false,
                properties: {
                  decision: { type: 'string', enum: ['approve', 'reject'] },
                  comment: { type: 'string', maxLength: 2000 },
                },
              },
            },
          },
        },
        responses: { '200': requestResponse, ...errors },
      },
    },
  },
  components: {
    schemas: {
      AccessRequest: {
        type: 'object',
        required: [
          'id',
          'entityRef',
          'requestedBy',
          'purpose',
          'durationDays',
          'state',
          'requiredSteps',
          'pendingSteps',
          'approvers',
          'decisions',
          'createdAt',
        ],
        properties: {
          id: { type: 'string' },
          entityRef: { type: 'string' },
          requestedBy: { type: 'string' },
          purpose: { type: 'string' },
          durationDays: { type: 'integer' },
          state: {
            type: 'string',
            enum: ['pending', 'approved', 'rejected', 'expired'],
          },
          requiredSteps: { type: 'array', items: { type: 'string' } },
          pendingSteps: { type: 'array', items: { type: 'string' } },
          approvers: { type: 'object' },
          decisions: { type: 'array', items: { type: 'object' } },
          fulfilment: { type: 'object' },
          createdAt: { type: 'string' },
          expiresAt: { type: 'string' },
        },
      },
    },
  },
} as const;
