import { mockErrorHandler, mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { LineageGraph } from '@ml-foundation/plugin-mlops-common';
import express from 'express';
import request from 'supertest';
import { createLineageRouter } from './createLineageRouter';

function entity(
  kind: string,
  name: string,
  spec: object,
  relations: Array<[string, string]>,
): Entity {
  return {
    apiVersion: 'ml-foundation.dev/v1alpha1',
    kind,
    metadata: { name, namespace: 'default' },
    spec,
    relations: relations.map(([type, targetRef]) => ({ type, targetRef })),
  };
}

// raw-events --(job)--> transactions --> churn-v1 --> churn, churn-endpoint
const estate: Entity[] = [
  entity('Dataset', 'raw-events', { location: 's3://lake/raw/events/' }, [
    ['consumedBy', 'component:default/curate-job'],
  ]),
  entity('Component', 'curate-job', { type: 'data-pipeline' }, [
    ['consumes', 'dataset:default/raw-events'],
    ['produces', 'dataset:default/transactions'],
  ]),
  entity('Dataset', 'transactions', { location: 's3://lake/curated/tx/' }, [
    ['producedBy', 'component:default/curate-job'],
    ['trainingDataFor', 'modelversion:default/churn-v1'],
  ]),
  entity(
    'ModelVersion',
    'churn-v1',
    {
      training: {
        inputs: [
          { channel: 'train', uri: 's3://lake/curated/tx/2026/' },
          { channel: 'extra', uri: 's3://scratch/labels.csv' },
        ],
      },
    },
    [
      ['trainedOn', 'dataset:default/transactions'],
      ['versionOf', 'model:default/churn'],
      ['deployedBy', 'modeldeployment:default/churn-endpoint'],
    ],
  ),
  entity('Model', 'churn', {}, [
    ['hasVersion', 'modelversion:default/churn-v1'],
  ]),
  entity('ModelDeployment', 'churn-endpoint', {}, [
    ['deploys', 'modelversion:default/churn-v1'],
  ]),
];

function app() {
  const server = express();
  server.use(
    createLineageRouter({
      catalog: catalogServiceMock({ entities: estate }),
      httpAuth: mockServices.httpAuth(),
    }),
  );
  server.use(mockErrorHandler());
  return server;
}

async function lineage(query: Record<string, string>): Promise<LineageGraph> {
  const response = await request(app()).get('/lineage').query(query);
  expect(response.status).toBe(200);
  return response.body;
}

const ids = (graph: LineageGraph) => graph.nodes.map(n => n.id).sort();

describe('GET /lineage', () => {
  it('walks a version upstream to the raw data and downstream to its model and endpoint', async () => {
    const graph = await lineage({
      entityRef: 'modelversion:default/churn-v1',
      depth: '2',
    });
    expect(ids(graph)).toEqual([
      'component:default/curate-job',
      'dataset:default/transactions',
      'model:default/churn',
      'modeldeployment:default/churn-endpoint',
      'modelversion:default/churn-v1',
      's3://scratch/labels.csv',
    ]);
    expect(graph.edges).toEqual(
      expect.arrayContaining([
        {
          source: 'dataset:default/transactions',
          target: 'modelversion:default/churn-v1',
          relation: 'trainedOn',
        },
        {
          source: 'component:default/curate-job',
          target: 'dataset:default/transactions',
          relation: 'produces',
        },
        {
          source: 'modelversion:default/churn-v1',
          target: 'modeldeployment:default/churn-endpoint',
          relation: 'deploys',
        },
      ]),
    );
    // depth 2 stops before raw-events, which the job reads
    expect(graph.truncated).toBe(true);
  });

  it('shows a training input that maps to no dataset as an unmatched leaf', async () => {
    const graph = await lineage({
      entityRef: 'modelversion:default/churn-v1',
      depth: '1',
      direction: 'upstream',
    });
    expect(graph.nodes.find(n => n.id === 's3://scratch/labels.csv')).toEqual(
      expect.objectContaining({ kind: 'S3', unmatched: true, depth: 1 }),
    );
    // the input under the dataset's location is that dataset, not a leaf
    expect(ids(graph)).not.toContain('s3://lake/curated/tx/2026/');
    expect(graph.edges).toContainEqual({
      source: 's3://scratch/labels.csv',
      target: 'modelversion:default/churn-v1',
      relation: 'trainingInput',
    });
  });

  it("walks a model's versions both ways, to their data and their deployments", async () => {
    const graph = await lineage({
      entityRef: 'model:default/churn',
      depth: '4',
    });
    expect(ids(graph)).toEqual([
      'component:default/curate-job',
      'dataset:default/raw-events',
      'dataset:default/transactions',
      'model:default/churn',
      'modeldeployment:default/churn-endpoint',
      'modelversion:default/churn-v1',
      's3://scratch/labels.csv',
    ]);
    expect(graph.truncated).toBe(false);
  });

  it('follows only one direction when asked', async () => {
    const graph = await lineage({
      entityRef: 'dataset:default/transactions',
      direction: 'downstream',
    });
    expect(ids(graph)).toEqual([
      'dataset:default/transactions',
      'model:default/churn',
      'modeldeployment:default/churn-endpoint',
      'modelversion:default/churn-v1',
    ]);
  });

  it('answers 404 for an entity not in the catalog and 400 for a bad query', async () => {
    const missing = await request(app())
      .get('/lineage')
      .query({ entityRef: 'model:default/nope' });
    expect(missing.status).toBe(404);
    const badDepth = await request(app())
      .get('/lineage')
      .query({ entityRef: 'model:default/churn', depth: '99' });
    expect(badDepth.status).toBe(400);
    const noRef = await request(app()).get('/lineage');
    expect(noRef.status).toBe(400);
  });
});
