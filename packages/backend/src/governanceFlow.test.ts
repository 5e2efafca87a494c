import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import {
  generateDemoEstate,
  startAwsSimulator,
} from '@ml-foundation/aws-simulator';
import {
  AwsGlueEntityProvider,
  readAwsGlueConfigs,
} from '@ml-foundation/plugin-catalog-backend-module-aws-glue';
import { AwsSagemakerEntityProvider } from '@ml-foundation/plugin-catalog-backend-module-aws-sagemaker';
import {
  AwsClientFactory,
  AwsSyncStore,
  readAwsProviderConfigs,
} from '@ml-foundation/plugin-mlops-node';
import mlopsPlugin from '@ml-foundation/plugin-mlops-backend';
import request from 'supertest';
import { parseAllDocuments } from 'yaml';

jest.setTimeout(120_000);

const ACCOUNT = '123456789012';
const PACKAGE = `arn:aws:sagemaker:eu-west-1:${ACCOUNT}:model-package/fraud-detector`;

const governance = {
  policies: {
    default: {
      transitions: {
        production: {
          checkpoints: [
            {
              id: 'quality',
              type: 'metric-threshold',
              metric: 'validation:auc',
              min: 0.8,
            },
            {
              id: 'no-regression',
              type: 'metric-regression',
              metric: 'validation:auc',
              maxDrop: 0.01,
            },
            { id: 'bias-report', type: 'report-present', report: 'bias' },
            {
              id: 'explainability',
              type: 'report-present',
              report: 'explainability',
            },
            { id: 'model-card', type: 'model-card-status', status: 'Approved' },
            { id: 'lineage', type: 'lineage-complete' },
            {
              id: 'risk-signoff',
              type: 'approval',
              groups: ['group:default/model-risk'],
              minApprovals: 2,
            },
          ],
        },
      },
    },
  },
};

/** examples/org.yaml as the catalog has it, with the memberOf relations. */
const orgEntities = parseAllDocuments(
  readFileSync(resolve(__dirname, '../../../examples/org.yaml'), 'utf8'),
).map(doc => {
  const entity = doc.toJSON() as Entity;
  const groups = (entity.spec?.memberOf as string[] | undefined) ?? [];
  return {
    ...entity,
    relations: groups.map(g => ({
      type: 'memberOf',
      targetRef: `group:default/${g}`,
    })),
  };
});

/**
 * The whole path a reviewer takes, with the real SageMaker provider and the
 * mlops plugin against the simulator: request, checkpoints, two model-risk
 * approvals, write-back, and the next sync.
 */
