import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import mlopsKindsModule from '@ml-foundation/plugin-catalog-backend-module-mlops';
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

  it('puts the 10 Glue tables and views in the catalog with their owners and lineage', async () => {
    const { server } = await startTestBackend({
      features: [
        catalogPlugin,
        // The ML kinds: without them the catalog rejects every Dataset.
        mlopsKindsModule,
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

    let datasets: any[] = [];
    for (let attempt = 0; attempt < 150; attempt++) {
      const response = await request(server)
        .get('/api/catalog/entities/by-query?filter=kind=dataset&limit=100')
        .set('Authorization', mockCredentials.user.header());
      datasets = response.body.items ?? [];
      const stitched = datasets.filter(d => d.relations?.length);
      if (stitched.length === 10) {
        break;
      }
      await new Promise(resolve => setTimeout(resolve, 200));
    }

    const owners = Object.fromEntries(
      datasets.map(d => [d.metadata.name, d.spec.owner]),
    );
    expect(owners).toEqual({
      'analytics-customer-360-b8211a18': 'group:default/customer-ml',
      'curated-customer-customers-cdff57c7': 'group:default/data-engineering',
      'curated-customer-web-sessions-efa62a1f':
        'group:default/data-engineering',
      'curated-payments-fraud-labels-ce7898b1':
        'group:default/data-engineering',
      'curated-payments-merchants-6fea67a9': 'group:default/data-engineering',
      'curated-payments-transactions-5fb330c8':
        'group:default/data-engineering',
      'ml-customer-churn-labels-8ad223ff': 'group:default/customer-ml',
      'ml-customer-clv-scores-532c7bf3': 'group:default/customer-ml',
      'raw-crm-customer-profiles-601b1734': 'group:default/data-engineering',
      'raw-payments-merchant-registry-8824001e':
        'group:default/data-engineering',
    });

    const relations = (name: string) =>
      datasets
        .find(d => d.metadata.name === name)
        .relations.map((r: any) => `${r.type} ${r.targetRef}`);
    // The view, from the tables it selects from.
    expect(relations('analytics-customer-360-b8211a18')).toEqual(
      expect.arrayContaining([
        'derivedFrom dataset:default/curated-customer-customers-cdff57c7',
        'derivedFrom dataset:default/curated-customer-web-sessions-efa62a1f',
        'derivedFrom dataset:default/curated-payments-transactions-5fb330c8',
      ]),
    );
    // A curated table, between the job that writes it and the one that reads it.
    expect(relations('curated-customer-customers-cdff57c7')).toEqual(
      expect.arrayContaining([
        'producedBy component:default/curate-customers-f79725c3',
        'consumedBy component:default/build-churn-labels-dcd6cfe3',
        'sourceOf dataset:default/analytics-customer-360-b8211a18',
      ]),
    );
  });
});
