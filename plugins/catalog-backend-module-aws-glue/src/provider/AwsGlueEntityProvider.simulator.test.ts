import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import type { Entity } from '@backstage/catalog-model';
import {
  AwsSimulator,
  generateDemoEstate,
  startAwsSimulator,
} from '@ml-foundation/aws-simulator';
import {
  validateMlEntity,
  isMlEntity,
  getMlEntityReferences,
  ML_ANNOTATION_AWS_PROVIDER,
  ML_ANNOTATION_SYNC_WARNINGS,
} from '@ml-foundation/plugin-mlops-common';
import {
  AwsClientFactory,
  AwsSyncStore,
  glueTableEntityRef,
} from '@ml-foundation/plugin-mlops-node';
import { readAwsGlueConfigs } from '../config/readAwsGlueConfigs';
import { AwsGlueEntityProvider } from './AwsGlueEntityProvider';

jest.setTimeout(60_000);

const ACCOUNT = '123456789012';
const table = (region: string, database: string, name: string) =>
  glueTableEntityRef({ accountId: ACCOUNT, region, database, table: name });

/**
 * The Glue provider against the AWS simulator: the real SDK over HTTP, with
 * the simulator's pagination, faults and call counts, and no AWS credentials
 * configured at all.
 */
describe('AwsGlueEntityProvider with the AWS simulator', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
  let simulator: AwsSimulator;

  beforeAll(async () => {
    // A small page size, so every list spans several pages.
    simulator = await startAwsSimulator({
      estate: generateDemoEstate(),
      pageSize: 2,
    });
  });
  afterAll(() => simulator.close());
  beforeEach(() => {
    simulator.setFaults({});
    simulator.resetStats();
  });

  async function setup(
    databaseId: Parameters<typeof databases.init>[0] = 'SQLITE_3',
  ) {
    const knex = await databases.init(databaseId);
    const store = await AwsSyncStore.create({
      database: { getClient: async () => knex },
    });
    const config = new ConfigReader({
      catalog: {
        providers: {
          awsGlue: Object.fromEntries(
            ['eu-west-1', 'us-east-1'].map(region => [
              region,
              { accountId: ACCOUNT, region, endpoint: simulator.endpoint },
            ]),
          ),
        },
      },
    });
    const clients = AwsClientFactory.fromConfig(config);
    const connections = readAwsGlueConfigs(config).map(providerConfig => {
      const connection = { applyMutation: jest.fn(), refresh: jest.fn() };
      const provider = new AwsGlueEntityProvider({
        config: providerConfig,
        clients,
        store,
        logger: mockServices.logger.mock(),
        taskRunner: { run: jest.fn() },
      });
      return { provider, connection };
    });
    for (const { provider, connection } of connections) {
      await provider.connect(connection);
    }
    const [eu, us] = connections;
    return { eu, us, store };
  }

  const applied = (connection: { applyMutation: jest.Mock }): Entity[] =>
    connection.applyMutation.mock.calls
      .at(-1)[0]
      .entities.map((e: { entity: Entity }) => e.entity);
  const byTitle = (entities: Entity[], title: string) =>
    entities.find(e => e.metadata.title === title)!;
  const ref = (entity: Entity) =>
    `${entity.kind.toLowerCase()}:default/${entity.metadata.name}`;

  it('catalogues the demo estate: tables, views and jobs with owners and lineage', async () => {
    const { eu } = await setup();
    await expect(eu.provider.refresh()).resolves.toBe('applied');
    const entities = applied(eu.connection);

    for (const entity of entities.filter(isMlEntity)) {
      expect(() => validateMlEntity(entity)).not.toThrow();
    }
    const titles = entities.map(e => e.metadata.title);
    expect(titles).toEqual(
      expect.arrayContaining([
        'raw_crm.customer_profiles',
        'curated_payments.transactions',
        'curated_customer.customers',
        'curate-card-transactions',
        'crm-partner-export',
      ]),
    );
    // The feature groups' offline stores are the SageMaker provider's.
    expect(
      titles.filter(t => t?.startsWith('sagemaker_featurestore.')),
    ).toEqual([]);

    expect(
      byTitle(entities, 'curated_payments.transactions').spec,
    ).toMatchObject({
      type: 'glue-table',
      owner: 'group:default/data-engineering',
      format: 'parquet',
      location: expect.stringMatching(/^s3:\/\//),
    });

    // The demo's customer tables hold personal data.
    expect(
      entities
        .filter(e => e.spec?.classification === 'pii')
        .map(e => e.metadata.title)
        .sort(),
    ).toEqual(['curated_customer.customers', 'raw_crm.customer_profiles']);
    expect(
      (
        byTitle(entities, 'curated_customer.customers').spec?.schema as {
          columns: { name: string; classification?: string }[];
        }
      ).columns
        .filter(c => c.classification === 'pii')
        .map(c => c.name),
    ).toEqual(['email', 'phone_number', 'date_of_birth', 'postcode']);

    const view = entities.find(e => e.spec?.type === 'glue-view')!;
    expect(view.spec?.upstream).toEqual(
      expect.arrayContaining([
        table('eu-west-1', 'curated_customer', 'customers'),
      ]),
    );

    const curate = byTitle(entities, 'curate-card-transactions');
    expect(curate.spec).toMatchObject({
      type: 'data-pipeline',
      owner: 'group:default/data-engineering',
      consumes: expect.arrayContaining([
        table('eu-west-1', 'raw_payments', 'merchant_registry'),
      ]),
      produces: [table('eu-west-1', 'curated_payments', 'transactions')],
    });
    const labels = byTitle(entities, 'build-fraud-labels');
    expect(labels.spec).toMatchObject({
      owner: 'group:default/fraud-ml',
      consumes: expect.arrayContaining([
        table('eu-west-1', 'curated_payments', 'transactions'),
      ]),
      // Written by S3 path, matched to the table at that location.
      produces: [table('eu-west-1', 'curated_payments', 'fraud_labels')],
    });

    const broken = byTitle(entities, 'crm-partner-export');
    expect(broken.spec).toMatchObject({
      lineageNote: expect.stringContaining('could not parse'),
    });
    expect(broken.spec).not.toHaveProperty('consumes');
    expect(broken.spec).not.toHaveProperty('produces');

    // Every edge points at an entity of the sync, or a feature-store table.
    const refs = new Set(entities.map(ref));
    const targets = entities.flatMap(e =>
      getMlEntityReferences(e)
        .filter(r => ['Dataset', 'FeatureGroup'].includes(r.target.kind))
        .map(r => `${r.target.kind.toLowerCase()}:default/${r.target.name}`),
    );
    const dangling = targets.filter(t => !refs.has(t));
    for (const target of dangling) {
      expect(target).toMatch(/^dataset:default\/sagemaker-featurestore-/);
    }
  });

  it('keeps same-named tables of two regions apart', async () => {
    const { eu, us } = await setup();
    await eu.provider.refresh();
    await us.provider.refresh();
    const euCustomers = byTitle(
      applied(eu.connection),
      'curated_customer.customers',
    );
    const usCustomers = byTitle(
      applied(us.connection),
      'curated_customer.customers',
    );
    expect(ref(euCustomers)).toBe(
      table('eu-west-1', 'curated_customer', 'customers'),
    );
    expect(ref(usCustomers)).toBe(
      table('us-east-1', 'curated_customer', 'customers'),
    );
    expect(euCustomers.metadata.name).not.toBe(usCustomers.metadata.name);
    expect(usCustomers.metadata.annotations?.['aws.amazon.com/region']).toBe(
      'us-east-1',
    );
  });

  it('reads no job script in a sync where nothing changed, and records its calls', async () => {
    const { eu, store } = await setup();
    await eu.provider.refresh();
    const full = simulator.stats();
    expect(full['AWSGlue.GetDataflowGraph']).toBeGreaterThan(0);
    expect(full['S3.GetObject']).toBe(full['AWSGlue.GetDataflowGraph']);

    simulator.resetStats();
    await expect(eu.provider.refresh()).resolves.toBe('applied');
    const unchanged = simulator.stats();
    // Tags in bulk, and the scripts' ETags from one listing of their folder.
    expect(Object.keys(unchanged).sort()).toEqual([
      'AWSGlue.GetDatabases',
      'AWSGlue.GetJobs',
      'AWSGlue.GetTables',
      'ResourceGroupsTaggingAPI_20170126.GetResources',
      'S3.ListObjectsV2',
    ]);
    expect(applied(eu.connection)).toEqual(
      eu.connection.applyMutation.mock.calls[0][0].entities.map(
        (e: { entity: Entity }) => e.entity,
      ),
    );
    const status = await store.getStatus('aws-glue:eu-west-1');
    expect(status?.calls).toEqual(unchanged);
  });

  it('completes a sync when a fifth of the calls are throttled', async () => {
    const { eu, store } = await setup();
    simulator.setFaults({ throttleRate: 0.2 });
    await expect(eu.provider.refresh()).resolves.toBe('applied');
    expect(simulator.errors()).toEqual(
      expect.objectContaining({
        'AWSGlue.GetTables:ThrottlingException': expect.any(Number),
      }),
    );
    await expect(store.getStatus('aws-glue:eu-west-1')).resolves.toMatchObject({
      outcome: 'applied',
      errors: [],
    });
  });

  it('removes nothing when GetTables is denied, and says so in the status', async () => {
    const { eu, store } = await setup();
    await eu.provider.refresh();
    eu.connection.applyMutation.mockClear();

    simulator.setFaults({ accessDenied: ['AWSGlue.GetTables'] });
    await expect(eu.provider.refresh()).resolves.toBe('failed');
    expect(eu.connection.applyMutation).not.toHaveBeenCalled();
    const status = await store.getStatus('aws-glue:eu-west-1');
    expect(status).toMatchObject({ outcome: 'failed', entityCounts: {} });
    expect(status?.errors[0]).toMatch(/^AccessDeniedException/);
    expect(status?.lastAppliedEntityCount).toBeGreaterThan(0);
  });

  it.each(databases.eachSupportedId())(
    'applies every job when the script bucket is denied, noting it on the jobs, on %p',
    async databaseId => {
      const { eu, store } = await setup(databaseId);
      simulator.setFaults({ accessDeniedBuckets: ['acme-glue-scripts'] });
      await expect(eu.provider.refresh()).resolves.toBe('applied');
      const entities = applied(eu.connection);
      const jobs = entities.filter(e => e.kind === 'Component');
      expect(jobs.length).toBeGreaterThan(0);
      for (const job of jobs.filter(j => j.spec?.lineageNote)) {
        expect(job.spec?.lineageNote).toMatch(/could not be read/);
      }
      const noted = jobs.filter(
        j => j.metadata.annotations?.[ML_ANNOTATION_SYNC_WARNINGS],
      );
      expect(noted.length).toBeGreaterThan(0);
      expect(
        JSON.parse(noted[0].metadata.annotations![ML_ANNOTATION_SYNC_WARNINGS]),
      ).toEqual([
        {
          read: expect.stringMatching(/^job script s3:\/\/acme-glue-scripts\//),
          reason: expect.stringContaining('AccessDenied'),
        },
      ]);
      expect(
        entities.every(
          e =>
            e.metadata.annotations?.[ML_ANNOTATION_AWS_PROVIDER] ===
            'aws-glue:eu-west-1',
        ),
      ).toBe(true);
      await expect(
        store.getStatus('aws-glue:eu-west-1'),
      ).resolves.toMatchObject({
        outcome: 'applied',
        warningCount: noted.length,
      });
    },
  );

  it('follows a script overwritten in S3 at the next sync', async () => {
    const { eu } = await setup();
    await eu.provider.refresh();
    const before = byTitle(applied(eu.connection), 'curate-merchants');
    expect(before.spec?.consumes).toContain(
      table('eu-west-1', 'raw_payments', 'merchant_registry'),
    );
    const uri = 's3://acme-glue-scripts/scripts/curate-merchants.py';
    simulator.estate.s3[uri] = simulator.estate.s3[uri].replace(
      'database="raw_payments", table_name="merchant_registry"',
      'database="raw_crm", table_name="customer_profiles"',
    );
    await eu.provider.refresh();
    const after = byTitle(applied(eu.connection), 'curate-merchants');
    expect(after.spec?.consumes).toContain(
      table('eu-west-1', 'raw_crm', 'customer_profiles'),
    );
    expect(after.spec?.consumes).not.toContain(
      table('eu-west-1', 'raw_payments', 'merchant_registry'),
    );
  });
});
