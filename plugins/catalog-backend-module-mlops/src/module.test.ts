import {
  createMockDirectory,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import request from 'supertest';
import { stringify } from 'yaml';
import { catalogModuleMlops } from './module';

jest.setTimeout(120_000);

const ml = 'ml-foundation.dev/v1alpha1';
const estate = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'fraud-ml' },
    spec: { type: 'team', children: [] },
  },
  {
    apiVersion: ml,
    kind: 'Dataset',
    metadata: { name: 'raw-transactions' },
    spec: { type: 's3-prefix', owner: 'fraud-ml', lifecycle: 'production' },
  },
  {
    apiVersion: ml,
    kind: 'Model',
    metadata: { name: 'fraud-detector' },
    spec: { owner: 'fraud-ml', lifecycle: 'production' },
  },
  {
    apiVersion: ml,
    kind: 'ModelVersion',
    metadata: { name: 'fraud-detector-v1' },
    spec: {
      model: 'fraud-detector',
      version: 1,
      owner: 'fraud-ml',
      lifecycle: 'production',
      approvalStatus: 'Approved',
      trainedOn: ['raw-transactions'],
    },
  },
  // Malformed: the version is not a number. The rest must load regardless.
  {
    apiVersion: ml,
    kind: 'ModelVersion',
    metadata: { name: 'fraud-detector-v2' },
    spec: {
      model: 'fraud-detector',
      version: 'two',
      owner: 'fraud-ml',
      lifecycle: 'production',
      approvalStatus: 'PendingManualApproval',
    },
  },
];

describe('catalogModuleMlops', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
  const directory = createMockDirectory();

  async function startCatalog(
    databaseId: Parameters<typeof databases.init>[0],
  ) {
    directory.setContent({
      'estate.yaml': estate.map(e => stringify(e)).join('---\n'),
    });
    const { server } = await startTestBackend({
      features: [
        catalogPlugin,
        catalogModuleMlops,
        mockServices.database.factory({
          knex: await databases.init(databaseId),
        }),
        mockServices.rootConfig.factory({
          data: {
            catalog: {
              rules: [
                {
                  allow: [
                    'Group',
                    'Location',
                    'Dataset',
                    'Model',
                    'ModelVersion',
                  ],
                },
              ],
              locations: [
                { type: 'file', target: directory.resolve('estate.yaml') },
              ],
            },
          },
        }),
      ],
    });
    return server;
  }

  async function waitForEntity(server: any, path: string) {
    for (let attempt = 0; attempt < 120; attempt++) {
      const response = await request(server).get(
        `/api/catalog/entities/by-name/${path}`,
      );
      if (response.status === 200 && response.body.relations.length > 0) {
        return response.body;
      }
      await new Promise(resolve => setTimeout(resolve, 500));
    }
    throw new Error(`${path} never appeared in the catalog`);
  }

  it.each(databases.eachSupportedId())(
    'ingests ML entities with relations both ways, and rejects a malformed one with a clear error, on %p',
    async databaseId => {
      const server = await startCatalog(databaseId);

      const version = await waitForEntity(
        server,
        'modelversion/default/fraud-detector-v1',
      );
      expect(version.relations).toEqual(
        expect.arrayContaining([
          { type: 'versionOf', targetRef: 'model:default/fraud-detector' },
          { type: 'trainedOn', targetRef: 'dataset:default/raw-transactions' },
          { type: 'ownedBy', targetRef: 'group:default/fraud-ml' },
        ]),
      );
      const model = await waitForEntity(server, 'model/default/fraud-detector');
      expect(model.relations).toEqual(
        expect.arrayContaining([
          {
            type: 'hasVersion',
            targetRef: 'modelversion:default/fraud-detector-v1',
          },
        ]),
      );
      const dataset = await waitForEntity(
        server,
        'dataset/default/raw-transactions',
      );
      expect(dataset.relations).toEqual(
        expect.arrayContaining([
          {
            type: 'trainingDataFor',
            targetRef: 'modelversion:default/fraud-detector-v1',
          },
        ]),
      );

      const malformed = await request(server).get(
        '/api/catalog/entities/by-name/modelversion/default/fraud-detector-v2',
      );
      expect(malformed.status).toBe(404);

      const validation = await request(server)
        .post('/api/catalog/validate-entity')
        .send({
          entity: estate[4],
          location: 'url:https://example.com/estate.yaml',
        });
      expect(validation.status).toBe(400);
      expect(validation.body.errors[0].message).toContain(
        'ModelVersion "default/fraud-detector-v2" is invalid: spec.version must be integer, got "two"',
      );
    },
  );
});
