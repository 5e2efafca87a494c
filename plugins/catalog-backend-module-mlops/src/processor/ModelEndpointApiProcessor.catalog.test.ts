import {
  createMockDirectory,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import request from 'supertest';
import { stringify } from 'yaml';
import { catalogModuleMlops } from '../module';

jest.setTimeout(120_000);

const deployment = {
  apiVersion: 'ml-foundation.dev/v1alpha1',
  kind: 'ModelDeployment',
  metadata: {
    name: 'fraud-endpoint',
    annotations: {
      'aws.amazon.com/arn':
        'arn:aws:sagemaker:eu-west-1:123456789012:endpoint/fraud-endpoint',
      'aws.amazon.com/region': 'eu-west-1',
    },
  },
  spec: {
    type: 'realtime-endpoint',
    owner: 'group:default/fraud-ml',
    lifecycle: 'production',
    variants: [{ name: 'AllTraffic' }],
  },
};

describe('ModelEndpointApiProcessor in the catalog', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
  const directory = createMockDirectory();

  it.each(databases.eachSupportedId())(
    "puts a deployment's API entity in the catalog, provided by the deployment, on %p",
    async databaseId => {
      directory.setContent({ 'estate.yaml': stringify(deployment) });
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
                rules: [{ allow: ['Location', 'ModelDeployment', 'API'] }],
                locations: [
                  { type: 'file', target: directory.resolve('estate.yaml') },
                ],
              },
            },
          }),
        ],
      });
      let api: any;
      for (
        let attempt = 0;
        attempt < 120 && !api?.relations?.length;
        attempt++
      ) {
        const response = await request(server).get(
          '/api/catalog/entities/by-name/api/default/fraud-endpoint-invoke',
        );
        api = response.status === 200 ? response.body : undefined;
        if (!api?.relations?.length) {
          await new Promise(resolve => setTimeout(resolve, 500));
        }
      }
      expect(api.spec).toMatchObject({
        type: 'openapi',
        owner: 'group:default/fraud-ml',
      });
      expect(JSON.parse(api.spec.definition).paths).toHaveProperty([
        '/endpoints/fraud-endpoint/invocations',
      ]);
      expect(api.relations).toEqual(
        expect.arrayContaining([
          {
            type: 'apiProvidedBy',
            targetRef: 'modeldeployment:default/fraud-endpoint',
          },
        ]),
      );
      const provider = await request(server).get(
        '/api/catalog/entities/by-name/modeldeployment/default/fraud-endpoint',
      );
      expect(provider.body.relations).toEqual(
        expect.arrayContaining([
          {
            type: 'providesApi',
            targetRef: 'api:default/fraud-endpoint-invoke',
          },
        ]),
      );
    },
  );
});
