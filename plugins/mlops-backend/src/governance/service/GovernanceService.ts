import type {
  AuditorService,
  BackstageCredentials,
  BackstageUserPrincipal,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import {
  AuthorizeResult,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import type { JsonObject } from '@backstage/types';
import {
  CheckpointResult,
  CreateReviewRequest,
  DecisionRequest,
  EffectivePolicy,
  ML_ANNOTATION_AWS_ARN,
  ML_ANNOTATION_GOVERNANCE_POLICY,
  ModelPackageChangedEvent,
  mlopsGovernanceWaivePermission,
  mlopsReviewApprovePermission,
  mlopsReviewCreatePermission,
  NewAuditEvent,
  Review,
  ReviewQuery,
  WaiverRequest,
  WriteBackState,
} from '@ml-foundation/plugin-mlops-common';
import type { MlopsCheckpointType } from '@ml-foundation/plugin-mlops-node';
import { APPROVAL_CHECKPOINT_TYPE } from '../checkpoints/builtinCheckpointTypes';
import { approvalSettings } from '../checkpoints/approvalCheckpoint';
import type {
  GovernanceConfig,
  GovernancePolicy,
  GovernanceTransition,
} from '../config/readGovernanceConfig';
import type { GovernanceStore, StoredReview } from '../store/GovernanceStore';
import { clientTokenFor } from '../writeBack/clientTokenFor';
import {
  ModelPackageUpdate,
  ModelRegistry,
  modelPackageArnOf,
} from '../writeBack/SagemakerModelRegistry';
import type { GovernanceAuditSink } from './GovernanceAuditSink';
import type { GovernanceCatalog } from './GovernanceCatalog';
import type { GovernanceNotifier } from './GovernanceNotifier';
import { checkSeparationOfDuties, isCreator } from './checkSeparationOfDuties';

/** The acting user, as the router's httpAuth gives it. */
export type UserCredentials = BackstageCredentials<BackstageUserPrincipal>;

/** Everything the governance service works with. */
export interface GovernanceServiceOptions {
  config: GovernanceConfig;
  checkpointTypes: Map<string, MlopsCheckpointType>;
  store: GovernanceStore;
  catalog: GovernanceCatalog;
  registry: ModelRegistry;
  permissions: PermissionsService;
  audit: GovernanceAuditSink;
  auditor: AuditorService;
  notifier: GovernanceNotifier;
  logger: LoggerService;
}

const SERVICE_ACTOR = 'service:mlops';
const ACTIVE_STATES = ['open', 'approved-not-synced'] as const;
// A write-back marked pending this long ago was left by a crashed instance.
const STALE_WRITE_BACK_MS = 5 * 60 * 1000;

const lower = (value: string) => value.toLocaleLowerCase('en-US');

function normalizeRef(ref: string, field: string): string {
  try {
    return stringifyEntityRef(parseEntityRef(ref));
  } catch {
    throw new InputError(`${field} is not an entity ref: '${ref}'`);
  }
}

/**
 * Promotion reviews: opens them with their policy's checkpoints, evaluates
 * the automatic ones, collects decisions under the separation-of-duties rules
 * and waivers, completes the transition with a write-back to SageMaker, and
 * records every step in the audit trail.
 */
export class GovernanceService {
  constructor(private readonly options: GovernanceServiceOptions) {}

  /** The policy that applies to a Model, or to the Model of a ModelVersion. */
  async getPolicy(entityRef: string): Promise<EffectivePolicy> {
    const ref = normalizeRef(entityRef, 'entityRef');
    const entity = await this.requireEntity(ref);
    const model =
      entity.kind === 'ModelVersion'
        ? await this.options.catalog.getEntity(String(entity.spec?.model))
        : entity;
    const modelRef =
      entity.kind === 'ModelVersion' ? String(entity.spec?.model) : ref;
    const policy = this.policyFor(modelRef, model);
    const view = (transitions: Record<string, GovernanceTransition>) =>
      Object.fromEntries(
        Object.entries(transitions).map(([stage, t]) => [
          stage,
          { checkpoints: t.checkpoints },
        ]),
      );
    return {
      name: policy.name,
      transitions: view(policy.transitions),
      rollbacks: view(policy.rollbacks),
    };
  }

  async listReviews(
    query: ReviewQuery,
    credentials: UserCredentials,
  ): Promise<Review[]> {
    const ref = query.entityRef && normalizeRef(query.entityRef, 'entityRef');
    const isModel = ref && parseEntityRef(ref).kind === 'model';
    const reviews = await this.options.store.listReviews({
      ...(ref && (isModel ? { modelRef: ref } : { entityRefs: [ref] })),
      ...(query.state && { states: [query.state] }),
    });
    if (!query.awaitingMe) {
      return reviews.map(this.toApi);
    }
    const me = credentials.principal.userEntityRef;
    const awaiting: Review[] = [];
    for (const review of reviews) {
      if (
        review.state === 'open' &&
        review.requestedBy !== me &&
        !review.decisions.some(d => d.actor === me) &&
        (await this.mayApprove(me, review))
      ) {
        awaiting.push(this.toApi(review));
      }
    }
    return awaiting;
  }

  async getReview(id: string): Promise<Review> {
    return this.toApi(await this.requireReview(id));
  }

  async createReview(
    request: CreateReviewRequest,
    credentials: UserCredentials,
  ): Promise<Review> {
    const actor = credentials.principal.userEntityRef;
    const entityRef = normalizeRef(request.entityRef, 'entityRef');
    const kind = request.kind ?? 'promotion';
    const targetStage = lower(request.targetStage);
    const version = await this.requireEntity(entityRef);
    if (version.kind !== 'ModelVersion') {
      throw new InputError(
        `entityRef must be a ModelVersion, ${entityRef} is a ${version.kind}`,
      );
    }
    await this.authorize(mlopsReviewCreatePermission, entityRef, credentials);
    const modelRef = normalizeRef(String(version.spec?.model), 'spec.model');
    const model = await this.options.catalog.getEntity(modelRef);
    const policy = this.policyFor(modelRef, model);
    const transition = this.transitionOf(policy, kind, targetStage);
    if (
      typeof version.spec?.stage === 'string' &&
      lower(version.spec.stage) === lower(transition.stageName)
    ) {
      throw new ConflictError(
        `${entityRef} is already in ${transition.stageName}`,
      );
    }
    if (kind === 'rollback' && version.spec?.approvalStatus !== 'Approved') {
      throw new ConflictError(
        `A rollback returns to a version approved before; ${entityRef} is ${version.spec?.approvalStatus}`,
      );
    }
    const active = await this.options.store.listReviews({
      entityRefs: [entityRef],
      states: [...ACTIVE_STATES],
    });
    const duplicate = active.find(r => r.targetStage === targetStage);
    if (duplicate) {
      throw new ConflictError(
        `Review ${duplicate.id} of ${entityRef} for ${targetStage} is already ${duplicate.state}`,
      );
    }
    const replaced = await this.options.catalog.versionInStage(
      modelRef,
      transition.stageName,
      entityRef,
    );
    const draft: Review = {
      id: '',
      kind,
      entityRef,
      modelRef,
      targetStage,
      policy: policy.name,
      state: 'open',
      requestedBy: actor,
      requestedAt: new Date().toISOString(),
      checkpoints: [],
      decisions: [],
      updatedAt: '',
    };
    const checkpoints = await this.evaluate(
      draft,
      transition,
      version,
      model,
      new Map(),
    );
    const review = await this.options.store.insertReview({
      kind,
      entityRef,
      modelRef,
      arn: version.metadata.annotations?.[ML_ANNOTATION_AWS_ARN],
      targetStage,
      policy: policy.name,
      requestedBy: actor,
      comment: request.comment,
      checkpoints,
      replacesRef: replaced ? stringifyEntityRef(replaced) : undefined,
      entityEtag: version.metadata.etag,
    });
    await this.record(actor, 'review.opened', review, {
      kind,
      targetStage,
      policy: policy.name,
      ...(request.comment && { comment: request.comment }),
      ...(review.replacesRef && { replacesRef: review.replacesRef }),
    });
    await this.recordEvaluations(review, [], checkpoints);
    const groups = this.pendingApprovalGroups(transition, checkpoints);
    if (groups.length > 0) {
      await this.options.notifier.approvalNeeded(review, groups);
    }
    return this.toApi(await this.transitionIfPassed(review.id));
  }

  async decide(
    id: string,
    request: DecisionRequest,
    credentials: UserCredentials,
  ): Promise<Review> {
    const actor = credentials.principal.userEntityRef;
    const current = await this.requireReview(id);
    await this.authorize(
      mlopsReviewApprovePermission,
      current.entityRef,
      credentials,
    );
    const version = await this.requireEntity(current.entityRef);
    const transition = this.transitionOfReview(current);
    const outcome = await this.options.store.withLockedReview(
      id,
      async (store, review) => {
        if (review.state !== 'open') {
          throw new ConflictError(`Review ${id} is ${review.state}`);
        }
        if (request.decision === 'approve') {
          await checkSeparationOfDuties({
            actor,
            review,
            createdBy: version.spec?.createdBy as string | undefined,
            approvalGroups: this.pendingApprovalGroups(
              transition,
              review.checkpoints,
            ),
            isGroupMember: (user, group) =>
              this.options.catalog.isGroupMember(user, group),
          });
        }
        const decision = await store.insertDecision(id, {
          actor,
          decision: request.decision,
          comment: request.comment,
        });
        if (request.decision === 'reject') {
          await store.updateReview(id, {
            state: 'rejected',
            completedAt: decision.at,
            writeBack: { state: 'pending', attempts: 0 },
          });
          return {
            decision,
            before: review.checkpoints,
            after: review.checkpoints,
          };
        }
        // Only the approval checkpoints depend on decisions: the automatic
        // ones keep their last evaluation, so the lock is not held over AWS.
        const decisions = [...review.decisions, decision];
        const after = await Promise.all(
          review.checkpoints.map(async (result, index) => {
            const definition = transition.checkpoints[index];
            if (
              definition?.type !== APPROVAL_CHECKPOINT_TYPE ||
              result.state === 'waived'
            ) {
              return result;
            }
            return this.evaluateOne(definition, {
              review: { ...review, decisions },
              version,
              model: undefined,
              transition,
            });
          }),
        );
        await store.updateReview(id, { checkpoints: after });
        return { decision, before: review.checkpoints, after };
      },
    );
    const review = await this.requireReview(id);
    await this.record(actor, 'review.decision', review, {
      decision: outcome.decision.decision,
      comment: outcome.decision.comment,
    });
    await this.recordEvaluations(review, outcome.before, outcome.after);
    if (request.decision === 'reject') {
      await this.options.notifier.toOwners(
        review,
        `Rejected: ${review.entityRef} to ${review.targetStage}`,
        `${actor} rejected the review: ${request.comment}`,
      );
      return this.toApi(await this.writeBack(id, false));
    }
    return this.toApi(await this.transitionIfPassed(id));
  }

  async waive(
    id: string,
    request: WaiverRequest,
    credentials: UserCredentials,
  ): Promise<Review> {
    const actor = credentials.principal.userEntityRef;
    if (!request.reason.trim()) {
      throw new InputError('reason must not be empty');
    }
    const current = await this.requireReview(id);
    await this.authorize(
      mlopsGovernanceWaivePermission,
      current.entityRef,
      credentials,
    );
    const transition = this.transitionOfReview(current);
    const definition = transition.checkpoints.find(
      c => c.id === request.checkpointId,
    );
    if (!definition) {
      throw new InputError(
        `checkpointId '${request.checkpointId}' is not a checkpoint of review ${id}`,
      );
    }
    if (definition.type === APPROVAL_CHECKPOINT_TYPE) {
      // Waiving a sign-off would let one person bypass every approver.
      throw new ConflictError(
        `Separation of duties (approval-not-waivable): checkpoint '${definition.id}' collects approvals and cannot be waived`,
      );
    }
    const before = await this.options.store.withLockedReview(
      id,
      async (store, review) => {
        if (review.state !== 'open') {
          throw new ConflictError(`Review ${id} is ${review.state}`);
        }
        await store.upsertWaiver(id, definition.id, {
          by: actor,
          reason: request.reason,
        });
        const waived = review.checkpoints.map(result =>
          result.id === definition.id
            ? {
                ...result,
                state: 'waived' as const,
                waiver: {
                  by: actor,
                  reason: request.reason,
                  at: new Date().toISOString(),
                },
              }
            : result,
        );
        await store.updateReview(id, { checkpoints: waived });
        return review.checkpoints;
      },
    );
    const review = await this.requireReview(id);
    await this.record(actor, 'review.waiver', review, {
      checkpointId: definition.id,
      reason: request.reason,
      stateBefore: before.find(c => c.id === definition.id)?.state ?? null,
    });
    return this.toApi(await this.transitionIfPassed(id));
  }

  /** Retries a failed write-back (approved-not-synced, or rejected). */
  async retryWriteBack(
    id: string,
    credentials: UserCredentials,
  ): Promise<Review> {
    const review = await this.requireReview(id);
    await this.authorize(
      mlopsReviewApprovePermission,
      review.entityRef,
      credentials,
    );
    if (review.state !== 'approved-not-synced' && review.state !== 'rejected') {
      throw new ConflictError(
        `Review ${id} is ${review.state}: there is nothing to write back`,
      );
    }
    if (review.writeBack?.state === 'succeeded') {
      throw new ConflictError(`Review ${id} was already written back`);
    }
    return this.toApi(await this.writeBack(id, review.state !== 'rejected'));
  }

  /**
   * Re-evaluates the automatic checkpoints of open reviews whose version
   * entity changed since their last evaluation (or of one entity's reviews).
   */
  async reevaluateOpenReviews(entityRef?: string): Promise<number> {
    const reviews = await this.options.store.listReviews({
      states: ['open'],
      ...(entityRef && { entityRefs: [entityRef] }),
    });
    let changed = 0;
    for (const review of reviews) {
      const version = await this.options.catalog.getEntity(review.entityRef);
      if (!version || version.metadata.etag === review.entityEtag) {
        continue;
      }
      const model = await this.options.catalog.getEntity(review.modelRef);
      const transition = this.transitionOfReview(review);
      const waivers = await this.options.store.listWaivers(review.id);
      const fresh = await this.evaluate(
        review,
        transition,
        version,
        model,
        waivers,
      );
      const applied = await this.options.store.withLockedReview(
        review.id,
        async (store, locked) => {
          if (locked.state !== 'open') {
            return undefined;
          }
          // Decisions taken meanwhile count: approval results from the lock.
          const merged = fresh.map((result, index) =>
            transition.checkpoints[index]?.type === APPROVAL_CHECKPOINT_TYPE
              ? locked.checkpoints[index] ?? result
              : result,
          );
          await store.updateReview(review.id, {
            checkpoints: merged,
            entityEtag: version.metadata.etag ?? '',
          });
          return { before: locked.checkpoints, after: merged };
        },
      );
      if (applied) {
        changed += 1;
        await this.recordEvaluations(review, applied.before, applied.after);
        await this.transitionIfPassed(review.id);
      }
    }
    return changed;
  }

  /**
   * A model package's approval or stage changed in SageMaker: unless this
   * plugin wrote that state, someone changed it outside the portal.
   */
  async handleModelPackageChanged(
    event: ModelPackageChangedEvent,
  ): Promise<void> {
    // Ours when it is the state this plugin wrote last: a state written
    // once and changed since by someone else is not.
    const [latest] = await this.options.store.listRegistryWrites(event.arn);
    const ours =
      latest !== undefined &&
      latest.approvalStatus === event.after.approvalStatus &&
      lower(latest.stage ?? '') === lower(event.after.stage ?? '') &&
      (event.after.stageStatus === undefined ||
        lower(latest.stageStatus ?? '') === lower(event.after.stageStatus));
    if (!ours) {
      const details: JsonObject = {
        providerId: event.providerId,
        observedAt: event.observedAt,
        before: event.before as JsonObject,
        after: event.after as JsonObject,
      };
      await this.options.audit.append({
        actor: SERVICE_ACTOR,
        action: 'registry.out-of-band-change',
        targetRef: event.entityRef,
        targetArn: event.arn,
        details,
      });
      const auditorEvent = await this.options.auditor.createEvent({
        eventId: 'registry-out-of-band-change',
        severityLevel: 'high',
        meta: { entityRef: event.entityRef, arn: event.arn, ...details },
      });
      await auditorEvent.success();
      const describe = (s: ModelPackageChangedEvent['before']) =>
        `${s.approvalStatus}${s.stage ? `, stage ${s.stage}` : ''}${
          s.stageStatus ? ` (${s.stageStatus})` : ''
        }`;
      await this.options.notifier.outOfBandChange(
        event.entityRef,
        `${event.arn} changed from ${describe(event.before)} to ${describe(
          event.after,
        )} without a review.`,
      );
    }
    await this.reevaluateOpenReviews(event.entityRef);
  }

  private async transitionIfPassed(id: string): Promise<StoredReview> {
    const claimed = await this.options.store.withLockedReview(
      id,
      async (store, review) => {
        const passed =
          review.state === 'open' &&
          review.checkpoints.length ===
            this.transitionOfReview(review).checkpoints.length &&
          review.checkpoints.every(
            c => c.state === 'passed' || c.state === 'waived',
          );
        if (!passed) {
          return false;
        }
        return store.updateReview(
          id,
          {
            state: 'approved-not-synced',
            writeBack: { state: 'pending', attempts: 0 },
          },
          ['open'],
        );
      },
    );
    if (!claimed) {
      return this.requireReview(id);
    }
    return this.writeBack(id, true);
  }

  /**
   * Writes the outcome to SageMaker, once per claim: the caller that moved
   * the review to its pending write-back, or a retry that finds it failed.
   */
  private async writeBack(
    id: string,
    approved: boolean,
  ): Promise<StoredReview> {
    const attempt = await this.options.store.withLockedReview(
      id,
      async (store, review) => {
        const wb = review.writeBack;
        const stale =
          wb?.state === 'pending' &&
          wb.at !== undefined &&
          Date.now() - Date.parse(wb.at) > STALE_WRITE_BACK_MS;
        const mine =
          (wb?.state === 'pending' && wb.at === undefined) ||
          wb?.state === 'failed' ||
          stale;
        if (!mine) {
          if (wb?.state === 'pending') {
            throw new ConflictError(
              `The write-back of review ${id} is under way`,
            );
          }
          return undefined;
        }
        const next: WriteBackState = {
          state: 'pending',
          attempts: (wb?.attempts ?? 0) + 1,
          at: new Date().toISOString(),
        };
        await store.updateReview(id, { writeBack: next });
        return { review, attempts: next.attempts };
      },
    );
    if (!attempt) {
      return this.requireReview(id);
    }
    const { review, attempts } = attempt;
    const transition = this.transitionOfReview(review);
    const written: JsonObject = {};
    try {
      const version = await this.requireEntity(review.entityRef);
      const update = this.updateFor(review, transition, approved);
      await this.options.registry.updateModelPackage(version, update);
      await this.options.store.recordRegistryWrite({
        arn: modelPackageArnOf(version),
        reviewId: review.id,
        approvalStatus: update.approvalStatus ?? 'Approved',
        stage: update.lifeCycle?.Stage ?? (version.spec?.stage as string),
        stageStatus: update.lifeCycle?.StageStatus,
      });
      written.modelPackage = this.describeUpdate(
        modelPackageArnOf(version),
        update,
      );
      if (approved && review.replacesRef) {
        written.demoted = await this.demote(review, transition);
      }
    } catch (error) {
      const message = (error as Error).message ?? String(error);
      await this.options.store.updateReview(id, {
        writeBack: {
          state: 'failed',
          attempts,
          lastError: message,
          at: new Date().toISOString(),
          ...(Object.keys(written).length > 0 && { written }),
        },
      });
      const failed = await this.requireReview(id);
      await this.record(SERVICE_ACTOR, 'writeback.failed', failed, {
        attempts,
        error: message,
      });
      await this.options.notifier.toOwners(
        failed,
        `Write-back failed: ${failed.entityRef} to ${failed.targetStage}`,
        `SageMaker was not updated (${message}). The review stays ${failed.state} until the write-back is retried.`,
        'high',
      );
      return failed;
    }
    const at = new Date().toISOString();
    await this.options.store.updateReview(id, {
      writeBack: { state: 'succeeded', attempts, at, written },
      ...(approved && { state: 'completed' as const, completedAt: at }),
    });
    const done = await this.requireReview(id);
    await this.record(SERVICE_ACTOR, 'writeback.succeeded', done, {
      attempts,
      written,
    });
    if (approved) {
      await this.record(SERVICE_ACTOR, 'transition.completed', done, {
        kind: done.kind,
        targetStage: done.targetStage,
        approvers: this.approversOf(done),
        waived: done.checkpoints
          .filter(c => c.state === 'waived')
          .map(c => c.id),
      });
      await this.options.notifier.toOwners(
        done,
        `Promoted: ${done.entityRef} to ${done.targetStage}`,
        `Review ${done.id} completed and SageMaker was updated.`,
      );
    }
    return done;
  }

  private async demote(
    review: StoredReview,
    transition: GovernanceTransition,
  ): Promise<JsonObject> {
    const replaced = await this.requireEntity(review.replacesRef!);
    const update: ModelPackageUpdate = {
      lifeCycle: {
        Stage: transition.demoteTo,
        StageStatus: 'Approved',
        StageDescription: `Replaced in ${transition.stageName} by ${review.entityRef} (review ${review.id})`,
      },
      clientToken: clientTokenFor(review.id, 'demote'),
    };
    await this.options.registry.updateModelPackage(replaced, update);
    const arn = modelPackageArnOf(replaced);
    await this.options.store.recordRegistryWrite({
      arn,
      reviewId: review.id,
      approvalStatus: String(replaced.spec?.approvalStatus ?? 'Approved'),
      stage: transition.demoteTo,
      stageStatus: 'Approved',
    });
    await this.options.audit.append({
      actor: SERVICE_ACTOR,
      action: 'transition.demoted',
      targetRef: review.replacesRef!,
      targetArn: arn,
      details: {
        reviewId: review.id,
        replacedBy: review.entityRef,
        from: transition.stageName,
        to: transition.demoteTo,
      },
    });
    return this.describeUpdate(arn, update);
  }

  private updateFor(
    review: StoredReview,
    transition: GovernanceTransition,
    approved: boolean,
  ): ModelPackageUpdate {
    const approvers = this.approversOf(review);
    if (!approved) {
      const rejecter = review.decisions.find(d => d.decision === 'reject');
      return {
        approvalStatus: 'Rejected',
        approvalDescription: `Rejected in ML Foundation review ${
          review.id
        } by ${rejecter?.actor ?? 'unknown'}`.slice(0, 1024),
        clientToken: clientTokenFor(review.id, 'reject'),
      };
    }
    const by =
      approvers.length > 0 ? approvers.join(', ') : 'policy checks only';
    return {
      approvalStatus: 'Approved',
      approvalDescription:
        `Approved in ML Foundation review ${review.id} (${review.kind} to ${transition.stageName}, policy ${review.policy}) by ${by}; requested by ${review.requestedBy}`.slice(
          0,
          1024,
        ),
      lifeCycle: {
        Stage: transition.stageName,
        StageStatus: 'Approved',
        StageDescription: `Review ${review.id}`,
      },
      clientToken: clientTokenFor(review.id, 'approve'),
    };
  }

  private describeUpdate(arn: string, update: ModelPackageUpdate): JsonObject {
    return {
      ModelPackageArn: arn,
      ...(update.approvalStatus && {
        ModelApprovalStatus: update.approvalStatus,
      }),
      ...(update.approvalDescription && {
        ApprovalDescription: update.approvalDescription,
      }),
      ...(update.lifeCycle && { ModelLifeCycle: update.lifeCycle }),
      ClientToken: update.clientToken,
    };
  }

  private approversOf(review: Review): string[] {
    return [
      ...new Set(
        review.checkpoints.flatMap(c =>
          Array.isArray(c.evidence.approvedBy)
            ? (c.evidence.approvedBy as string[])
            : [],
        ),
      ),
    ];
  }

  private async evaluate(
    review: Review,
    transition: GovernanceTransition,
    version: Entity,
    model: Entity | undefined,
    waivers: Map<string, { by: string; reason: string; at: string }>,
  ): Promise<CheckpointResult[]> {
    let modelPackage: Promise<JsonObject | undefined> | undefined;
    const getModelPackage = () => {
      modelPackage ??= this.options.registry.describeModelPackage(version);
      return modelPackage;
    };
    // Checkpoints of one policy read the same reports (bias and SHAP are
    // often one analysis.json): each object once per evaluation.
    const s3Texts = new Map<string, Promise<string>>();
    const readS3Text = (uri: string) => {
      let text = s3Texts.get(uri);
      if (!text) {
        text = this.options.registry.readS3Text(version, uri);
        s3Texts.set(uri, text);
      }
      return text;
    };
    return Promise.all(
      transition.checkpoints.map(async definition => {
        const result = await this.evaluateOne(definition, {
          review,
          version,
          model,
          transition,
          getModelPackage,
          readS3Text,
        });
        const waiver = waivers.get(definition.id);
        return waiver
          ? { ...result, state: 'waived' as const, waiver }
          : result;
      }),
    );
  }

  private async evaluateOne(
    definition: GovernanceTransition['checkpoints'][number],
    context: {
      review: Review;
      version: Entity;
      model: Entity | undefined;
      transition: GovernanceTransition;
      getModelPackage?: () => Promise<JsonObject | undefined>;
      readS3Text?: (uri: string) => Promise<string>;
    },
  ): Promise<CheckpointResult> {
    const { review, version, model, transition } = context;
    const type = this.options.checkpointTypes.get(definition.type)!;
    const evaluatedAt = new Date().toISOString();
    try {
      const result = await type.evaluate({
        definition,
        version,
        model,
        targetStage: review.targetStage,
        requestedBy: review.requestedBy,
        decisions: review.decisions,
        getEntity: ref => this.options.catalog.getEntity(ref),
        getVersionInTargetStage: () =>
          this.options.catalog.versionInStage(
            review.modelRef,
            transition.stageName,
            review.entityRef,
          ),
        isGroupMember: (user, group) =>
          this.options.catalog.isGroupMember(user, group),
        getModelPackage:
          context.getModelPackage ??
          (() => this.options.registry.describeModelPackage(version)),
        readS3Text:
          context.readS3Text ??
          (uri => this.options.registry.readS3Text(version, uri)),
      });
      return {
        id: definition.id,
        type: definition.type,
        ...result,
        evaluatedAt,
      };
    } catch (error) {
      // Fails closed: a checkpoint that cannot be evaluated does not pass.
      return {
        id: definition.id,
        type: definition.type,
        state: 'failed',
        message: `Could not evaluate: ${(error as Error).message}`,
        evidence: {},
        evaluatedAt,
      };
    }
  }

  private async recordEvaluations(
    review: Review,
    before: CheckpointResult[],
    after: CheckpointResult[],
  ): Promise<void> {
    for (const result of after) {
      const previous = before.find(b => b.id === result.id);
      if (
        previous &&
        previous.state === result.state &&
        previous.message === result.message
      ) {
        continue;
      }
      await this.options.audit.append({
        actor: SERVICE_ACTOR,
        action: 'checkpoint.evaluated',
        targetRef: review.entityRef,
        details: {
          reviewId: review.id,
          checkpointId: result.id,
          type: result.type,
          state: result.state,
          message: result.message,
          evidence: result.evidence,
        },
      });
    }
  }

  /** Appends to the audit trail and tells the platform auditor. */
  private async record(
    actor: string,
    action: NewAuditEvent['action'],
    review: StoredReview,
    details: JsonObject,
  ): Promise<void> {
    await this.options.audit.append({
      actor,
      action,
      targetRef: review.entityRef,
      ...(review.arn && { targetArn: review.arn }),
      details: { reviewId: review.id, state: review.state, ...details },
    });
    const event = await this.options.auditor.createEvent({
      eventId: `governance-${action.replace(/[^a-z0-9]+/g, '-')}`,
      severityLevel: 'medium',
      meta: { actor, reviewId: review.id, entityRef: review.entityRef },
    });
    await event.success();
  }

  private pendingApprovalGroups(
    transition: GovernanceTransition,
    checkpoints: CheckpointResult[],
  ): string[] {
    return [
      ...new Set(
        transition.checkpoints.flatMap((definition, index) =>
          definition.type === APPROVAL_CHECKPOINT_TYPE &&
          checkpoints[index]?.state === 'pending'
            ? approvalSettings(definition).groups
            : [],
        ),
      ),
    ];
  }

  private async mayApprove(
    user: string,
    review: StoredReview,
  ): Promise<boolean> {
    const version = await this.options.catalog.getEntity(review.entityRef);
    if (!version || isCreator(user, version.spec?.createdBy as string)) {
      return false;
    }
    const groups = this.pendingApprovalGroups(
      this.transitionOfReview(review),
      review.checkpoints,
    );
    for (const group of groups) {
      if (await this.options.catalog.isGroupMember(user, group)) {
        return true;
      }
    }
    return false;
  }

  private policyFor(
    modelRef: string,
    model: Entity | undefined,
  ): GovernancePolicy {
    const { config } = this.options;
    const name =
      config.modelPolicies[modelRef] ??
      model?.metadata.annotations?.[ML_ANNOTATION_GOVERNANCE_POLICY] ??
      config.defaultPolicy;
    const policy = config.policies[name];
    if (!policy) {
      throw new InputError(
        `No governance policy '${name}' for ${modelRef}: configure mlops.governance.policies.${name}`,
      );
    }
    return policy;
  }

  private transitionOf(
    policy: GovernancePolicy,
    kind: Review['kind'],
    stage: string,
  ): GovernanceTransition {
    const transitions =
      kind === 'rollback' ? policy.rollbacks : policy.transitions;
    const transition = transitions[stage];
    if (!transition) {
      throw new InputError(
        `targetStage '${stage}' has no ${kind} in policy '${
          policy.name
        }'; known: ${Object.keys(transitions).join(', ') || 'none'}`,
      );
    }
    return transition;
  }

  private transitionOfReview(review: Review): GovernanceTransition {
    const policy = this.options.config.policies[review.policy];
    if (!policy) {
      throw new ConflictError(
        `Review ${review.id} follows policy '${review.policy}', which is no longer configured`,
      );
    }
    return this.transitionOf(policy, review.kind, review.targetStage);
  }

  private async authorize(
    permission: ResourcePermission<'catalog-entity'>,
    resourceRef: string,
    credentials: UserCredentials,
  ): Promise<void> {
    const [decision] = await this.options.permissions.authorize(
      [{ permission, resourceRef }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `${credentials.principal.userEntityRef} lacks ${permission.name} on ${resourceRef}`,
      );
    }
  }

  private async requireEntity(ref: string): Promise<Entity> {
    const entity = await this.options.catalog.getEntity(ref);
    if (!entity) {
      throw new NotFoundError(`No entity ${ref} in the catalog`);
    }
    return entity;
  }

  private async requireReview(id: string): Promise<StoredReview> {
    const review = await this.options.store.getReview(id);
    if (!review) {
      throw new NotFoundError(`No review with id ${id}`);
    }
    return review;
  }

  private toApi = (review: StoredReview): Review => {
    const { arn: _arn, entityEtag: _etag, ...rest } = review;
    return rest;
  };
}
