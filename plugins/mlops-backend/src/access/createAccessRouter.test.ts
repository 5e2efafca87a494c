import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import express from 'express';
import request from 'supertest';
import { AuditTrail } from '../audit';
import { applyMlopsMigrations } from '../database/applyMlopsMigrations';
import { createAccessRouter } from './createAccessRouter';
import { createAccessService } from './createAccessService';

jest.setTimeout(60_000);

const member = (name: string, group: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name, namespace: 'default' },
  spec: {},
  relations: [{ type: 'memberOf', targetRef: `group:default/${group}` }],
});

const entities: Entity[] = [
  {
    apiVersion: 'ml-foundation.dev/v1alpha1',
    kind: 'FeatureGroup',
    metadata: { name: 'customer-features', namespace: 'default' },
    spec: { owner: 'group:default/data-engineering', lifecycle: 'production' },
  },
  member('cara', 'data-engineering'),
];

describe('createAccessRouter', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  it.each(databases.eachSupportedId())(
    'serves the request and decision flow to signed-in users, validating bodies, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await applyMlopsMigrations(knex);
      const logger = mockServices.logger.mock();
      const service = createAccessService({
        knex,
        config: { maxDurationDays: 90 },
        catalog: catalogServiceMock({ entities }),
        auth: mockServices.auth(),
        permissions: mockServices.permissions(),
        audit: AuditTrail.create({ knex, logger }),
        logger,
      });
      const app = express()
        .use(createAccessRouter({ service, httpAuth: mockServices.httpAuth() }))
        .use(mockErrorHandler());
      const zoe = mockCredentials.user.header('user:default/zoe');
      const cara = mockCredentials.user.header('user:default/cara');
      const body = {
        entityRef: 'featuregroup:default/customer-features',
        purpose: 'segmentation',
        durationDays: 7,
      };

      await request(app)
        .post('/access/requests')
        .set('authorization', mockCredentials.none.header())
        .send(body)
        .expect(401);
      await request(app)
        .post('/access/requests')
        .set('authorization', zoe)
        .send({ ...body, durationDays: 'a week' })
        .expect(400);

      const created = await request(app)
        .post('/access/requests')
        .set('authorization', zoe)
        .send(body)
        .expect(201);
      expect(created.body).toMatchObject({
        state: 'pending',
        requiredSteps: ['owner'],
      });

      const selfApproval = await request(app)
        .post(`/access/requests/${created.body.id}/decisions`)
        .set('authorization', zoe)
        .send({ decision: 'approve' });
      expect(selfApproval.status).toBe(409);
      expect(selfApproval.body.error.message).toMatch(
        /requester-cannot-approve/,
      );

      const awaiting = await request(app)
        .get('/access/requests?awaitingMe=true')
        .set('authorization', cara)
        .expect(200);
      expect(awaiting.body.items.map((r: { id: string }) => r.id)).toEqual([
        created.body.id,
      ]);

      const approved = await request(app)
        .post(`/access/requests/${created.body.id}/decisions`)
        .set('authorization', cara)
        .send({ decision: 'approve', comment: 'ok' })
        .expect(200);
      expect(approved.body).toMatchObject({
        state: 'approved',
        fulfilment: { fulfiller: 'record-only' },
      });

      await request(app)
        .get('/access/requests/nope')
        .set('authorization', cara)
        .expect(404);
    },
  );
});
