import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import {
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import {
  generateDemoEstate,
  startAwsSimulator,
} from '@ml-foundation/aws-simulator';
import {
  getMlEntityReferences,
  ML_RELATION_PAIRS,
  validateMlEntity,
  isMlEntity,
} from '@ml-foundation/plugin-mlops-common';
import {
  AwsClientFactory,
  AwsSyncStore,
  readAwsProviderConfigs,
} from '@ml-foundation/plugin-mlops-node';
import { AwsSagemakerEntityProvider } from '@ml-foundation/plugin-catalog-backend-module-aws-sagemaker';
import {
  AwsGlueEntityProvider,
  readAwsGlueConfigs,
} from '@ml-foundation/plugin-catalog-backend-module-aws-glue';
import { parseAllDocuments } from 'yaml';

jest.setTimeout(120_000);

/** The portal's demo: what ./scripts/start shows a new user. */
describe('the demo AWS estate, synced by both providers', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  async function syncDemo(databaseId: TestDatabaseId): Promise<Entity[]> {
    const estate = generateDemoEstate();
    const simulator = await startAwsSimulator({ estate });
    try {
      const store = await AwsSyncStore.create({
        database: mockServices.database({
          knex: await databases.init(databaseId),
        }),
      });
      const provider = {
        accountId: estate.accountId,
        region: 'eu-west-1',
        endpoint: simulator.endpoint,
      };
      const config = new ConfigReader({
        catalog: {
          providers: {
            awsSagemaker: { demo: provider },
            awsGlue: { demo: provider },
          },
        },
      });
      const clients = AwsClientFactory.fromConfig(config);
      const entities: Entity[] = [];
      const connection = {
        applyMutation: async (mutation: any) => {
          entities.push(...mutation.entities.map((e: any) => e.entity));
        },
        refresh: async () => {},
      };
      const options = {
        clients,
        store,
        logger: mockServices.logger.mock(),
        taskRunner: { run: async () => {} },
      };
      const providers = [
        new AwsSagemakerEntityProvider({
          ...options,
          config: readAwsProviderConfigs(config, 'awsSagemaker')[0],
        }),
        new AwsGlueEntityProvider({
          ...options,
          config: readAwsGlueConfigs(config)[0],
        }),
      ];
      for (const p of providers) {
        await p.connect(connection);
        expect(await p.refresh()).toBe('applied');
      }
      return entities;
    } finally {
      await simulator.close();
    }
  }

  const orgEntities = parseAllDocuments(
    readFileSync(resolve(__dirname, '../../../examples/org.yaml'), 'utf8'),
  ).map(doc => doc.toJSON() as Entity);

  it.each(databases.eachSupportedId())(
    'is valid, owned by teams that exist, and shows every kind of lineage edge, on %p',
    async databaseId => {
      const entities = await syncDemo(databaseId);
      const known = new Set(
        [...entities, ...orgEntities].map(e =>
          stringifyEntityRef(e).toLocaleLowerCase('en-US'),
        ),
      );
      const relations = new Set<string>();
      for (const entity of entities.filter(isMlEntity)) {
        expect(() => validateMlEntity(entity)).not.toThrow();
      }
      for (const entity of entities) {
        for (const reference of getMlEntityReferences(entity)) {
          relations.add(reference.relation);
          const target = stringifyEntityRef(reference.target);
          expect({
            entity: entity.metadata.name,
            target,
            known: known.has(target),
          }).toEqual({
            entity: entity.metadata.name,
            target,
            known: true,
          });
        }
      }
      for (const [relation] of ML_RELATION_PAIRS) {
        expect(relations).toContain(relation);
      }
      const kinds = new Set(entities.map(e => e.kind));
      expect([...kinds].sort()).toEqual(
        [
          'Component',
          'Dataset',
          'FeatureGroup',
          'Model',
          'ModelDeployment',
          'ModelVersion',
        ].sort(),
      );
    },
  );
});