describe('promotion of a model version to production', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  async function scenario(databaseId: TestDatabaseId) {
    // The demo gives fraud-detector v4 its Clarify reports and model card.
    const estate = generateDemoEstate();
    const sim = await startAwsSimulator({ estate });
    const knex = await databases.init(databaseId);
    const awsProvider = {
      accountId: ACCOUNT,
      region: 'eu-west-1',
      endpoint: sim.endpoint,
    };
    const configData = {
      catalog: {
        providers: {
          awsSagemaker: { demo: awsProvider },
          awsGlue: { demo: awsProvider },
        },
      },
      mlops: { governance },
    };
    const config = new ConfigReader(configData);
    const events = mockServices.events();
    const options = {
      clients: AwsClientFactory.fromConfig(config),
      store: await AwsSyncStore.create({
        database: mockServices.database({ knex }),
      }),
      logger: mockServices.logger.mock(),
      taskRunner: { run: async () => {} },
    };
    const provider = new AwsSagemakerEntityProvider({
      ...options,
      config: readAwsProviderConfigs(config, 'awsSagemaker')[0],
      events,
    });
    let synced: Entity[] = [];
    await provider.connect({
      applyMutation: async (mutation: any) => {
        synced = mutation.entities.map((e: any) => e.entity);
      },
      refresh: async () => {},
    });
    // The Glue tables the versions were trained on, for the lineage check.
    const glue = new AwsGlueEntityProvider({
      ...options,
      config: readAwsGlueConfigs(config)[0],
    });
    let datasets: Entity[] = [];
    await glue.connect({
      applyMutation: async (mutation: any) => {
        datasets = mutation.entities.map((e: any) => e.entity);
      },
      refresh: async () => {},
    });
    expect(await glue.refresh()).toBe('applied');
    const sync = async () => {
      expect(await provider.refresh()).toBe('applied');
      return synced;
    };
    const versionOf = (entities: Entity[], n: number) =>
      entities.find(
        e =>
          e.kind === 'ModelVersion' &&
          e.metadata.annotations?.['aws.amazon.com/arn'] === `${PACKAGE}/${n}`,
      )!;
    return { sim, knex, configData, events, sync, versionOf, datasets };
  }

  it.each(databases.eachSupportedId())(
    'is checked, approved by two model-risk members, written to SageMaker and shown by the next sync, on %p',
    async databaseId => {
      const { sim, knex, configData, events, sync, versionOf, datasets } =
        await scenario(databaseId);
      try {
        const entities = await sync();
        const v4 = stringifyEntityRef(versionOf(entities, 4));
        const v3 = stringifyEntityRef(versionOf(entities, 3));
        const { server } = await startTestBackend({
          features: [
            mlopsPlugin,
            catalogServiceMock.factory({
              entities: [...entities, ...datasets, ...orgEntities],
            }),
            mockServices.rootConfig.factory({ data: configData }),
            mockServices.database.factory({ knex }),
            createServiceFactory({
              service: eventsServiceRef,
              deps: {},
              factory: () => events,
            }),
          ],
        });
        const as = (name: string) =>
          mockCredentials.user.header(`user:default/${name}`);

        const opened = await request(server)
          .post('/api/mlops/governance/reviews')
          .set('Authorization', as('hannah.cho'))
          .send({ entityRef: v4, targetStage: 'production' });
        expect(opened.status).toBe(201);
        expect(
          opened.body.checkpoints.map((c: any) => `${c.id}:${c.state}`),
        ).toEqual([
          'quality:passed',
          'no-regression:passed',
          'bias-report:passed',
          'explainability:passed',
          'model-card:passed',
          'lineage:passed',
          'risk-signoff:pending',
        ]);
        expect(opened.body.replacesRef).toBe(v3);

        for (const approver of ['grace.adeyemi', 'noor.haddad']) {
          const decided = await request(server)
            .post(`/api/mlops/governance/reviews/${opened.body.id}/decisions`)
            .set('Authorization', as(approver))
            .send({ decision: 'approve', comment: 'validated' });
          expect(decided.status).toBe(200);
        }
        const done = await request(server)
          .get(`/api/mlops/governance/reviews/${opened.body.id}`)
          .set('Authorization', as('hannah.cho'));
        expect(done.body.state).toBe('completed');

        const [promoted, demoted] = sim.calls('UpdateModelPackage');
        expect(promoted).toMatchObject({
          ModelPackageArn: `${PACKAGE}/4`,
          ModelApprovalStatus: 'Approved',
          ModelLifeCycle: { Stage: 'Production', StageStatus: 'Approved' },
          ApprovalDescription: expect.stringContaining(
            'user:default/grace.adeyemi, user:default/noor.haddad',
          ),
        });
        expect(demoted).toMatchObject({
          ModelPackageArn: `${PACKAGE}/3`,
          ModelLifeCycle: { Stage: 'Archived' },
        });

        // The next sync brings the new approval and stages into the catalog,
        // and governance knows the change as its own.
        const next = await sync();
        expect(versionOf(next, 4).spec).toMatchObject({
          approvalStatus: 'Approved',
          stage: 'Production',
        });
        expect(versionOf(next, 3).spec).toMatchObject({ stage: 'Archived' });
        const outOfBand = () =>
          knex('mlops_audit_events').where({
            action: 'registry.out-of-band-change',
          });
        expect(await outOfBand()).toEqual([]);

        // Someone rejects v4 in the SageMaker console: the sync after that
        // shows an out-of-band change.
        estate4(sim).ModelApprovalStatus = 'Rejected';
        await sync();
        const recorded = await outOfBand();
        expect(recorded).toHaveLength(1);
        expect(recorded[0]).toMatchObject({
          target_ref: v4,
          target_arn: `${PACKAGE}/4`,
        });
        expect(JSON.parse(recorded[0].details)).toMatchObject({
          before: { approvalStatus: 'Approved', stage: 'Production' },
          after: { approvalStatus: 'Rejected', stage: 'Production' },
        });
      } finally {
        await sim.close();
      }
    },
  );

  function estate4(sim: { estate: ReturnType<typeof generateDemoEstate> }) {
    return sim.estate.regions['eu-west-1'].sagemaker.modelPackages.find(
      p => p.ModelPackageArn === `${PACKAGE}/4`,
    )!;
  }
});
