import {
  entityRefQuery,
  idPath,
  items,
  json,
  ref,
  requestErrors,
} from '../../schema/openApiParts';

/**
 * OpenAPI spec of the governance routes, checked in (the code generator
 * needs Java) so that requests are validated against it and the router is
 * typed by it. The typed client is MlopsClient in mlops-common.
 */

const errors = {
  ...requestErrors,
  '403': { description: 'The user lacks the permission on the entity.' },
  '404': { description: 'Unknown review or entity.' },
  '409': {
    description:
      'The review is not in a state that allows this, or a separation-of-duties rule forbids it (the message names the rule).',
  },
} as const;

const reviewResponse = json('The review after the action.', ref('Review'));

export const governanceApiSpec = {
  openapi: '3.1.0',
  info: {
    title: 'mlops governance',
    version: '1',
    description:
      'Promotion reviews of ModelVersions: policy checkpoints, approvals with separation of duties, waivers and the write-back to the SageMaker model registry.',
  },
  servers: [{ url: '/' }],
  paths: {
    '/governance/policy': {
      get: {
        operationId: 'GetPolicy',
        description:
          'The governance policy that applies to a Model or ModelVersion.',
        parameters: [entityRefQuery],
        responses: {
          '200': json(
            'The policy with its transitions.',
            ref('EffectivePolicy'),
          ),
          ...errors,
        },
      },
    },
    '/governance/reviews': {
      get: {
        operationId: 'ListReviews',
        description: 'Reviews, newest first.',
        parameters: [
          {
            ...entityRefQuery,
            required: false,
            description: 'A ModelVersion, or a Model for all its versions.',
          },
          {
            name: 'state',
            in: 'query',
            required: false,
            schema: { $ref: '#/components/schemas/ReviewState' },
          },
          {
            name: 'awaitingMe',
            in: 'query',
            required: false,
            description:
              'Only open reviews the caller may approve and has not decided on.',
            schema: { type: 'string', enum: ['true', 'false'] },
          },
        ],
        responses: {
          '200': json('The reviews.', items('Review')),
          ...errors,
        },
      },
      post: {
        operationId: 'CreateReview',
        description:
          'Requests promotion (or rollback) of a ModelVersion to a stage; needs mlops.review.create on the version.',
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['entityRef', 'targetStage'],
                additionalProperties: false,
                properties: {
                  entityRef: { type: 'string', minLength: 1 },
                  targetStage: {
                    type: 'string',
                    pattern: '^[A-Za-z][A-Za-z0-9-]*$',
                  },
                  kind: { type: 'string', enum: ['promotion', 'rollback'] },
                  comment: { type: 'string', maxLength: 4000 },
                },
              },
            },
          },
        },
        responses: { '201': reviewResponse, ...errors },
      },
    },
    '/governance/reviews/{id}': {
      get: {
        operationId: 'GetReview',
        parameters: [idPath],
        responses: { '200': reviewResponse, ...errors },
      },
    },
    '/governance/reviews/{id}/decisions': {
      post: {
        operationId: 'DecideReview',
        description:
          'Approves or rejects; needs mlops.review.approve on the version and passes the separation-of-duties rules.',
        parameters: [idPath],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['decision', 'comment'],
                additionalProperties: false,
                properties: {
                  decision: { type: 'string', enum: ['approve', 'reject'] },
                  comment: { type: 'string', minLength: 1, maxLength: 4000 },
                },
              },
            },
          },
        },
        responses: { '200': reviewResponse, ...errors },
      },
    },
    '/governance/reviews/{id}/waivers': {
      post: {
        operationId: 'WaiveCheckpoint',
        description:
          'Waives an automatic checkpoint with a reason; needs mlops.governance.waive on the version.',
        parameters: [idPath],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['checkpointId', 'reason'],
                additionalProperties: false,
                properties: {
                  checkpointId: { type: 'string', minLength: 1 },
                  reason: { type: 'string', minLength: 1, maxLength: 4000 },
                },
              },
            },
          },
        },
        responses: { '200': reviewResponse, ...errors },
      },
    },
    '/governance/reviews/{id}/write-back': {
      post: {
        operationId: 'RetryWriteBack',
        description:
          'Retries a failed write-back to SageMaker; needs mlops.review.approve on the version.',
        parameters: [idPath],
        requestBody: {
          required: false,
          content: {
            'application/json': {
              schema: { type: 'object', additionalProperties: false },
            },
          },
        },
        responses: { '200': reviewResponse, ...errors },
      },
    },
  },
  components: {
    schemas: {
      ReviewState: {
        type: 'string',
        enum: [
          'open',
          'approved-not-synced',
          'completed',
          'rejected',
          'superseded',
        ],
      },
      CheckpointDefinition: {
        type: 'object',
        required: ['id', 'type'],
        properties: { id: { type: 'string' }, type: { type: 'string' } },
        additionalProperties: true,
      },
      Transitions: {
        type: 'object',
        additionalProperties: {
          type: 'object',
          required: ['checkpoints'],
          properties: {
            checkpoints: {
              type: 'array',
              items: { $ref: '#/components/schemas/CheckpointDefinition' },
            },
          },
        },
      },
      EffectivePolicy: {
        type: 'object',
        required: ['name', 'transitions'],
        properties: {
          name: { type: 'string' },
          transitions: { $ref: '#/components/schemas/Transitions' },
          rollbacks: { $ref: '#/components/schemas/Transitions' },
        },
      },
      CheckpointResult: {
        type: 'object',
        required: ['id', 'type', 'state', 'message', 'evidence', 'evaluatedAt'],
        properties: {
          id: { type: 'string' },
          type: { type: 'string' },
          state: {
            type: 'string',
            enum: ['passed', 'failed', 'pending', 'waived'],
          },
          message: { type: 'string' },
          evidence: { type: 'object', additionalProperties: true },
          evaluatedAt: { type: 'string' },
          waiver: {
            type: 'object',
            required: ['by', 'reason', 'at'],
            properties: {
              by: { type: 'string' },
              reason: { type: 'string' },
              at: { type: 'string' },
            },
          },
        },
      },
      ReviewDecision: {
        type: 'object',
        required: ['id', 'actor', 'decision', 'comment', 'at'],
        properties: {
          id: { type: 'string' },
          actor: { type: 'string' },
          decision: { type: 'string', enum: ['approve', 'reject'] },
          comment: { type: 'string' },
          at: { type: 'string' },
        },
      },
      WriteBackState: {
        type: 'object',
        required: ['state', 'attempts'],
        properties: {
          state: { type: 'string', enum: ['pending', 'succeeded', 'failed'] },
          attempts: { type: 'integer' },
          lastError: { type: 'string' },
          at: { type: 'string' },
          written: { type: 'object', additionalProperties: true },
        },
      },
      Review: {
        type: 'object',
        required: [
          'id',
          'kind',
          'entityRef',
          'modelRef',
          'targetStage',
          'policy',
          'state',
          'requestedBy',
          'requestedAt',
          'checkpoints',
          'decisions',
          'updatedAt',
        ],
        properties: {
          id: { type: 'string' },
          kind: { type: 'string', enum: ['promotion', 'rollback'] },
          entityRef: { type: 'string' },
          modelRef: { type: 'string' },
          targetStage: { type: 'string' },
          policy: { type: 'string' },
          state: { $ref: '#/components/schemas/ReviewState' },
          requestedBy: { type: 'string' },
          requestedAt: { type: 'string' },
          comment: { type: 'string' },
          checkpoints: {
            type: 'array',
            items: { $ref: '#/components/schemas/CheckpointResult' },
          },
          decisions: {
            type: 'array',
            items: { $ref: '#/components/schemas/ReviewDecision' },
          },
          writeBack: { $ref: '#/components/schemas/WriteBackState' },
          replacesRef: { type: 'string' },
          updatedAt: { type: 'string' },
          completedAt: { type: 'string' },
        },
      },
    },
  },
} as const;
