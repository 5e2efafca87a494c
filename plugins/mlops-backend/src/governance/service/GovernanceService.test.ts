import {
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { AwsSimulator } from '@ml-foundation/aws-simulator';
import {
  completeModelPackage,
  stripModelPackageEvidence,
  createFixtureService,
  fixtureEntities,
  startFixtureSimulator,
} from '../__testUtils__/governanceFixture';

jest.setTimeout(60_000);

const V4 = 'modelversion:default/fraud-detector-v4';
const V3 = 'modelversion:default/fraud-detector-v3';
const V4_ARN =
  'arn:aws:sagemaker:eu-west-1:123456789012:model-package/fraud-detector/4';
const as = (name: string) => mockCredentials.user(`user:default/${name}`);

describe('GovernanceService', () => {
  const databases = TestDatabases.create({
    ids: ['SQLITE_3', 'POSTGRES_15'],
  });
  let sim: AwsSimulator;

  beforeEach(async () => {
    sim = await startFixtureSimulator();
  });
  afterEach(async () => {
    await sim.close();
  });

  async function setup(databaseId: Parameters<typeof databases.init>[0]) {
    const knex = await databases.init(databaseId);
    return { knex, ...(await createFixtureService({ knex, sim })) };
  }

  it.each(databases.eachSupportedId())(
    'takes a version from request to production with two model-risk approvals, on %p',
    async databaseId => {
      completeModelPackage(sim);
      const { service, audit, notifications } = await setup(databaseId);
      sim.resetStats();

      const opened = await service.createReview(
        {
          entityRef: V4,
          targetStage: 'production',
          comment: 'merchant risk features',
        },
        as('hannah.cho'),
      );
      expect(opened.state).toBe('open');
      expect(opened.replacesRef).toBe(V3);
      expect(
        Object.fromEntries(opened.checkpoints.map(c => [c.id, c.state])),
      ).toEqual({
        quality: 'passed',
        'no-regression': 'passed',
        'bias-report': 'passed',
        explainability: 'passed',
        'model-card': 'passed',
        lineage: 'passed',
        'risk-signoff': 'pending',
      });
      expect(opened.checkpoints[1].evidence).toMatchObject({
        value: 0.963,
        baselineRef: V3,
        baselineValue: 0.956,
      });
      expect(opened.checkpoints[2].evidence).toEqual({
        report: 'bias',
        uri: 's3://reports/fraud/bias.json',
      });
      // Two report checkpoints read the bias and SHAP files: each once.
      expect(sim.stats()['S3.GetObject']).toBe(2);
      expect(notifications.send).toHaveBeenCalledWith(
        expect.objectContaining({
          recipients: expect.objectContaining({
            entityRef: ['group:default/model-risk'],
          }),
        }),
      );

      const once = await service.decide(
        opened.id,
        { decision: 'approve', comment: 'validated' },
        as('grace.adeyemi'),
      );
      expect(once.state).toBe('open');
      expect(sim.calls('UpdateModelPackage')).toEqual([]);

      const done = await service.decide(
        opened.id,
        { decision: 'approve', comment: 'agreed' },
        as('oliver.brennan'),
      );
      expect(done.state).toBe('completed');
      expect(done.writeBack).toMatchObject({ state: 'succeeded', attempts: 1 });

      const calls = sim.calls('UpdateModelPackage');
      expect(calls).toHaveLength(2);
      expect(calls[0]).toMatchObject({
        ModelPackageArn: V4_ARN,
        ModelApprovalStatus: 'Approved',
        ModelLifeCycle: {
          Stage: 'Production',
          StageStatus: 'Approved',
          StageDescription: `Review ${opened.id}`,
        },
      });
      expect(calls[0].ApprovalDescription).toContain(opened.id);
      expect(calls[0].ApprovalDescription).toContain(
        'user:default/grace.adeyemi, user:default/oliver.brennan',
      );
      expect(calls[0].ClientToken).toMatch(/^[0-9a-f-]{36}$/);
      // The version it replaces leaves production, recorded too.
      expect(calls[1]).toMatchObject({
        ModelPackageArn: V4_ARN.replace(/4$/, '3'),
        ModelLifeCycle: { Stage: 'Archived' },
      });

      const { items } = await audit.query({ limit: 100 });
      const actions = items.map(e => e.action).reverse();
      expect(actions[0]).toBe('review.opened');
      expect(actions).toEqual(
        expect.arrayContaining([
          'checkpoint.evaluated',
          'review.decision',
          'writeback.succeeded',
          'transition.completed',
          'transition.demoted',
        ]),
      );
      expect(
        items.find(e => e.action === 'transition.completed')?.details,
      ).toMatchObject({
        approvers: [
          'user:default/grace.adeyemi',
          'user:default/oliver.brennan',
        ],
      });
      expect((await audit.verify()).ok).toBe(true);
    },
  );

  it.each(databases.eachSupportedId())(
    'enforces separation of duties and names the rule, on %p',
    async databaseId => {
      completeModelPackage(sim);
      const { service } = await setup(databaseId);
      // grace (model-risk) requests: she may not approve her own review.
      const review = await service.createReview(
        { entityRef: V4, targetStage: 'production' },
        as('grace.adeyemi'),
      );
      const approve = (name: string) =>
        service.decide(
          review.id,
          { decision: 'approve', comment: 'ok' },
          as(name),
        );

      await expect(approve('grace.adeyemi')).rejects.toMatchObject({
        name: 'ConflictError',
        message: expect.stringContaining('requester-cannot-approve'),
      });
      await expect(approve('rahul.mehta')).rejects.toMatchObject({
        name: 'ConflictError',
        message: expect.stringContaining('creator-cannot-approve'),
      });
      await expect(approve('hannah.cho')).rejects.toMatchObject({
        name: 'ConflictError',
        message: expect.stringContaining('approver-not-in-group'),
      });
      await approve('oliver.brennan');
      await expect(approve('oliver.brennan')).rejects.toMatchObject({
        name: 'ConflictError',
        message: expect.stringContaining('approver-counts-once'),
      });
      const after = await service.getReview(review.id);
      expect(after.state).toBe('open');
      expect(after.decisions.map(d => d.actor)).toEqual([
        'user:default/oliver.brennan',
      ]);
      expect(
        after.checkpoints.find(c => c.id === 'risk-signoff'),
      ).toMatchObject({
        state: 'pending',
        evidence: { approvedBy: ['user:default/oliver.brennan'] },
      });
      expect(sim.calls('UpdateModelPackage')).toEqual([]);
    },
  );

  it.each(databases.eachSupportedId())(
    'completes only after failed checkpoints are waived with a reason, on %p',
    async databaseId => {
      // No bias or explainability report, no model card in the simulator.
      stripModelPackageEvidence(sim);
      const { service, audit } = await setup(databaseId);
      const review = await service.createReview(
        { entityRef: V4, targetStage: 'production' },
        as('hannah.cho'),
      );
      const failed = review.checkpoints.filter(c => c.state === 'failed');
      expect(failed.map(c => c.id)).toEqual([
        'bias-report',
        'explainability',
        'model-card',
      ]);
      await service.decide(
        review.id,
        { decision: 'approve', comment: 'ok' },
        as('grace.adeyemi'),
      );
      const approved = await service.decide(
        review.id,
        { decision: 'approve', comment: 'ok' },
        as('noor.haddad'),
      );
      expect(approved.state).toBe('open');

      await expect(
        service.waive(
          review.id,
          { checkpointId: 'risk-signoff', reason: 'x' },
          as('noor.haddad'),
        ),
      ).rejects.toThrow(/approval-not-waivable/);
      await expect(
        service.waive(
          review.id,
          { checkpointId: 'nope', reason: 'x' },
          as('noor.haddad'),
        ),
      ).rejects.toThrow(/checkpointId 'nope'/);

      for (const checkpointId of ['bias-report', 'explainability']) {
        const r = await service.waive(
          review.id,
          { checkpointId, reason: 'reports filed in the risk register' },
          as('noor.haddad'),
        );
        expect(r.state).toBe('open');
      }
      const done = await service.waive(
        review.id,
        { checkpointId: 'model-card', reason: 'card approved on paper' },
        as('noor.haddad'),
      );
      expect(done.state).toBe('completed');
      expect(done.checkpoints.find(c => c.id === 'model-card')).toMatchObject({
        state: 'waived',
        waiver: {
          by: 'user:default/noor.haddad',
          reason: 'card approved on paper',
        },
      });
      const waivers = await audit.query({ action: 'review.waiver' });
      expect(waivers.items).toHaveLength(3);
    },
  );

  it.each(databases.eachSupportedId())(
    'refuses a waiver without the waive permission, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const permissions = mockServices.permissions.mock();
      permissions.authorize.mockImplementation(async requests =>
        requests.map(r => ({
          result:
            r.permission.name === 'mlops.governance.waive'
              ? AuthorizeResult.DENY
              : AuthorizeResult.ALLOW,
        })),
      );
      stripModelPackageEvidence(sim);
      const { service } = await createFixtureService({
        knex,
        sim,
        permissions,
      });
      const review = await service.createReview(
        { entityRef: V4, targetStage: 'production' },
        as('hannah.cho'),
      );
      await expect(
        service.waive(
          review.id,
          { checkpointId: 'model-card', reason: 'x' },
          as('noor.haddad'),
        ),
      ).rejects.toMatchObject({ name: 'NotAllowedError' });
      expect((await service.getReview(review.id)).checkpoints[4].state).toBe(
        'failed',
      );
    },
  );

  it.each(databases.eachSupportedId())(
    'writes Rejected back on rejection, on %p',
    async databaseId => {
      const { service, notifications } = await setup(databaseId);
      const review = await service.createReview(
        { entityRef: V4, targetStage: 'production' },
        as('hannah.cho'),
      );
      const rejected = await service.decide(
        review.id,
        { decision: 'reject', comment: 'no bias report' },
        as('grace.adeyemi'),
      );
      expect(rejected.state).toBe('rejected');
      expect(rejected.writeBack?.state).toBe('succeeded');
      expect(sim.calls('UpdateModelPackage')).toEqual([
        expect.objectContaining({
          ModelPackageArn: V4_ARN,
          ModelApprovalStatus: 'Rejected',
          ApprovalDescription: expect.stringContaining(
            'user:default/grace.adeyemi',
          ),
        }),
      ]);
      expect(notifications.send).toHaveBeenCalledWith(
        expect.objectContaining({
          recipients: {
            type: 'entity',
            entityRef: 'model:default/fraud-detector',
          },
        }),
      );
      await expect(
        service.decide(
          review.id,
          { decision: 'approve', comment: 'x' },
          as('noor.haddad'),
        ),
      ).rejects.toThrow(/is rejected/);
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps a failed write-back visible as approved-not-synced until a retry succeeds, on %p',
    async databaseId => {
      completeModelPackage(sim);
      const { service, audit } = await setup(databaseId);
      const review = await service.createReview(
        { entityRef: V4, targetStage: 'production' },
        as('hannah.cho'),
      );
      sim.setFaults({ accessDenied: ['SageMaker.UpdateModelPackage'] });
      await service.decide(
        review.id,
        { decision: 'approve', comment: 'ok' },
        as('grace.adeyemi'),
      );
      const failed = await service.decide(
        review.id,
        { decision: 'approve', comment: 'ok' },
        as('oliver.brennan'),
      );
      expect(failed.state).toBe('approved-not-synced');
      expect(failed.writeBack).toMatchObject({
        state: 'failed',
        attempts: 1,
        lastError: expect.stringMatching(/not authorized|AccessDenied/i),
      });
      expect(sim.calls('UpdateModelPackage')).toEqual([]);

      sim.setFaults({});
      const retried = await service.retryWriteBack(
        review.id,
        as('oliver.brennan'),
      );
      expect(retried.state).toBe('completed');
      expect(retried.writeBack).toMatchObject({
        state: 'succeeded',
        attempts: 2,
      });
      expect(sim.calls('UpdateModelPackage')[0]).toMatchObject({
        ModelPackageArn: V4_ARN,
        ModelApprovalStatus: 'Approved',
      });
      await expect(
        service.retryWriteBack(review.id, as('oliver.brennan')),
      ).rejects.toThrow(/completed/);
      const actions = (await audit.query({ limit: 100 })).items.map(
        e => e.action,
      );
      expect(actions).toContain('writeback.failed');
      expect(actions).toContain('writeback.succeeded');
    },
  );

  it.each(databases.eachSupportedId())(
    'records a registry change no review made as out-of-band and tells the owners, on %p',
    async databaseId => {
      completeModelPackage(sim);
      const { service, audit, notifications } = await setup(databaseId);
      const review = await service.createReview(
        { entityRef: V4, targetStage: 'production' },
        as('hannah.cho'),
      );
      await service.decide(
        review.id,
        { decision: 'approve', comment: 'ok' },
        as('grace.adeyemi'),
      );
      await service.decide(
        review.id,
        { decision: 'approve', comment: 'ok' },
        as('oliver.brennan'),
      );
      // The sync sees the state this plugin wrote: not out-of-band.
      await service.handleModelPackageChanged({
        entityRef: V4,
        arn: V4_ARN,
        providerId: 'aws-sagemaker:demo',
        before: { approvalStatus: 'PendingManualApproval', stage: 'Staging' },
        after: {
          approvalStatus: 'Approved',
          stage: 'Production',
          stageStatus: 'Approved',
        },
        observedAt: new Date().toISOString(),
      });
      expect(
        (await audit.query({ action: 'registry.out-of-band-change' })).items,
      ).toEqual([]);

      notifications.send.mockClear();
      const before = { approvalStatus: 'Approved', stage: 'Production' };
      const after = { approvalStatus: 'Rejected', stage: 'Production' };
      await service.handleModelPackageChanged({
        entityRef: V4,
        arn: V4_ARN,
        providerId: 'aws-sagemaker:demo',
        before,
        after,
        observedAt: '2026-12-01T10:00:00.000Z',
      });
      const { items } = await audit.query({
        action: 'registry.out-of-band-change',
      });
      expect(items).toHaveLength(1);
      expect(items[0]).toMatchObject({
        targetRef: V4,
        targetArn: V4_ARN,
        details: { before, after, providerId: 'aws-sagemaker:demo' },
      });
      expect(notifications.send).toHaveBeenCalledWith(
        expect.objectContaining({
          recipients: { type: 'entity', entityRef: V4 },
        }),
      );
    },
  );

  it.each(databases.eachSupportedId())(
    're-evaluates an open review when its version changes in the catalog, on %p',
    async databaseId => {
      completeModelPackage(sim);
      const knex = await databases.init(databaseId);
      const entities = fixtureEntities();
      const { service, audit } = await createFixtureService({
        knex,
        sim,
        entities,
      });
      const review = await service.createReview(
        { entityRef: V4, targetStage: 'production' },
        as('hannah.cho'),
      );
      expect(review.checkpoints[0].state).toBe('passed');
      // Unchanged entity: nothing to do.
      expect(await service.reevaluateOpenReviews()).toBe(0);

      const v4 = entities.find(e => e.metadata.name === 'fraud-detector-v4')!;
      v4.spec!.metrics = [{ name: 'auc', split: 'validation', value: 0.75 }];
      v4.metadata.etag = 'etag-4-retrained';
      expect(await service.reevaluateOpenReviews()).toBe(1);
      const after = await service.getReview(review.id);
      expect(after.checkpoints.find(c => c.id === 'quality')).toMatchObject({
        state: 'failed',
        evidence: { value: 0.75 },
      });
      const evaluated = await audit.query({ action: 'checkpoint.evaluated' });
      expect(
        evaluated.items.filter(e => e.details.checkpointId === 'quality'),
      ).toHaveLength(2);
    },
  );

  it.each(databases.eachSupportedId())(
    'rolls production back to an earlier approved version under the rollback policy, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      // v4 is in production; v3, approved before, was archived.
      const stages: Record<string, object> = {
        'fraud-detector-v4': {
          stage: 'Production',
          approvalStatus: 'Approved',
        },
        'fraud-detector-v3': { stage: 'Archived' },
      };
      const entities = fixtureEntities().map(e => ({
        ...e,
        spec: { ...e.spec, ...stages[e.metadata.name] },
      }));
      const governance = {
        policies: {
          default: {
            rollbacks: {
              production: {
                checkpoints: [
                  {
                    id: 'signoff',
                    type: 'approval',
                    groups: ['group:default/model-risk'],
                  },
                ],
              },
            },
          },
        },
      };
      const { service } = await createFixtureService({
        knex,
        sim,
        entities,
        governance,
      });
      await expect(
        service.createReview(
          { entityRef: V3, targetStage: 'production' },
          as('hannah.cho'),
        ),
      ).rejects.toThrow("targetStage 'production' has no promotion");
      const rollback = await service.createReview(
        { entityRef: V3, targetStage: 'production', kind: 'rollback' },
        as('hannah.cho'),
      );
      expect(rollback.replacesRef).toBe(V4);
      const done = await service.decide(
        rollback.id,
        { decision: 'approve', comment: 'v4 misbehaves' },
        as('noor.haddad'),
      );
      expect(done.state).toBe('completed');
      expect(sim.calls('UpdateModelPackage')).toEqual([
        expect.objectContaining({
          ModelPackageArn: V4_ARN.replace(/4$/, '3'),
          ModelLifeCycle: expect.objectContaining({ Stage: 'Production' }),
          ApprovalDescription: expect.stringContaining(
            'rollback to Production',
          ),
        }),
        expect.objectContaining({
          ModelPackageArn: V4_ARN,
          ModelLifeCycle: expect.objectContaining({ Stage: 'Archived' }),
        }),
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'refuses bad requests with the field or rule named, on %p',
    async databaseId => {
      const { service } = await setup(databaseId);
      await expect(
        service.createReview(
          { entityRef: V4, targetStage: 'canary' },
          as('hannah.cho'),
        ),
      ).rejects.toMatchObject({
        name: 'InputError',
        message: expect.stringContaining("targetStage 'canary'"),
      });
      await expect(
        service.createReview(
          { entityRef: 'modelversion:default/nope', targetStage: 'production' },
          as('hannah.cho'),
        ),
      ).rejects.toMatchObject({ name: 'NotFoundError' });
      await expect(
        service.createReview(
          { entityRef: V3, targetStage: 'production' },
          as('hannah.cho'),
        ),
      ).rejects.toThrow(/already in Production/);
      await service.createReview(
        { entityRef: V4, targetStage: 'production' },
        as('hannah.cho'),
      );
      await expect(
        service.createReview(
          { entityRef: V4, targetStage: 'production' },
          as('lukas.weber'),
        ),
      ).rejects.toMatchObject({ name: 'ConflictError' });
    },
  );
});
