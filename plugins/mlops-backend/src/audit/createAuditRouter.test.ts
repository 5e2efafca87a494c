import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import type { PermissionsService } from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { mlopsAuditReadPermission } from '@ml-foundation/plugin-mlops-common';
import express from 'express';
import request from 'supertest';
import { applyMlopsMigrations } from '../database/applyMlopsMigrations';
import { AuditTrail } from './AuditTrail';
import { createAuditRouter } from './createAuditRouter';

jest.setTimeout(60_000);

const MODEL = 'model:default/credit-risk';
const V1 = 'modelversion:default/credit-risk-v1';
const OTHER = 'model:default/other';
const scaffolder = mockCredentials.service.header({
  onBehalfOf: mockCredentials.service('plugin:scaffolder'),
  targetPluginId: 'mlops',
});

/** A policy that lets the reader see the audit trail of MODEL's entities only. */
function onlyModelPolicy(): PermissionsService {
  return mockServices.permissions.mock({
    authorize: async requests =>
      requests.map(r => ({
        result:
          'resourceRef' in r &&
          (r.resourceRef === MODEL || r.resourceRef === V1)
            ? AuthorizeResult.ALLOW
            : AuthorizeResult.DENY,
      })),
    authorizeConditional: async requests =>
      requests.map(() => ({
        result: AuthorizeResult.CONDITIONAL,
        pluginId: 'catalog',
        resourceType: 'catalog-entity',
        conditions: {
          rule: 'IS_ENTITY_OWNER',
          resourceType: 'catalog-entity',
          params: { claims: [] },
        },
      })) as any,
  });
}

