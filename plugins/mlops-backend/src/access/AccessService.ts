import type {
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
import {
  AccessApprovalStep,
  AccessDecisionRequest,
  AccessRequest,
  AccessRequestQuery,
  CreateAccessRequest,
  ML_ANNOTATION_ACCESS_APPROVERS,
  ML_ANNOTATION_AWS_ARN,
  mlopsAccessApprovePermission,
  mlopsAccessRequestPermission,
  NewAuditEvent,
  AuditEvent,
} from '@ml-foundation/plugin-mlops-common';
import type { MlopsAccessFulfiller } from '@ml-foundation/plugin-mlops-node';
import { randomUUID } from 'node:crypto';
import { SeparationOfDutiesError } from '../governance/service/checkSeparationOfDuties';
import type { AccessConfig } from './readAccessConfig';
import type { AccessNotifier } from './AccessNotifier';
import type {
  AccessStore,
  StoredAccessRequest,
  StoredAccessState,
} from './AccessStore';

/** The acting user, as the router's httpAuth gives it. */
export type UserCredentials = BackstageCredentials<BackstageUserPrincipal>;

/** What the access service reads from the catalog, as the plugin itself. */
export interface AccessCatalog {
  getEntity(entityRef: string): Promise<Entity | undefined>;
  /** @throws when membership cannot be resolved (no approval counts on doubt). */
  isGroupMember(userRef: string, groupRef: string): Promise<boolean>;
}

/** Everything the access service works with. */
export interface AccessServiceOptions {
  config: AccessConfig;
  store: AccessStore;
  catalog: AccessCatalog;
  permissions: PermissionsService;
  audit: { append(event: NewAuditEvent): Promise<AuditEvent> };
  notifier: AccessNotifier;
  fulfiller: MlopsAccessFulfiller;
  logger: LoggerService;
}

const DATA_KINDS = ['dataset', 'featuregroup'];
const DAY_MS = 24 * 60 * 60 * 1000;

/** Expired requests are stored as approved ones past their end. */
function storedStateOf(
  state: AccessRequestQuery['state'],
): StoredAccessState | undefined {
  return state === 'expired' ? 'approved' : state;
}

function normalizeRef(ref: string, defaultKind?: string): string {
  try {
    return stringifyEntityRef(parseEntityRef(ref, { defaultKind }));
  } catch {
    throw new InputError(`Not an entity ref: '${ref}'`);
  }
}

/**
 * Governed access to Datasets and FeatureGroups: a user asks with a purpose
 * and duration; the data's owners (or its approver group) approve, and a
 * privacy group too for PII data, under the separation-of-duties rules of
 * model reviews; the approved request is handed to the fulfiller. Every step
 * is in the audit trail.
 */
export class AccessService {
  constructor(private readonly options: AccessServiceOptions) {}

  async create(
    body: CreateAccessRequest,
    credentials: UserCredentials,
  ): Promise<AccessRequest> {
    const { config, store, audit, notifier } = this.options;
    const entityRef = normalizeRef(body.entityRef);
    const entity = await this.requireData(entityRef);
    await this.authorize(mlopsAccessRequestPermission, entityRef, credentials);
    const purpose = body.purpose?.trim();
    if (!purpose) {
      throw new InputError('purpose must say what the data is for');
    }
    if (
      !Number.isInteger(body.durationDays) ||
      body.durationDays < 1 ||
      body.durationDays > config.maxDurationDays
    ) {
      throw new InputError(
        `durationDays must be a whole number from 1 to ${config.maxDurationDays}`,
      );
    }
    const requester = credentials.principal.userEntityRef;
    const open = await store.list({
      entityRef,
      requestedBy: requester,
      state: 'pending',
    });
    if (open.length > 0) {
      throw new ConflictError(
        `${requester} already has a pending request for ${entityRef} (${open[0].id})`,
      );
    }
    const approvers: Partial<Record<AccessApprovalStep, string[]>> = {
      owner: this.ownerApprovers(entity),
    };
    const requiredSteps: AccessApprovalStep[] = ['owner'];
    if (this.isPii(entity)) {
      if (!config.privacyGroup) {
        // Fail closed: PII data is never granted without a privacy approval.
        throw new ConflictError(
          `${entityRef} is classified PII and no privacy group is configured (mlops.access.privacyGroup)`,
        );
      }
      requiredSteps.push('privacy');
      approvers.privacy = [config.privacyGroup];
    }
    const now = new Date().toISOString();
    const stored: StoredAccessRequest = {
      id: randomUUID(),
      entityRef,
      requestedBy: requester,
      purpose,
      durationDays: body.durationDays,
      state: 'pending',
      requiredSteps,
      approvers,
      decisions: [],
      createdAt: now,
      updatedAt: now,
    };
    await store.create(stored);
    const request = this.view(stored);
    await audit.append({
      actor: requester,
      action: 'access.requested',
      targetRef: entityRef,
      ...this.arnOf(entity),
      details: {
        requestId: stored.id,
        purpose,
        durationDays: body.durationDays,
        requiredSteps,
      },
    });
    await notifier.approvalNeeded(request, approvers.owner ?? []);
    return request;
  }

  async get(id: string): Promise<AccessRequest> {
    return this.view(await this.requireRequest(id));
  }

  async list(
    query: AccessRequestQuery,
    credentials: UserCredentials,
  ): Promise<AccessRequest[]> {
    const actor = credentials.principal.userEntityRef;
    const stored = await this.options.store.list({
      entityRef: query.entityRef ? normalizeRef(query.entityRef) : undefined,
      requestedBy: query.mine ? actor : undefined,
      state: query.awaitingMe ? 'pending' : storedStateOf(query.state),
    });
    let items = stored.map(r => this.view(r));
    if (query.state) {
      items = items.filter(r => r.state === query.state);
    }
    if (query.awaitingMe) {
      const awaiting: AccessRequest[] = [];
      for (const request of items) {
        if (
          (await this.stepFor(actor, request).catch(() => undefined)) !==
          undefined
        ) {
          awaiting.push(request);
        }
      }
      items = awaiting;
    }
    return items;
  }

  async decide(
    id: string,
    body: AccessDecisionRequest,
    credentials: UserCredentials,
  ): Promise<AccessRequest> {
    const { store, audit, notifier } = this.options;
    const request = this.view(await this.requireRequest(id));
    if (request.state !== 'pending') {
      throw new ConflictError(`Access request ${id} is ${request.state}`);
    }
    await this.authorize(
      mlopsAccessApprovePermission,
      request.entityRef,
      credentials,
    );
    const actor = credentials.principal.userEntityRef;
    const step = await this.checkSeparationOfDuties(actor, request);
    const decidedAt = new Date().toISOString();
    const last =
      body.decision === 'approve' &&
      request.pendingSteps.length === 1 &&
      request.pendingSteps[0] === step;
    let next: { state: StoredAccessState; expiresAt?: string } | undefined;
    if (body.decision === 'reject') {
      next = { state: 'rejected' };
    } else if (last) {
      next = {
        state: 'approved',
        expiresAt: new Date(
          Date.parse(decidedAt) + request.durationDays * DAY_MS,
        ).toISOString(),
      };
    }
    await store.decide(
      id,
      {
        actor,
        decision: body.decision,
        step,
        comment: body.comment,
        decidedAt,
      },
      next,
    );
    const entity = await this.options.catalog.getEntity(request.entityRef);
    await audit.append({
      actor,
      action: 'access.decision',
      targetRef: request.entityRef,
      ...(entity ? this.arnOf(entity) : {}),
      details: {
        requestId: id,
        requestedBy: request.requestedBy,
        decision: body.decision,
        step,
        ...(body.comment ? { comment: body.comment } : {}),
        ...(next ? { state: next.state } : {}),
      },
    });
    const decided = await this.get(id);
    if (next?.state === 'rejected') {
      await notifier.toRequester(
        decided,
        `Access rejected: ${decided.entityRef}`,
        `${actor} rejected your request${
          body.comment ? `: ${body.comment}` : '.'
        }`,
      );
    } else if (next?.state === 'approved') {
      return this.fulfil(decided, entity);
    } else {
      await notifier.approvalNeeded(
        decided,
        decided.pendingSteps.flatMap(s => decided.approvers[s] ?? []),
      );
    }
    return decided;
  }

  private async fulfil(
    request: AccessRequest,
    entity: Entity | undefined,
  ): Promise<AccessRequest> {
    const { fulfiller, store, audit, notifier, logger } = this.options;
    let status: 'fulfilled' | 'failed' = 'fulfilled';
    let message: string;
    try {
      if (!entity) {
        throw new NotFoundError(
          `${request.entityRef} is no longer in the catalog`,
        );
      }
      ({ message } = await fulfiller.fulfil(request, entity));
    } catch (error) {
      status = 'failed';
      message = `Access was approved but could not be granted: ${error}`;
      logger.warn(
        `Fulfilment ${fulfiller.id} of access request ${request.id} failed: ${error}`,
      );
    }
    const fulfilment = {
      fulfiller: fulfiller.id,
      status,
      message,
      at: new Date().toISOString(),
    };
    await store.setFulfilment(request.id, fulfilment);
    await audit.append({
      actor: 'service:mlops',
      action:
        status === 'fulfilled'
          ? 'access.fulfilled'
          : 'access.fulfilment-failed',
      targetRef: request.entityRef,
      details: { requestId: request.id, fulfiller: fulfiller.id, message },
    });
    const fulfilled = { ...request, fulfilment };
    await notifier.toRequester(
      fulfilled,
      `Access approved: ${request.entityRef}`,
      `Until ${request.expiresAt}. ${message}`,
    );
    return fulfilled;
  }

  /**
   * The step the actor's approval counts for; the rules of model reviews:
   * the requester never decides, everyone decides once, and a membership
   * that cannot be resolved throws rather than counts.
   */
  private async checkSeparationOfDuties(
    actor: string,
    request: AccessRequest,
  ): Promise<AccessApprovalStep> {
    if (actor === request.requestedBy) {
      throw new SeparationOfDutiesError(
        'requester-cannot-approve',
        `${actor} requested this access and cannot decide on it`,
      );
    }
    if (request.decisions.some(d => d.actor === actor)) {
      throw new SeparationOfDutiesError(
        'approver-counts-once',
        `${actor} already decided on this request`,
      );
    }
    const step = await this.stepFor(actor, request);
    if (!step) {
      const waiting = request.pendingSteps.flatMap(
        s => request.approvers[s] ?? [],
      );
      throw new SeparationOfDutiesError(
        'approver-not-in-group',
        `${actor} is not among the approvers still needed (${waiting.join(
          ', ',
        )})`,
      );
    }
    return step;
  }

  /** The first pending step the actor may approve, if any. */
  private async stepFor(
    actor: string,
    request: AccessRequest,
  ): Promise<AccessApprovalStep | undefined> {
    if (
      actor === request.requestedBy ||
      request.decisions.some(d => d.actor === actor)
    ) {
      return undefined;
    }
    for (const step of request.pendingSteps) {
      for (const ref of request.approvers[step] ?? []) {
        const isUser =
          parseEntityRef(ref).kind.toLocaleLowerCase('en-US') === 'user';
        if (
          isUser
            ? ref === actor
            : await this.options.catalog.isGroupMember(actor, ref)
        ) {
          return step;
        }
      }
    }
    return undefined;
  }

  private view(stored: StoredAccessRequest): AccessRequest {
    const approved = new Set(
      stored.decisions.filter(d => d.decision === 'approve').map(d => d.step),
    );
    const expired =
      stored.state === 'approved' &&
      stored.expiresAt !== undefined &&
      Date.parse(stored.expiresAt) <= Date.now();
    const { updatedAt: _updatedAt, ...rest } = stored;
    return {
      ...rest,
      state: expired ? 'expired' : stored.state,
      pendingSteps:
        stored.state === 'pending'
          ? stored.requiredSteps.filter(s => !approved.has(s))
          : [],
    };
  }

  private ownerApprovers(entity: Entity): string[] {
    const annotated =
      entity.metadata.annotations?.[ML_ANNOTATION_ACCESS_APPROVERS];
    const owner = annotated ?? (entity.spec?.owner as string | undefined);
    if (!owner) {
      throw new ConflictError(
        `${stringifyEntityRef(
          entity,
        )} has no owner nor ${ML_ANNOTATION_ACCESS_APPROVERS} annotation to approve access`,
      );
    }
    return [normalizeRef(owner, 'group')];
  }

  private isPii(entity: Entity): boolean {
    const classification = entity.spec?.classification;
    return (
      typeof classification === 'string' &&
      classification.toLocaleLowerCase('en-US') === 'pii'
    );
  }

  private arnOf(entity: Entity): { targetArn?: string } {
    const arn = entity.metadata.annotations?.[ML_ANNOTATION_AWS_ARN];
    return arn ? { targetArn: arn } : {};
  }

  private async requireData(entityRef: string): Promise<Entity> {
    const entity = await this.options.catalog.getEntity(entityRef);
    if (!entity) {
      throw new NotFoundError(`No entity ${entityRef}`);
    }
    if (!DATA_KINDS.includes(entity.kind.toLocaleLowerCase('en-US'))) {
      throw new InputError(
        `Access is requested for a Dataset or FeatureGroup, not a ${entity.kind}`,
      );
    }
    return entity;
  }

  private async requireRequest(id: string): Promise<StoredAccessRequest> {
    const stored = await this.options.store.get(id);
    if (!stored) {
      throw new NotFoundError(`No access request ${id}`);
    }
    return stored;
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
}
