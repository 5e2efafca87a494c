import {
  catalogEntityErrors,
  entityRefQuery,
  json,
  ref,
} from '../schema/openApiParts';

const string = { type: 'string' } as const;
const number = { type: 'number' } as const;

/**
 * OpenAPI spec of the training run routes, checked in so that requests are
 * validated against it and the router is typed by it.
 */
export const experimentsApiSpec = {
  openapi: '3.1.0',
  info: {
    title: 'mlops experiments',
    version: '1',
    description:
      "A Model's training runs: its versions' SageMaker training jobs and the trial components of its experiments.",
  },
  servers: [{ url: '/' }],
  paths: {
    '/experiments/runs': {
      get: {
        operationId: 'ListTrainingRuns',
        description:
          'The training runs of a Model, newest first; a run that cannot be read has a note.',
        parameters: [entityRefQuery],
        responses: {
          '200': json('The runs.', ref('TrainingRuns')),
          ...catalogEntityErrors,
          '400': {
            description: 'Malformed request, or an entity other than a Model.',
          },
        },
      },
    },
  },
  components: {
    schemas: {
      TrainingRunMetric: {
        type: 'object',
        required: ['name', 'value'],
        properties: {
          name: string,
          value: number,
          min: number,
          max: number,
          avg: number,
          count: number,
        },
      },
      TrainingRunInput: {
        type: 'object',
        required: ['name', 'uri'],
        properties: { name: string, uri: string },
      },
      TrainingRun: {
        type: 'object',
        required: [
          'id',
          'name',
          'source',
          'parameters',
          'metrics',
          'inputs',
          'notes',
        ],
        properties: {
          id: string,
          name: string,
          source: { type: 'string', enum: ['training-job', 'trial-component'] },
          trainingJobName: string,
          trainingJobArn: string,
          trialComponentName: string,
          experimentName: string,
          trialName: string,
          status: string,
          failureReason: string,
          startedAt: string,
          endedAt: string,
          durationSeconds: number,
          billableSeconds: number,
          instanceType: string,
          instanceCount: number,
          parameters: { type: 'object', additionalProperties: string },
          metrics: { type: 'array', items: ref('TrainingRunMetric') },
          inputs: { type: 'array', items: ref('TrainingRunInput') },
          versionRef: string,
          notes: { type: 'array', items: string },
        },
      },
      TrainingRuns: {
        type: 'object',
        required: ['modelRef', 'experiments', 'runs', 'notes', 'truncated'],
        properties: {
          modelRef: string,
          experiments: { type: 'array', items: string },
          runs: { type: 'array', items: ref('TrainingRun') },
          notes: { type: 'array', items: string },
          truncated: { type: 'boolean' },
        },
      },
    },
  },
} as const;
