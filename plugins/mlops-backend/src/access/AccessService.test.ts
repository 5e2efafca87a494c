import type { PermissionsService } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import type { MlopsAccessFulfiller } from '@ml-foundation/plugin-mlops-node';
import type { Knex } from 'knex';
import { AuditTrail } from '../audit';
import { applyMlopsMigrations } from '../database/applyMlopsMigrations';
import { createAccessService } from './createAccessService';
import { readAccessConfig } from './readAccessConfig';

jest.setTimeout(60_000);

function user(name: string, groups: string[]): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name, namespace: 'default' },
    spec: { memberOf: groups },
    relations: groups.map(g => ({
      type: 'memberOf',
      targetRef: `group:default/${g}`,
    })),
  };
}

function dataset(
  name: string,
  spec: object,
  annotations?: Record<string, string>,
): Entity {
  return {
    apiVersion: 'ml-foundation.dev/v1alpha1',
    kind: 'Dataset',
    metadata: {
      name,
      namespace: 'default',
      ...(annotations ? { annotations } : {}),
    },
    spec: {
      type: 'glue-table',
      owner: 'group:default/data-engineering',
      lifecycle: 'production',
      ...spec,
    },
  };
}

const entities: Entity[] = [
  dataset('customers', { classification: 'PII' }),
  dataset(
    'transactions',
    { classification: 'confidential' },
    {
      'ml-foundation.dev/access-approvers': 'fraud-data-stewards',
    },
  ),
  {
    apiVersion: 'ml-foundation.dev/v1alpha1',
    kind: 'Model',
    metadata: { name: 'churn', namespace: 'default' },
    spec: { owner: 'group:default/data-engineering', lifecycle: 'production' },
  },
  user('ana', ['data-science', 'data-engineering']),
  user('ben', ['data-engineering', 'privacy-office']),
  user('cara', ['data-engineering']),
  user('pia', ['privacy-office']),
  user('sam', ['fraud-data-stewards']),
  user('zoe', ['marketing']),
];

const as = (name: string) => mockCredentials.user(`user:default/${name}`);

const denyAll: PermissionsService = {
  authorize: async requests =>
    requests.map(() => ({ result: AuthorizeResult.DENY })),
  authorizeConditional: async requests =>
    requests.map(() => ({ result: AuthorizeResult.DENY })),
};

