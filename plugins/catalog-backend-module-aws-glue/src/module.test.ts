import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import {
  AwsSimulator,
  generateDemoEstate,
  startAwsSimulator,
} from '@ml-foundation/aws-simulator';
import request from 'supertest';
import { catalogModuleAwsGlue } from './module';

jest.setTimeout(60_000);

describe('catalogModuleAwsGlue', () => {
  let simulator: AwsSimulator;

  beforeAll(async () => {
    simulator = await startAwsSimulator({ estate: generateDemoEstate() });
  });
  afterAll(() => simulator.close());

  it('syncs each configured provider on start and serves their status on the catalog API', async () => {
    const { server } = await startTestBackend({
      features: [
        catalogPlugin,
        catalogModuleAwsGlue,
        mockServices.rootConfig.factory({
          data: {
            catalog: {
              providers: {
                awsGlue: {
                  eu: {
                    accountId: '123456789012',
                    region: 'eu-west-1',
                    endpoint: simulator.endpoint,
                  },
                },
              },
            },
          },
        }),
      ],
    });

    let body: any;
    for (let attempt = 0; attempt < 100; attempt++) {
      const response = await request(server).get(
        '/api/catalog/aws-glue/status',
      );
      expect(response.status).toBe(200);
      body = response.body;
      if (body.providers[0].latestSync) {
        break;
      }
      await new Promise(resolve => setTimeout(resolve, 200));
    }

    expect(body.providers).toEqual([
      {
        providerId: 'aws-glue:eu',
        latestSync: expect.objectContaining({
          outcome: 'applied',
          entityCounts: {
            Dataset: expect.any(Number),
            Component: expect.any(Number),
          },
          calls: expect.objectContaining({
            'AWSGlue.GetTables': expect.any(Number),
          }),
          errors: [],
        }),
      },
    ]);
  });
});
