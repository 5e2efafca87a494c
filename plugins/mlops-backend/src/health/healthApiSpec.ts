import {
  catalogEntityErrors,
  entityRefQuery,
  items,
  json,
  ref,
  unauthenticated,
} from '../schema/openApiParts';

/**
 * OpenAPI spec of the model health routes, checked in so that requests are
 * validated against it and the router is typed by it. Mounted under
 * `/model-health` as `/health` is the plugin's liveness route.
 */
export const healthApiSpec = {
  openapi: '3.1.0',
  info: {
    title: 'mlops model health',
    version: '1',
    description:
      'Deployment health from SageMaker Model Monitor, Clarify reports of versions, evaluation trends and retraining.',
  },
  servers: [{ url: '/' }],
  paths: {
    '/model-health/deployment': {
      get: {
        operationId: 'GetDeploymentHealth',
        description: 'A ModelDeployment health, executions and history.',
        parameters: [entityRefQuery],
        responses: {
          '200': json('The health.', ref('DeploymentHealthReport')),
          ...catalogEntityErrors,
        },
      },
    },
    '/model-health/model': {
      get: {
        operationId: 'GetModelHealth',
        description: "Health of every deployment serving the Model's versions.",
        parameters: [entityRefQuery],
        responses: {
          '200': json('The deployments.', items('DeploymentHealthReport')),
          ...catalogEntityErrors,
        },
      },
    },
    '/model-health/version-reports': {
      get: {
        operationId: 'GetVersionReports',
        description:
          "A ModelVersion's SHAP importances and bias metrics from Clarify.",
        parameters: [entityRefQuery],
        responses: {
          '200': json('The reports.', ref('VersionReports')),
          ...catalogEntityErrors,
        },
      },
    },
    '/model-health/evaluation-trend': {
      get: {
        operationId: 'GetEvaluationTrend',
        description:
          "Metrics of every version of a Model, with the policy's thresholds.",
        parameters: [entityRefQuery],
        responses: {
          '200': json('The trend.', ref('EvaluationTrend')),
          ...catalogEntityErrors,
        },
      },
    },
    '/model-health/attention': {
      get: {
        operationId: 'ListNeedsAttention',
        description: 'Deployments that are failing, drifting or unknown.',
        responses: {
          '200': json('The items, worst first.', items('AttentionItem')),
          ...unauthenticated,
        },
      },
    },
    '/model-health/retraining-runs': {
      get: {
        operationId: 'ListRetrainingRuns',
        description: 'Retraining runs of a Model, newest first.',
        parameters: [entityRefQuery],
        responses: {
          '200': json('The runs.', items('RetrainingRun')),
          ...catalogEntityErrors,
        },
      },
      post: {
        operationId: 'StartRetraining',
        description:
          "Starts the Model's retraining pipeline (needs mlops.retrain on the Model).",
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['entityRef', 'reason'],
                additionalProperties: false,
                properties: {
                  entityRef: {
                    type: 'string',
                    minLength: 1,
                    description: 'A Model, or a ModelDeployment of it.',
                  },
                  reason: { type: 'string', minLength: 1, maxLength: 2000 },
                },
              },
            },
          },
        },
        responses: {
          '201': json('The run started.', ref('RetrainingRun')),
          ...catalogEntityErrors,
          '403': { description: 'The user lacks mlops.retrain.' },
        },
      },
    },
  },
  components: {
    schemas: {
      DeploymentHealthReport: {
        type: 'object',
        required: ['entityRef', 'state', 'checkedAt', 'executions', 'history'],
        properties: {
          entityRef: { type: 'string' },
          state: {
            type: 'string',
            enum: ['healthy', 'drifting', 'failing', 'unknown'],
          },
          reason: { type: 'string' },
          checkedAt: { type: 'string' },
          modelRef: { type: 'string' },
          retrainingPipeline: { type: 'string' },
          executions: { type: 'array', items: { type: 'object' } },
          history: { type: 'array', items: { type: 'object' } },
        },
      },
      VersionReports: {
        type: 'object',
        required: ['entityRef', 'explainability', 'bias'],
        properties: {
          entityRef: { type: 'string' },
          explainability: { type: 'object' },
          bias: { type: 'object' },
        },
      },
      EvaluationTrend: {
        type: 'object',
        required: ['modelRef', 'points', 'thresholds'],
        properties: {
          modelRef: { type: 'string' },
          points: { type: 'array', items: { type: 'object' } },
          thresholds: { type: 'array', items: { type: 'object' } },
        },
      },
      AttentionItem: {
        type: 'object',
        required: ['entityRef', 'kind', 'message', 'since'],
        properties: {
          entityRef: { type: 'string' },
          kind: { type: 'string' },
          message: { type: 'string' },
          since: { type: 'string' },
        },
      },
      RetrainingRun: {
        type: 'object',
        required: [
          'id',
          'modelRef',
          'pipeline',
          'executionArn',
          'status',
          'startedBy',
          'reason',
          'startedAt',
        ],
        properties: {
          id: { type: 'string' },
          modelRef: { type: 'string' },
          deploymentRef: { type: 'string' },
          pipeline: { type: 'string' },
          executionArn: { type: 'string' },
          status: { type: 'string' },
          startedBy: { type: 'string' },
          reason: { type: 'string' },
          startedAt: { type: 'string' },
          failureReason: { type: 'string' },
        },
      },
    },
  },
} as const;
