import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import type { JsonObject } from '@backstage/types';
import glueModule from '@ml-foundation/plugin-catalog-backend-module-aws-glue';
import mlopsKindsModule from '@ml-foundation/plugin-catalog-backend-module-mlops';
import {
  AwsSimulator,
  generateDemoEstate,
  startAwsSimulator,
} from '@ml-foundation/aws-simulator';
import { ML_ANNOTATION_AWS_PROVIDER } from '@ml-foundation/plugin-mlops-common';
import request from 'supertest';
import { catalogModuleAwsSagemaker } from './module';

jest.setTimeout(60_000);

describe('catalogModuleAwsSagemaker', () => {
  let simulator: AwsSimulator;

  beforeAll(async () => {
    simulator = await startAwsSimulator({ estate: generateDemoEstate() });
  });
  afterAll(() => simulator.close());

  const account = () => ({
    accountId: '123456789012',
    region: 'eu-west-1',
    endpoint: simulator.endpoint,
  });

  /** The catalog's entities once `settled` holds for them (or after 30 s). */
  async function catalogEntities(
    providers: JsonObject,
    settled: (entities: Entity[]) => boolean,
  ) {
    const { server } = await startTestBackend({
      features: [
        catalogPlugin,
        // The ML kinds: without them the catalog rejects every ML entity.
        mlopsKindsModule,
        catalogModuleAwsSagemaker,
        glueModule,
        mockServices.rootConfig.factory({
          data: { catalog: { providers } },
        }),
      ],
    });
    let entities: Entity[] = [];
    for (let attempt = 0; attempt < 150; attempt++) {
      const response = await request(server)
        .get('/api/catalog/entities/by-query?limit=1000')
        .set('Authorization', mockCredentials.user.header());
      entities = response.body.items ?? [];
      if (settled(entities)) {
        break;
      }
      await new Promise(resolve => setTimeout(resolve, 200));
    }
    return entities;
  }

  const ofKind = (entities: Entity[], kind: string) =>
    entities.filter(e => e.kind === kind);
  /** At least `count` entities of the kind, all with their relations. */
  const stitched = (entities: Entity[], kind: string, count: number) => {
    const ofThisKind = ofKind(entities, kind);
    return (
      ofThisKind.length >= count && ofThisKind.every(e => e.relations?.length)
    );
  };

  it("syncs the demo estate's model registry into the catalog", async () => {
    const entities = await catalogEntities(
      { awsSagemaker: { eu: account() } },
      e =>
        stitched(e, 'ModelVersion', 12) &&
        stitched(e, 'Model', 3) &&
        stitched(e, 'ModelDeployment', 1),
    );

    expect(
      Object.fromEntries(
        ofKind(entities, 'Model').map(m => [m.metadata.name, m.spec?.owner]),
      ),
    ).toEqual({
      'churn-classifier-79f77d48': 'group:default/customer-ml',
      'customer-lifetime-value-8fb01172': 'group:default/customer-ml',
      'fraud-detector-3a1babf4': 'group:default/fraud-ml',
    });
    const versionsOf = (model: string) =>
      ofKind(entities, 'ModelVersion')
        .filter(v =>
          v.relations?.some(
            r => r.type === 'versionOf' && r.targetRef === model,
          ),
        )
        .map(v => v.metadata.name)
        .sort();
    expect(versionsOf('model:default/churn-classifier-79f77d48')).toEqual([
      'churn-classifier-v1-e1051bee',
      'churn-classifier-v2-b6350340',
      'churn-classifier-v3-cd50d885',
      'churn-classifier-v4-7b04ddc8',
      'churn-classifier-v5-86b2ff63',
    ]);
    expect(ofKind(entities, 'ModelDeployment').length).toBeGreaterThan(0);
    expect(ofKind(entities, 'FeatureGroup').length).toBe(3);
  });

  it('links model versions to the Glue tables they were trained on when both providers read one account', async () => {
    const entities = await catalogEntities(
      { awsSagemaker: { eu: account() }, awsGlue: { eu: account() } },
      e => stitched(e, 'ModelVersion', 12) && stitched(e, 'Dataset', 10),
    );
    const refs = new Set(entities.map(e => stringifyEntityRef(e)));
    const byRef = new Map(entities.map(e => [stringifyEntityRef(e), e]));

    const trainedOn = ofKind(entities, 'ModelVersion').flatMap(v =>
      (v.relations ?? [])
        .filter(r => r.type === 'trainedOn')
        .map(r => ({ version: v.metadata.name, target: r.targetRef })),
    );
    expect(trainedOn.length).toBeGreaterThan(12);
    // Every training-data link leads to an entity of the catalog.
    expect(trainedOn.filter(link => !refs.has(link.target))).toEqual([]);

    // The first churn model was trained on curated tables that only the Glue
    // provider knows.
    const churnV1 = trainedOn
      .filter(link => link.version === 'churn-classifier-v1-e1051bee')
      .map(link => link.target);
    expect(churnV1).toContain(
      'dataset:default/curated-customer-customers-cdff57c7',
    );
    expect(
      byRef.get('dataset:default/curated-customer-customers-cdff57c7')?.metadata
        .annotations?.[ML_ANNOTATION_AWS_PROVIDER],
    ).toBe('aws-glue:eu');
    // ...and the Glue table shows the link back.
    expect(
      byRef
        .get('dataset:default/curated-customer-customers-cdff57c7')
        ?.relations?.map(r => `${r.type} ${r.targetRef}`),
    ).toEqual(
      expect.arrayContaining([
        'trainingDataFor modelversion:default/churn-classifier-v1-e1051bee',
      ]),
    );
  });
});