describe('AccessService', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  async function setup(
    knex: Knex,
    options: {
      privacyGroup?: string | null;
      permissions?: PermissionsService;
      fulfiller?: MlopsAccessFulfiller;
    } = {},
  ) {
    await applyMlopsMigrations(knex);
    const logger = mockServices.logger.mock();
    const audit = AuditTrail.create({ knex, logger });
    const notifications = {
      send: jest.fn(async (_options: NotificationSendOptions) => {}),
    };
    const privacyGroup =
      options.privacyGroup === undefined
        ? 'privacy-office'
        : options.privacyGroup;
    const service = createAccessService({
      knex,
      config: readAccessConfig(
        new ConfigReader({
          mlops: { access: privacyGroup ? { privacyGroup } : {} },
        }),
      ),
      catalog: catalogServiceMock({ entities }),
      auth: mockServices.auth(),
      permissions: options.permissions ?? mockServices.permissions(),
      audit,
      notifications,
      fulfiller: options.fulfiller,
      logger,
    });
    return { service, audit, notifications };
  }

  const piaRequest = {
    entityRef: 'dataset:default/customers',
    purpose: 'churn features',
    durationDays: 30,
  };

  it.each(databases.eachSupportedId())(
    'grants a PII dataset after an owner and a privacy approval, with every step audited and notified, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { service, audit, notifications } = await setup(knex);
      const request = await service.create(
        { ...piaRequest, entityRef: 'Dataset:customers' },
        as('zoe'),
      );
      expect(request).toMatchObject({
        entityRef: 'dataset:default/customers',
        state: 'pending',
        requiredSteps: ['owner', 'privacy'],
        pendingSteps: ['owner', 'privacy'],
        approvers: {
          owner: ['group:default/data-engineering'],
          privacy: ['group:default/privacy-office'],
        },
      });
      expect(await service.list({ awaitingMe: true }, as('cara'))).toHaveLength(
        1,
      );
      expect(await service.list({ awaitingMe: true }, as('pia'))).toHaveLength(
        1,
      );
      expect(await service.list({ awaitingMe: true }, as('zoe'))).toHaveLength(
        0,
      );

      const afterOwner = await service.decide(
        request.id,
        { decision: 'approve', comment: 'ok' },
        as('cara'),
      );
      expect(afterOwner).toMatchObject({
        state: 'pending',
        pendingSteps: ['privacy'],
      });
      expect(await service.list({ awaitingMe: true }, as('ben'))).toHaveLength(
        1,
      );

      const approved = await service.decide(
        request.id,
        { decision: 'approve' },
        as('pia'),
      );
      expect(approved.state).toBe('approved');
      expect(approved.decisions.map(d => [d.actor, d.step])).toEqual([
        ['user:default/cara', 'owner'],
        ['user:default/pia', 'privacy'],
      ]);
      expect(
        Date.parse(approved.expiresAt!) -
          Date.parse(approved.decisions[1].decidedAt),
      ).toBe(30 * 86_400_000);
      expect(approved.fulfilment).toMatchObject({
        fulfiller: 'record-only',
        status: 'fulfilled',
      });
      expect(approved.fulfilment!.message).toMatch(
        /no access was granted in AWS/,
      );
      expect((await service.get(request.id)).fulfilment?.status).toBe(
        'fulfilled',
      );

      const page = await audit.query({
        entityRef: 'dataset:default/customers',
      });
      expect(page.items.map(e => [e.action, e.actor]).reverse()).toEqual([
        ['access.requested', 'user:default/zoe'],
        ['access.decision', 'user:default/cara'],
        ['access.decision', 'user:default/pia'],
        ['access.fulfilled', 'service:mlops'],
      ]);
      const recipients = notifications.send.mock.calls.map(
        ([options]) =>
          options.recipients.type === 'entity' && options.recipients.entityRef,
      );
      expect(recipients).toEqual([
        ['group:default/data-engineering'],
        ['group:default/privacy-office'],
        ['user:default/zoe'],
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps separation of duties: the requester never decides, each approver counts once, outsiders cannot, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { service } = await setup(knex);
      const request = await service.create(piaRequest, as('ana'));
      // ana owns the data through data-engineering, but asked herself.
      await expect(
        service.decide(request.id, { decision: 'approve' }, as('ana')),
      ).rejects.toThrow(/requester-cannot-approve/);
      await expect(
        service.decide(request.id, { decision: 'approve' }, as('zoe')),
      ).rejects.toThrow(/approver-not-in-group/);
      // ben is in both groups: his approval counts for one step only.
      await service.decide(request.id, { decision: 'approve' }, as('ben'));
      await expect(
        service.decide(request.id, { decision: 'approve' }, as('ben')),
      ).rejects.toThrow(/approver-counts-once/);
      // The owner step is done: another owner is not a privacy approver.
      await expect(
        service.decide(request.id, { decision: 'approve' }, as('cara')),
      ).rejects.toThrow(/approver-not-in-group/);
      expect((await service.get(request.id)).state).toBe('pending');
      await expect(service.create(piaRequest, as('ana'))).rejects.toThrow(
        /already has a pending request/,
      );
    },
  );

  it.each(databases.eachSupportedId())(
    'counts one of two concurrent approvals of the same step, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { service } = await setup(knex);
      const request = await service.create(piaRequest, as('zoe'));
      const results = await Promise.allSettled([
        service.decide(request.id, { decision: 'approve' }, as('cara')),
        service.decide(request.id, { decision: 'approve' }, as('ben')),
      ]);
      expect(results.filter(r => r.status === 'fulfilled')).toHaveLength(1);
      const stored = await service.get(request.id);
      expect(stored.decisions).toHaveLength(1);
      expect(stored.pendingSteps).toEqual(['privacy']);
    },
  );

  it.each(databases.eachSupportedId())(
    'fails closed: no privacy group, no PII request; an unresolvable membership counts for nothing, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { service } = await setup(knex, { privacyGroup: null });
      await expect(service.create(piaRequest, as('zoe'))).rejects.toThrow(
        /no privacy group is configured/,
      );

      const broken = await setup(knex);
      const request = await broken.service.create(piaRequest, as('zoe'));
      const catalog = (broken.service as any).options.catalog;
      jest
        .spyOn(catalog, 'isGroupMember')
        .mockRejectedValue(new Error('catalog down'));
      await expect(
        broken.service.decide(request.id, { decision: 'approve' }, as('cara')),
      ).rejects.toThrow(/catalog down/);
      jest.restoreAllMocks();
      expect((await broken.service.get(request.id)).decisions).toEqual([]);
    },
  );

  it.each(databases.eachSupportedId())(
    'asks the permission framework before requests and decisions, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const allowed = await setup(knex);
      const request = await allowed.service.create(piaRequest, as('zoe'));
      const denied = await setup(knex, { permissions: denyAll });
      await expect(
        denied.service.create(
          { ...piaRequest, entityRef: 'dataset:default/transactions' },
          as('zoe'),
        ),
      ).rejects.toThrow(/lacks mlops.access.request/);
      await expect(
        denied.service.decide(request.id, { decision: 'approve' }, as('cara')),
      ).rejects.toThrow(/lacks mlops.access.approve/);
      expect((await allowed.service.get(request.id)).decisions).toEqual([]);
    },
  );

  it.each(databases.eachSupportedId())(
    'lets the annotated group decide non-PII data alone; a rejection ends the request, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { service, notifications } = await setup(knex);
      const request = await service.create(
        { ...piaRequest, entityRef: 'dataset:default/transactions' },
        as('zoe'),
      );
      expect(request).toMatchObject({
        requiredSteps: ['owner'],
        approvers: { owner: ['group:default/fraud-data-stewards'] },
      });
      await expect(
        service.decide(request.id, { decision: 'approve' }, as('cara')),
      ).rejects.toThrow(/approver-not-in-group/);
      const rejected = await service.decide(
        request.id,
        { decision: 'reject', comment: 'use the aggregate' },
        as('sam'),
      );
      expect(rejected).toMatchObject({ state: 'rejected', pendingSteps: [] });
      await expect(
        service.decide(request.id, { decision: 'approve' }, as('pia')),
      ).rejects.toThrow(/is rejected/);
      expect(notifications.send.mock.calls.at(-1)?.[0]).toMatchObject({
        recipients: { entityRef: ['user:default/zoe'] },
        payload: { title: 'Access rejected: dataset:default/transactions' },
      });
      await expect(
        service.create(
          { ...piaRequest, entityRef: 'model:default/churn' },
          as('zoe'),
        ),
      ).rejects.toThrow(/Dataset or FeatureGroup/);
      await expect(
        service.create({ ...piaRequest, durationDays: 365 }, as('zoe')),
      ).rejects.toThrow(/from 1 to 90/);
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps an approval whose fulfilment failed, and says why, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { service, audit } = await setup(knex, {
        fulfiller: {
          id: 'lake-formation',
          fulfil: async () => {
            throw new Error('AccessDeniedException');
          },
        },
      });
      const request = await service.create(
        { ...piaRequest, entityRef: 'dataset:default/transactions' },
        as('zoe'),
      );
      const approved = await service.decide(
        request.id,
        { decision: 'approve' },
        as('sam'),
      );
      expect(approved.state).toBe('approved');
      expect(approved.fulfilment).toMatchObject({
        fulfiller: 'lake-formation',
        status: 'failed',
      });
      expect(approved.fulfilment!.message).toMatch(/AccessDeniedException/);
      const page = await audit.query({
        entityRef: 'dataset:default/transactions',
      });
      expect(page.items[0].action).toBe('access.fulfilment-failed');
    },
  );
});