describe('createAuditRouter', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  async function setUp(
    databaseId: Parameters<typeof databases.init>[0],
    permissions: PermissionsService = mockServices.permissions(),
  ) {
    const knex = await databases.init(databaseId);
    await applyMlopsMigrations(knex);
    const auditTrail = AuditTrail.create({
      knex,
      logger: mockServices.logger.mock(),
    });
    const router = await createAuditRouter({
      auditTrail,
      httpAuth: mockServices.httpAuth({ pluginId: 'mlops' }),
      permissions,
      catalog: catalogServiceMock({
        entities: [
          {
            apiVersion: 'ml-foundation.dev/v1alpha1',
            kind: 'ModelVersion',
            metadata: { name: 'credit-risk-v1', namespace: 'default' },
            spec: { model: MODEL },
          },
        ],
      }),
    });
    const app = express().use(router).use(mockErrorHandler());
    return { app, auditTrail, knex };
  }

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('records a service’s event, finds its Model through the catalog, and serves it', async () => {
      const { app } = await setUp(databaseId);
      const posted = await request(app)
        .post('/audit/events')
        .set('Authorization', scaffolder)
        .send({
          actor: 'user:default/alice',
          action: 'scaffolder.template-action',
          targetRef: V1,
          details: { template: 'retrain' },
        });
      expect(posted.status).toBe(201);
      expect(posted.body).toMatchObject({
        sequence: 1,
        actor: 'user:default/alice',
        modelRef: MODEL,
        details: { template: 'retrain', recordedBy: 'service:scaffolder' },
      });

      const page = await request(app)
        .get('/audit/events')
        .query({ entityRef: MODEL, limit: '10' });
      expect(page.status).toBe(200);
      expect(page.body.items).toEqual([posted.body]);

      const verify = await request(app).get('/audit/verify');
      expect(verify.status).toBe(200);
      expect(verify.body).toMatchObject({ ok: true, checkedEvents: 1 });
    });

    it('finds a Model’s versions in the catalog for events recorded without a modelRef, each event once', async () => {
      const { app, auditTrail } = await setUp(databaseId);
      const base = { actor: 'user:default/a', action: 'x', details: {} };
      await auditTrail.append({ ...base, targetRef: V1 });
      await auditTrail.append({ ...base, targetRef: V1, modelRef: MODEL });
      await auditTrail.append({ ...base, targetRef: MODEL });
      await auditTrail.append({
        ...base,
        targetRef: 'modelversion:default/other-v1',
      });
      const page = await request(app)
        .get('/audit/events')
        .query({ entityRef: MODEL });
      expect(
        page.body.items.map((e: { sequence: number }) => e.sequence),
      ).toEqual([3, 2, 1]);
      const exported = await request(app)
        .get('/audit/export')
        .query({ entityRef: MODEL, format: 'jsonl' });
      expect(
        exported.text
          .trim()
          .split('\n')
          .map(line => JSON.parse(line).sequence),
      ).toEqual([1, 2, 3]);
    });

    it('names the service as actor when the event names none', async () => {
      const { app } = await setUp(databaseId);
      const posted = await request(app)
        .post('/audit/events')
        .set('Authorization', scaffolder)
        .send({ action: 'health.changed', targetRef: MODEL, details: {} });
      expect(posted.body.actor).toBe('service:scaffolder');
    });

    it('refuses events from users with 403 and bad events with 400 naming the field', async () => {
      const { app } = await setUp(databaseId);
      const byUser = await request(app)
        .post('/audit/events')
        .set('Authorization', mockCredentials.user.header())
        .send({ action: 'x', targetRef: MODEL, details: {} });
      expect(byUser.status).toBe(403);

      const noTarget = await request(app)
        .post('/audit/events')
        .set('Authorization', scaffolder)
        .send({ action: 'x', details: {} });
      expect(noTarget.status).toBe(400);
      expect(noTarget.body.error.message).toContain('targetRef');

      const badRef = await request(app)
        .post('/audit/events')
        .set('Authorization', scaffolder)
        .send({ action: 'x', targetRef: 'credit-risk', details: {} });
      expect(badRef.status).toBe(400);
      expect(badRef.body.error.message).toContain(
        'targetRef must be an entity ref',
      );
    });

    it('answers 400 naming the field of a bad query', async () => {
      const { app } = await setUp(databaseId);
      const limit = await request(app)
        .get('/audit/events')
        .query({ limit: '0' });
      expect(limit.status).toBe(400);
      expect(limit.body.error.message).toContain('limit');
      const from = await request(app)
        .get('/audit/events')
        .query({ from: 'yesterday' });
      expect(from.status).toBe(400);
      expect(from.body.error.message).toContain('from');
      const format = await request(app)
        .get('/audit/export')
        .query({ format: 'xml' });
      expect(format.status).toBe(400);
      expect(format.body.error.message).toContain('format');
      const cursor = await request(app)
        .get('/audit/events')
        .query({ cursor: 'abc' });
      expect(cursor.status).toBe(400);
      expect(cursor.body.error.message).toContain('cursor');
    });

    it('answers 401 without credentials', async () => {
      const { app } = await setUp(databaseId);
      for (const path of [
        '/audit/events',
        '/audit/export?format=csv',
        '/audit/verify',
      ]) {
        const response = await request(app)
          .get(path)
          .set('Authorization', mockCredentials.none.header());
        expect(response.status).toBe(401);
      }
    });

    it('answers 403 when the policy denies mlops.audit.read', async () => {
      const { app } = await setUp(
        databaseId,
        mockServices.permissions({ result: AuthorizeResult.DENY }),
      );
      for (const path of [
        `/audit/events?entityRef=${MODEL}`,
        '/audit/events',
        '/audit/export?format=jsonl',
        '/audit/verify',
      ]) {
        const response = await request(app).get(path);
        expect(response.status).toBe(403);
        expect(response.body.error.message).toContain(
          mlopsAuditReadPermission.name,
        );
      }
    });

    it('shows a conditionally allowed reader only the events it may read', async () => {
      const { app, auditTrail } = await setUp(databaseId, onlyModelPolicy());
      await auditTrail.append({
        actor: 'user:default/a',
        action: 'x',
        targetRef: V1,
        modelRef: MODEL,
        details: {},
      });
      await auditTrail.append({
        actor: 'user:default/a',
        action: 'x',
        targetRef: OTHER,
        details: {},
      });

      expect(
        (await request(app).get('/audit/events').query({ entityRef: OTHER }))
          .status,
      ).toBe(403);
      const all = await request(app).get('/audit/events');
      expect(all.status).toBe(200);
      expect(
        all.body.items.map((e: { targetRef: string }) => e.targetRef),
      ).toEqual([V1]);
      const exported = await request(app)
        .get('/audit/export')
        .query({ format: 'jsonl' });
      expect(
        exported.text
          .trim()
          .split('\n')
          .map(line => JSON.parse(line).targetRef),
      ).toEqual([V1]);
    });

    it('streams an export as a download', async () => {
      const { app, auditTrail } = await setUp(databaseId);
      await auditTrail.append({
        actor: 'user:default/a',
        action: 'x',
        targetRef: V1,
        details: { note: 'a,b' },
      });
      const csv = await request(app)
        .get('/audit/export')
        .query({ format: 'csv', entityRef: V1 });
      expect(csv.status).toBe(200);
      expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(csv.headers['content-disposition']).toBe(
        'attachment; filename="audit-events.csv"',
      );
      expect(csv.text.split('\r\n')[1]).toContain('"{""note"":""a,b""}"');
    });

    it('serves the latest recorded verification with cached=true', async () => {
      const { app, auditTrail, knex } = await setUp(databaseId);
      await auditTrail.append({
        actor: 'user:default/a',
        action: 'x',
        targetRef: V1,
        details: {},
      });
      const first = await request(app)
        .get('/audit/verify')
        .query({ cached: 'true' });
      expect(first.body).toMatchObject({ ok: true, checkedEvents: 1 });
      await knex('mlops_audit_events').update({
        actor: 'user:default/mallory',
      });
      const cached = await request(app)
        .get('/audit/verify')
        .query({ cached: 'true' });
      expect(cached.body).toEqual(first.body);
      const fresh = await request(app).get('/audit/verify');
      expect(fresh.body).toMatchObject({
        ok: false,
        firstBrokenEvent: { sequence: 1 },
      });
      const latest = await request(app).get('/audit/verify?cached=true');
      expect(latest.body.ok).toBe(false);
    });
  });
});
