import {
  catalogEntityErrors,
  entityRefQuery,
  json,
  ref,
} from '../schema/openApiParts';

/**
 * OpenAPI spec of the lineage route, checked in so that requests are
 * validated against it and the router is typed by it.
 */
export const lineageApiSpec = {
  openapi: '3.1.0',
  info: {
    title: 'mlops lineage',
    version: '1',
    description:
      'Upstream and downstream lineage of an ML entity, computed from the catalog.',
  },
  servers: [{ url: '/' }],
  paths: {
    '/lineage': {
      get: {
        operationId: 'GetLineage',
        description:
          'Nodes and edges reachable from an entity to a depth, data flowing from source to target.',
        parameters: [
          entityRefQuery,
          {
            name: 'depth',
            in: 'query',
            required: false,
            description: 'Hops from the entity, 1 to 10 (default 3).',
            schema: { type: 'string', pattern: '^([1-9]|10)$' },
          },
          {
            name: 'direction',
            in: 'query',
            required: false,
            schema: {
              type: 'string',
              enum: ['upstream', 'downstream', 'both'],
            },
          },
        ],
        responses: {
          '200': json('The lineage graph.', ref('LineageGraph')),
          '400': { description: 'Malformed query.' },
          '404': catalogEntityErrors['404'],
        },
      },
    },
  },
  components: {
    schemas: {
      LineageNode: {
        type: 'object',
        required: ['id', 'kind', 'name', 'depth'],
        properties: {
          id: { type: 'string' },
          kind: { type: 'string' },
          name: { type: 'string' },
          title: { type: 'string' },
          namespace: { type: 'string' },
          unmatched: { type: 'boolean' },
          depth: { type: 'integer' },
        },
      },
      LineageEdge: {
        type: 'object',
        required: ['source', 'target', 'relation'],
        properties: {
          source: { type: 'string' },
          target: { type: 'string' },
          relation: { type: 'string' },
        },
      },
      LineageGraph: {
        type: 'object',
        required: ['root', 'nodes', 'edges', 'truncated'],
        properties: {
          root: { type: 'string' },
          nodes: { type: 'array', items: ref('LineageNode') },
          edges: { type: 'array', items: ref('LineageEdge') },
          truncated: { type: 'boolean' },
        },
      },
    },
  },
} as const;
