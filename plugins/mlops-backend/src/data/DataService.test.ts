import {
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import {
  AwsSimulator,
  generateDemoEstate,
  startAwsSimulator,
} from '@ml-foundation/aws-simulator';
import {
  ML_ANNOTATION_AWS_ARN,
  ML_ANNOTATION_AWS_PROVIDER,
} from '@ml-foundation/plugin-mlops-common';
import { applyMlopsMigrations } from '../database/applyMlopsMigrations';
import { DataService } from './DataService';
import { DataStore } from './DataStore';
import { GlueDataAws, type DataAws } from './GlueDataAws';

jest.setTimeout(60_000);

const ACCOUNT = '123456789012';
const NOW = new Date('2025-03-10T12:00:00Z');

function dataset(database: string, table: string, spec: object): Entity {
  return {
    apiVersion: 'ml-foundation.dev/v1alpha1',
    kind: 'Dataset',
    metadata: {
      name: `${database}-${table}`.replace(/_/g, '-'),
      namespace: 'default',
      annotations: {
        [ML_ANNOTATION_AWS_ARN]: `arn:aws:glue:eu-west-1:${ACCOUNT}:table/${database}/${table}`,
        [ML_ANNOTATION_AWS_PROVIDER]: 'aws-glue:demo',
      },
    },
    spec: {
      type: 'glue-table',
      owner: 'group:default/de',
      lifecycle: 'production',
      ...spec,
    },
  };
}

describe('DataService against the simulated demo estate', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
  let sim: AwsSimulator;
  let glue: GlueDataAws;
  let entities: Entity[];

  beforeAll(async () => {
    sim = await startAwsSimulator({
      estate: generateDemoEstate({ now: NOW }),
      pageSize: 2,
    });
    glue = GlueDataAws.fromConfig(
      new ConfigReader({
        catalog: {
          providers: {
            awsGlue: {
              demo: {
                accountId: ACCOUNT,
                region: 'eu-west-1',
                endpoint: sim.endpoint,
              },
            },
          },
        },
      }),
    );
    // The Datasets the Glue provider would emit: columns and parameters.
    entities = sim.estate.regions['eu-west-1'].glue.tables.map(t =>
      dataset(t.DatabaseName, t.Name, {
        schema: {
          columns: (
            t.StorageDescriptor as { Columns: { Name: string; Type: string }[] }
          ).Columns.map(c => ({ name: c.Name, type: c.Type })),
        },
        parameters: t.Parameters,
      }),
    );
    entities.push(
      {
        ...dataset('x', 'y', {}),
        metadata: { name: 'an-s3-prefix', namespace: 'default' },
      },
      {
        apiVersion: 'ml-foundation.dev/v1alpha1',
        kind: 'Model',
        metadata: { name: 'churn', namespace: 'default' },
        spec: {},
      },
    );
  });
  afterAll(() => sim.close());

  async function setUp(
    databaseId: Parameters<typeof databases.init>[0],
    aws: DataAws = glue,
    historySize = 30,
  ) {
    const knex = await databases.init(databaseId);
    await applyMlopsMigrations(knex);
    const byRef = new Map(entities.map(e => [stringifyEntityRef(e), e]));
    const readable = jest.fn((_ref: string) => true);
    const service = new DataService({
      store: new DataStore(knex, historySize),
      aws,
      logger: mockServices.logger.mock(),
      historySize,
      now: () => NOW,
      catalog: {
        // Users read what the catalog's permission lets them; the plugin all.
        async getEntity(ref, credentials) {
          return !credentials || readable(ref) ? byRef.get(ref) : undefined;
        },
        async listEntities(filter) {
          return entities.filter(e => e.kind === filter.kind);
        },
      },
    });
    return { service, readable, knex };
  }

  const user = mockCredentials.user();
  const crm = 'dataset:default/raw-crm-customer-profiles';
  const transactions = 'dataset:default/curated-payments-transactions';

  it.each(databases.eachSupportedId())(
    'profiles the Glue tables and keeps their quality trend, on %p',
    async databaseId => {
      const { service } = await setUp(databaseId);
      await expect(service.readAll()).resolves.toEqual({
        read: entities.length - 2,
      });

      const profile = await service.getProfile(transactions, user);
      expect(profile).toMatchObject({
        state: 'ok',
        recordCount: 48_210_554,
        checkedAt: NOW.toISOString(),
        unanalysedColumns: ['event_time'],
      });
      expect(profile.columns.find(c => c.name === 'amount_gbp')).toEqual({
        name: 'amount_gbp',
        type: 'decimal(12,2)',
        kind: 'DECIMAL',
        nulls: 0,
        nullShare: 0,
        distinct: 402_118,
        min: 0.01,
        max: 24999,
        analyzedAt: '2025-03-09T02:00:00.000Z',
      });
      expect(
        (
          await service.getProfile(
            'dataset:default/curated-customer-customers',
            user,
          )
        ).columns.find(c => c.name === 'email')?.nullShare,
      ).toBeCloseTo(3_210 / 1_284_112);

      const quality = await service.getQuality(crm, user);
      expect(quality).toMatchObject({
        state: 'ok',
        latest: {
          ruleset: 'crm-customer-profiles-export',
          score: 0.4286,
          startedAt: '2025-03-10T05:00:00.000Z',
        },
      });
      expect(
        quality
          .latest!.rules.filter(r => r.result === 'FAIL')
          .map(r => [r.rule, r.message]),
      ).toContainEqual([
        'Completeness "email" > 0.95',
        'Value: 0.8900 does not meet the constraint requirement!',
      ]);
      expect(quality.trend.map(p => [p.score, p.failedRules])).toEqual([
        [1, 0],
        [0.8571, 1],
        [0.8571, 1],
        [0.7143, 2],
        [0.4286, 4],
      ]);

      // A table without statistics or quality runs says so.
      await expect(
        service.getQuality('dataset:default/analytics-customer-360', user),
      ).resolves.toMatchObject({
        state: 'none',
        reason: 'Glue Data Quality has no result for this table',
        trend: [],
      });
      await expect(
        service.getProfile(
          'dataset:default/raw-payments-merchant-registry',
          user,
        ),
      ).resolves.toMatchObject({
        state: 'none',
        reason:
          'No column of this table has been analysed: run a Glue column statistics task',
      });
      await expect(
        service.getProfile('dataset:default/an-s3-prefix', user),
      ).resolves.toMatchObject({
        state: 'none',
        reason: expect.stringContaining('Not a Glue table'),
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'gets each result once and keeps only the latest, on %p',
    async databaseId => {
      const getQualityResult = jest.fn(glue.getQualityResult.bind(glue));
      const aws: DataAws = {
        columnStatistics: glue.columnStatistics.bind(glue),
        listQualityResults: glue.listQualityResults.bind(glue),
        getQualityResult,
      };
      const { service } = await setUp(databaseId, aws, 3);
      await service.refreshDataset(
        entities.find(e => stringifyEntityRef(e) === crm)!,
      );
      await service.refreshDataset(
        entities.find(e => stringifyEntityRef(e) === crm)!,
      );
      expect(getQualityResult).toHaveBeenCalledTimes(3);
      const { trend } = await service.getQuality(crm, user);
      expect(trend.map(p => p.startedAt)).toEqual([
        '2025-03-08T05:00:00.000Z',
        '2025-03-09T05:00:00.000Z',
        '2025-03-10T05:00:00.000Z',
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'gives a dataset whose reads fail or are malformed the state unknown with the reason, and reads the others, on %p',
    async databaseId => {
      const aws: DataAws = {
        async columnStatistics(entity, table, columns) {
          if (table.table === 'customer_profiles') {
            throw Object.assign(new Error('User is not authorized'), {
              name: 'AccessDeniedException',
            });
          }
          return glue.columnStatistics(entity, table, columns);
        },
        listQualityResults: glue.listQualityResults.bind(glue),
        async getQualityResult(entity, id) {
          const output = await glue.getQualityResult(entity, id);
          return output.DataSource?.GlueTable?.TableName === 'customer_profiles'
            ? { ...output, Score: undefined }
            : output;
        },
      };
      const { service } = await setUp(databaseId, aws);
      await service.readAll();

      await expect(service.getProfile(crm, user)).resolves.toMatchObject({
        state: 'unknown',
        reason:
          'Could not read the column statistics of raw_crm.customer_profiles: AccessDeniedException: User is not authorized',
      });
      const quality = await service.getQuality(crm, user);
      expect(quality.state).toBe('unknown');
      expect(quality.reason).toMatch(
        /^Could not read 5 of the latest 5 data quality results: dqresult-\w+: Data quality result dqresult-\w+ has no score between 0 and 1/,
      );
      expect(quality.latest).toBeUndefined();
      await expect(
        service.getQuality(transactions, user),
      ).resolves.toMatchObject({
        state: 'ok',
        latest: { score: 1 },
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'answers 404 for a dataset the user may not read, and refuses other kinds, on %p',
    async databaseId => {
      const { service, readable } = await setUp(databaseId);
      await expect(
        service.getQuality('model:default/churn', user),
      ).rejects.toMatchObject({
        name: 'InputError',
        message: 'model:default/churn is a Model, expected Dataset',
      });
      readable.mockReturnValue(false);
      await expect(service.getProfile(crm, user)).rejects.toMatchObject({
        name: 'NotFoundError',
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'reads a dataset never read when governance asks for its latest quality, on %p',
    async databaseId => {
      const { service } = await setUp(databaseId);
      await expect(service.latestQuality(transactions)).resolves.toMatchObject({
        state: 'ok',
        latest: { score: 1, ruleset: 'curated-transactions' },
      });
      await expect(
        service.latestQuality('dataset:default/missing'),
      ).resolves.toBeUndefined();
    },
  );
});
