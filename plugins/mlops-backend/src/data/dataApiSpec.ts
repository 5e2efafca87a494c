import {
  catalogEntityErrors,
  entityRefQuery,
  json,
  ref,
} from '../schema/openApiParts';

const state = { enum: ['ok', 'none', 'unknown'] } as const;

/**
 * OpenAPI spec of the data profile and quality routes, checked in so that
 * requests are validated against it and the router is typed by it.
 */
export const dataApiSpec = {
  openapi: '3.1.0',
  info: {
    title: 'mlops data profiles and quality',
    version: '1',
    description:
      'Glue column statistics and Glue Data Quality results of Datasets, as the mlops backend last read them.',
  },
  servers: [{ url: '/' }],
  paths: {
    '/data/profile': {
      get: {
        operationId: 'GetDataProfile',
        description: "A Dataset's column statistics.",
        parameters: [entityRefQuery],
        responses: {
          '200': json('The profile.', ref('DataProfile')),
          ...catalogEntityErrors,
        },
      },
    },
    '/data/quality': {
      get: {
        operationId: 'GetDataQuality',
        description:
          "A Dataset's latest data quality result and its score trend, oldest first.",
        parameters: [entityRefQuery],
        responses: {
          '200': json('The quality.', ref('DataQualityReport')),
          ...catalogEntityErrors,
        },
      },
    },
  },
  components: {
    schemas: {
      DataProfile: {
        type: 'object',
        required: ['entityRef', 'state', 'columns', 'unanalysedColumns'],
        properties: {
          entityRef: { type: 'string' },
          state,
          reason: { type: 'string' },
          recordCount: { type: 'integer' },
          columns: {
            type: 'array',
            items: {
              type: 'object',
              required: ['name', 'type', 'kind', 'nulls'],
              properties: {
                name: { type: 'string' },
                type: { type: 'string' },
                kind: { type: 'string' },
                nulls: { type: 'integer' },
                nullShare: { type: 'number' },
                distinct: { type: 'integer' },
                min: { type: ['number', 'string'] },
                max: { type: ['number', 'string'] },
                averageLength: { type: 'number' },
                maxLength: { type: 'number' },
                trues: { type: 'integer' },
                falses: { type: 'integer' },
                analyzedAt: { type: 'string' },
              },
            },
          },
          unanalysedColumns: { type: 'array', items: { type: 'string' } },
          checkedAt: { type: 'string' },
        },
      },
      DataQualityReport: {
        type: 'object',
        required: ['entityRef', 'state', 'trend'],
        properties: {
          entityRef: { type: 'string' },
          state,
          reason: { type: 'string' },
          latest: {
            type: 'object',
            required: ['resultId', 'score', 'startedAt', 'rules'],
            properties: {
              resultId: { type: 'string' },
              ruleset: { type: 'string' },
              score: { type: 'number' },
              startedAt: { type: 'string' },
              completedAt: { type: 'string' },
              rules: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['name', 'result'],
                  properties: {
                    name: { type: 'string' },
                    rule: { type: 'string' },
                    result: { enum: ['PASS', 'FAIL', 'ERROR'] },
                    message: { type: 'string' },
                    metrics: {
                      type: 'object',
                      additionalProperties: { type: 'number' },
                    },
                  },
                },
              },
            },
          },
          trend: {
            type: 'array',
            items: {
              type: 'object',
              required: [
                'resultId',
                'score',
                'startedAt',
                'failedRules',
                'totalRules',
              ],
              properties: {
                resultId: { type: 'string' },
                ruleset: { type: 'string' },
                score: { type: 'number' },
                startedAt: { type: 'string' },
                failedRules: { type: 'integer' },
                totalRules: { type: 'integer' },
              },
            },
          },
          checkedAt: { type: 'string' },
        },
      },
    },
  },
} as const;
