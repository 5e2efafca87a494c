import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import {
  AwsSimulator,
  generateDemoEstate,
  startAwsSimulator,
} from '@ml-foundation/aws-simulator';
import glueModule from '@ml-foundation/plugin-catalog-backend-module-aws-glue';
import mlopsKindsModule from '@ml-foundation/plugin-catalog-backend-module-mlops';
import { Knex } from 'knex';
import request from 'supertest';
import { loadAppConfig } from './__testUtils__/loadAppConfig';

jest.setTimeout(120_000);

/**
 * What happens to a provider's entities when its key under catalog.providers
 * is renamed (or removed) and the new entry does not read the same estate
 * yet (here: a typo in its region). See "Removing or renaming a provider" in
 * docs/operations.md.
 */
describe('a renamed AWS provider', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
  let simulator: AwsSimulator;

  beforeAll(async () => {
    simulator = await startAwsSimulator({ estate: generateDemoEstate() });
  });
  afterAll(() => simulator.close());

  async function startCatalog(
    knex: Knex,
    catalog: Record<string, unknown>,
    providerId: string,
  ) {
    const backend = await startTestBackend({
      features: [
        catalogPlugin,
        mlopsKindsModule,
        glueModule,
        mockServices.database.factory({ knex }),
        mockServices.rootConfig.factory({ data: { catalog } as any }),
      ],
    });
    // Wait for the provider's first sync, whatever its outcome.
    for (let attempt = 0; attempt < 300; attempt++) {
      const status = await request(backend.server).get(
        '/api/catalog/aws-glue/status',
      );
      if (
        status.body.providers?.find((p: any) => p.providerId === providerId)
          ?.latestSync
      ) {
        break;
      }
      await new Promise(resolve => setTimeout(resolve, 200));
    }
    return backend;
  }

  /** The Dataset names in the catalog once `settled` holds for them (or after 30 s). */
  async function datasetNames(
    backend: { server: any },
    settled: (names: string[]) => boolean,
  ) {
    let names: string[] = [];
    for (let attempt = 0; attempt < 150; attempt++) {
      const response = await request(backend.server)
        .get('/api/catalog/entities/by-query?filter=kind=dataset&limit=100')
        .set('Authorization', mockCredentials.user.header());
      expect(response.status).toBe(200);
      names = (response.body.items as any[]).map(e => e.metadata.name).sort();
      if (settled(names)) {
        break;
      }
      await new Promise(resolve => setTimeout(resolve, 200));
    }
    return names;
  }

  async function renameAfterFirstSync(
    databaseId: TestDatabaseId,
    orphanProviderStrategy: string | undefined,
  ) {
    const knex = await databases.init(databaseId);
    const account = {
      accountId: '123456789012',
      region: 'eu-west-1',
      endpoint: simulator.endpoint,
    };
    const first = await startCatalog(
      knex,
      { orphanProviderStrategy, providers: { awsGlue: { demo: account } } },
      'aws-glue:demo',
    );
    const before = await datasetNames(first, names => names.length === 10);
    await first.stop();

    // The key renamed, and a typo in the new entry's region.
    const second = await startCatalog(
      knex,
      {
        orphanProviderStrategy,
        providers: {
          awsGlue: { eu: { ...account, region: 'eu-west-2' } },
        },
      },
      'aws-glue:eu',
    );
    // Eviction happens as the catalog starts, before the provider's sync.
    const after = await datasetNames(second, () => true);
    await second.stop();
    return { before, after };
  }

  it.each(databases.eachSupportedId())(
    'keeps its entities with the shipped catalog.orphanProviderStrategy, on %p',
    async databaseId => {
      const shipped = await loadAppConfig([
        'app-config.yaml',
        'app-config.production.yaml',
      ]);
      const { before, after } = await renameAfterFirstSync(
        databaseId,
        shipped.getOptionalString('catalog.orphanProviderStrategy'),
      );
      expect(before).toHaveLength(10);
      expect(after).toEqual(before);
    },
  );

  it.each(databases.eachSupportedId())(
    "loses every entity with Backstage's default strategy (delete), on %p",
    async databaseId => {
      const { before, after } = await renameAfterFirstSync(
        databaseId,
        undefined,
      );
      expect(before).toHaveLength(10);
      expect(after).toEqual([]);
    },
  );
});
