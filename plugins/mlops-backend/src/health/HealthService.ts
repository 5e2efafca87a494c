import type {
  BackstageCredentials,
  BackstageUserPrincipal,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  parseEntityRef,
  stringifyEntityRef,
  type Entity,
} from '@backstage/catalog-model';
import { InputError, NotAllowedError } from '@backstage/errors';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  ML_ANNOTATION_RETRAINING_PIPELINE,
  mlopsRetrainPermission,
  type AttentionItem,
  type AuditEvent,
  type DeploymentHealthReport,
  type EffectivePolicy,
  type EvaluationTrend,
  type ModelMetric,
  type NewAuditEvent,
  type RetrainingRun,
  type RetrainRequest,
  type VersionReports,
} from '@ml-foundation/plugin-mlops-common';
import pLimit from 'p-limit';
import { createHash } from 'node:crypto';
import { deriveDeploymentState } from './deriveDeploymentState';
import type { HealthStore } from './HealthStore';
import type { HealthAws } from './SagemakerHealthAws';
import {
  readVersionReports,
  type BiasBound,
  type VersionReportSources,
} from './readVersionReports';
import { requireCatalogEntity } from '../service/requireCatalogEntity';

/** Catalog reads of health; without credentials, with the plugin's own. */
export interface HealthCatalog {
  getEntity(
    ref: string,
    credentials?: BackstageCredentials,
  ): Promise<Entity | undefined>;
  listEntities(
    filter: Record<string, string>,
    credentials?: BackstageCredentials,
  ): Promise<Entity[]>;
}

/** What the health service is built from. */
export interface HealthServiceOptions {
  store: HealthStore;
  catalog: HealthCatalog;
  aws: HealthAws;
  modelPackages: VersionReportSources['describeModelPackage'];
  /** The governance policy of a Model; undefined when none applies. */
  policyOf(modelRef: string): Promise<EffectivePolicy | undefined>;
  permissions: PermissionsService;
  audit: { append(event: NewAuditEvent): Promise<AuditEvent> };
  notifications?: NotificationService;
  logger: LoggerService;
  /** Deployments checked at once. */
  concurrency?: number;
  now?: () => Date;
}

const SERVICE_ACTOR = 'service:mlops';

const ATTENTION_KINDS = {
  failing: 'failing-deployment',
  drifting: 'drifting-deployment',
  unknown: 'unknown-health',
} as const;

function entityPage(ref: string): string {
  const { kind, namespace, name } = parseEntityRef(ref);
  return `/catalog/${namespace}/${kind.toLocaleLowerCase('en-US')}/${name}`;
}

/**
 * Model health: computes each ModelDeployment's state from Model Monitor,
 * reads ModelVersions' Clarify reports, serves a model's evaluation trend,
 * and starts and follows retraining pipelines.
 */
export class HealthService {
  constructor(private readonly options: HealthServiceOptions) {}

  private now(): string {
    return (this.options.now?.() ?? new Date()).toISOString();
  }

  /**
   * Checks every ModelDeployment of the catalog. One deployment's failure
   * gives it the state `unknown` with the reason; the others are still checked.
   */
  async checkAll(): Promise<{ checked: number }> {
    const deployments = await this.options.catalog.listEntities({
      kind: 'ModelDeployment',
    });
    const limit = pLimit(this.options.concurrency ?? 4);
    await Promise.all(
      deployments.map(d => limit(() => this.checkDeployment(d))),
    );
    return { checked: deployments.length };
  }

  async checkDeployment(deployment: Entity): Promise<void> {
    const entityRef = stringifyEntityRef(deployment);
    let health;
    try {
      const executions = await this.options.aws.latestExecutions(deployment);
      health = {
        entityRef,
        checkedAt: this.now(),
        executions,
        ...deriveDeploymentState(
          deployment.spec?.status as string | undefined,
          executions,
        ),
      };
    } catch (error) {
      health = {
        entityRef,
        checkedAt: this.now(),
        executions: [],
        state: 'unknown' as const,
        reason: `Could not read the monitoring of ${entityRef}: ${
          (error as Error).message
        }`,
      };
    }
    const previous = await this.options.store.recordCheck(health);
    if (
      previous !== health.state &&
      (health.state === 'drifting' || health.state === 'failing')
    ) {
      await this.announceChange(
        deployment,
        previous,
        health.state,
        health.reason,
      );
    }
  }

  private async announceChange(
    deployment: Entity,
    previous: string | undefined,
    state: string,
    reason: string | undefined,
  ): Promise<void> {
    const entityRef = stringifyEntityRef(deployment);
    const model = await this.modelOfDeployment(deployment);
    const modelRef = model ? stringifyEntityRef(model) : undefined;
    const pipeline =
      model?.metadata.annotations?.[ML_ANNOTATION_RETRAINING_PIPELINE];
    await this.options.audit.append({
      actor: SERVICE_ACTOR,
      action: 'health.changed',
      targetRef: entityRef,
      ...(modelRef ? { modelRef } : {}),
      details: {
        from: previous ?? null,
        to: state,
        reason: reason ?? null,
        retrainingPipeline: pipeline ?? null,
      },
    });
    if (!this.options.notifications) {
      return;
    }
    try {
      await this.options.notifications.send({
        recipients: {
          type: 'entity',
          entityRef: modelRef ? [entityRef, modelRef] : entityRef,
        },
        payload: {
          title: `${
            deployment.metadata.title ?? deployment.metadata.name
          } is ${state}`,
          description: `${reason ?? ''}${
            pipeline
              ? ` Retrain ${modelRef} with pipeline ${pipeline} from its page.`
              : ''
          }`.trim(),
          link: entityPage(entityRef),
          severity: state === 'failing' ? 'high' : 'normal',
          topic: 'mlops-health',
          scope: `mlops-health:${entityRef}`,
        },
      });
    } catch (error) {
      this.options.logger.warn(
        `Could not notify the owners of ${entityRef}: ${error}`,
      );
    }
  }

  /** The Model of the first variant's ModelVersion. */
  private async modelOfDeployment(
    deployment: Entity,
  ): Promise<Entity | undefined> {
    const variants =
      (deployment.spec?.variants as Array<{ modelVersion?: string }>) ?? [];
    const versionRef = variants.find(v => v.modelVersion)?.modelVersion;
    if (!versionRef) {
      return undefined;
    }
    const version = await this.options.catalog.getEntity(versionRef);
    const modelRef = version?.spec?.model;
    return typeof modelRef === 'string'
      ? this.options.catalog.getEntity(modelRef)
      : undefined;
  }

  private require(
    ref: string,
    kinds: string[],
    credentials: BackstageCredentials,
  ): Promise<Entity> {
    return requireCatalogEntity(ref, kinds, normalized =>
      this.options.catalog.getEntity(normalized, credentials),
    );
  }

  /** A deployment's health and history; `unknown` until first checked. */
  async getDeploymentHealth(
    ref: string,
    credentials: BackstageCredentials,
  ): Promise<DeploymentHealthReport> {
    const deployment = await this.require(
      ref,
      ['ModelDeployment'],
      credentials,
    );
    const entityRef = stringifyEntityRef(deployment);
    const [stored, history, model] = await Promise.all([
      this.options.store.getDeployment(entityRef),
      this.options.store.history(entityRef),
      this.modelOfDeployment(deployment),
    ]);
    const pipeline =
      model?.metadata.annotations?.[ML_ANNOTATION_RETRAINING_PIPELINE];
    const { stateSince: _, ...health } = stored ?? {
      entityRef,
      state: 'unknown' as const,
      reason: 'Not checked yet',
      checkedAt: this.now(),
      executions: [],
      stateSince: '',
    };
    return {
      ...health,
      ...(model ? { modelRef: stringifyEntityRef(model) } : {}),
      ...(pipeline ? { retrainingPipeline: pipeline } : {}),
      history,
    };
  }

  /** The health of every deployment serving a version of the Model. */
  async getModelHealth(
    modelRef: string,
    credentials: BackstageCredentials,
  ): Promise<DeploymentHealthReport[]> {
    const model = await this.require(modelRef, ['Model'], credentials);
    const ref = stringifyEntityRef(model);
    const versions = new Set(
      (
        await this.options.catalog.listEntities(
          { kind: 'ModelVersion', 'spec.model': ref },
          credentials,
        )
      ).map(v => stringifyEntityRef(v)),
    );
    const deployments = (
      await this.options.catalog.listEntities(
        { kind: 'ModelDeployment' },
        credentials,
      )
    ).filter(d =>
      ((d.spec?.variants as Array<{ modelVersion?: string }>) ?? []).some(
        v => v.modelVersion && versions.has(v.modelVersion),
      ),
    );
    return Promise.all(
      deployments.map(d =>
        this.getDeploymentHealth(stringifyEntityRef(d), credentials),
      ),
    );
  }

  /** Bias bounds of the policy's `bias-threshold` checkpoints. */
  private async biasBounds(modelRef: string): Promise<BiasBound[]> {
    const policy = await this.options.policyOf(modelRef);
    return checkpointsOf(policy, 'bias-threshold').map(c => ({
      metric: String(c.metric),
      ...(typeof c.facet === 'string' ? { facet: c.facet } : {}),
      ...(typeof c.min === 'number' ? { min: c.min } : {}),
      ...(typeof c.max === 'number' ? { max: c.max } : {}),
    }));
  }

  async getVersionReports(
    ref: string,
    credentials: BackstageCredentials,
  ): Promise<VersionReports> {
    const version = await this.require(ref, ['ModelVersion'], credentials);
    const bounds = await this.biasBounds(String(version.spec?.model));
    return readVersionReports(
      version,
      {
        describeModelPackage: this.options.modelPackages,
        readText: (entity, uri) => this.options.aws.readText(entity, uri),
      },
      bounds,
    );
  }

  /** Metrics of every version of a Model, oldest first, with thresholds. */
  async getEvaluationTrend(
    modelRef: string,
    credentials: BackstageCredentials,
  ): Promise<EvaluationTrend> {
    const model = await this.require(modelRef, ['Model'], credentials);
    const ref = stringifyEntityRef(model);
    const [versions, policy] = await Promise.all([
      this.options.catalog.listEntities(
        { kind: 'ModelVersion', 'spec.model': ref },
        credentials,
      ),
      this.options.policyOf(ref),
    ]);
    const thresholds = new Map<string, { min?: number; max?: number }>();
    for (const c of checkpointsOf(policy, 'metric-threshold')) {
      thresholds.set(String(c.metric), {
        ...(typeof c.min === 'number' ? { min: c.min } : {}),
        ...(typeof c.max === 'number' ? { max: c.max } : {}),
      });
    }
    return {
      modelRef: ref,
      points: versions
        .map(v => ({
          versionRef: stringifyEntityRef(v),
          version: Number(v.spec?.version),
          ...(typeof v.spec?.createdAt === 'string'
            ? { createdAt: v.spec.createdAt }
            : {}),
          metrics: Object.fromEntries(
            ((v.spec?.metrics as ModelMetric[] | undefined) ?? []).map(m => [
              m.split ? `${m.split}:${m.name}` : m.name,
              m.value,
            ]),
          ),
        }))
        .sort((a, b) => a.version - b.version),
      thresholds: [...thresholds].map(([metric, bounds]) => ({
        metric,
        ...bounds,
      })),
    };
  }

  /**
   * Starts the Model's retraining pipeline for a user with `mlops.retrain`
   * on it, from the Model or one of its deployments, and records who and why.
   */
  async retrain(
    request: RetrainRequest,
    credentials: BackstageCredentials<BackstageUserPrincipal>,
  ): Promise<RetrainingRun> {
    const reason = request.reason.trim();
    if (!reason) {
      throw new InputError('A reason is required to retrain');
    }
    const entity = await this.require(
      request.entityRef,
      ['Model', 'ModelDeployment'],
      credentials,
    );
    const model =
      entity.kind === 'Model' ? entity : await this.modelOfDeployment(entity);
    if (!model) {
      throw new InputError(
        `${stringifyEntityRef(
          entity,
        )} serves no ModelVersion of a Model in the catalog`,
      );
    }
    const modelRef = stringifyEntityRef(model);
    const [decision] = await this.options.permissions.authorize(
      [{ permission: mlopsRetrainPermission, resourceRef: modelRef }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `${credentials.principal.userEntityRef} lacks ${mlopsRetrainPermission.name} on ${modelRef}`,
      );
    }
    const pipeline =
      model.metadata.annotations?.[ML_ANNOTATION_RETRAINING_PIPELINE];
    if (!pipeline) {
      throw new InputError(
        `${modelRef} names no retraining pipeline (annotation ${ML_ANNOTATION_RETRAINING_PIPELINE})`,
      );
    }
    const startedBy = credentials.principal.userEntityRef;
    const startedAt = this.now();
    // The same request retried (a double click) starts one execution.
    const clientToken = createHash('sha256')
      .update(`${modelRef}\n${startedBy}\n${reason}\n${startedAt.slice(0, 16)}`)
      .digest('hex')
      .slice(0, 64);
    const executionArn = await this.options.aws.startPipeline(
      model,
      pipeline,
      `Retraining requested by ${startedBy}: ${reason}`,
      clientToken,
    );
    const deploymentRef =
      entity.kind === 'ModelDeployment'
        ? stringifyEntityRef(entity)
        : undefined;
    const run = await this.options.store.insertRun({
      modelRef,
      ...(deploymentRef ? { deploymentRef } : {}),
      pipeline,
      executionArn,
      status: 'Executing',
      startedBy,
      reason,
      startedAt,
    });
    await this.options.audit.append({
      actor: startedBy,
      action: 'retraining.started',
      targetRef: deploymentRef ?? modelRef,
      targetArn: executionArn,
      modelRef,
      details: { pipeline, reason, runId: run.id },
    });
    return run;
  }

  async listRuns(
    modelRef: string,
    credentials: BackstageCredentials,
  ): Promise<RetrainingRun[]> {
    const model = await this.require(modelRef, ['Model'], credentials);
    return this.options.store.listRuns(stringifyEntityRef(model));
  }

  /** Describes the unfinished retraining runs and records their status. */
  async followRuns(): Promise<void> {
    const runs = await this.options.store.listUnfinishedRuns();
    for (const run of runs) {
      try {
        const model = await this.options.catalog.getEntity(run.modelRef);
        if (!model) {
          continue;
        }
        const { status, failureReason } =
          await this.options.aws.describePipelineExecution(
            model,
            run.executionArn,
          );
        if (status !== run.status) {
          await this.options.store.updateRunStatus(
            run.id,
            status,
            failureReason,
          );
        }
      } catch (error) {
        this.options.logger.warn(
          `Could not describe pipeline execution ${run.executionArn}: ${error}`,
        );
      }
    }
  }

  /** Deployments that are not healthy, worst first. */
  async needsAttention(): Promise<AttentionItem[]> {
    const rank = { failing: 0, drifting: 1, unknown: 2 } as const;
    const unhealthy = await this.options.store.listDeployments({
      states: ['failing', 'drifting', 'unknown'],
    });
    return unhealthy
      .map(h => ({
        entityRef: h.entityRef,
        kind: ATTENTION_KINDS[h.state as keyof typeof ATTENTION_KINDS],
        message: h.reason ?? h.state,
        since: h.stateSince,
        rank: rank[h.state as keyof typeof rank],
      }))
      .sort((a, b) => a.rank - b.rank || a.since.localeCompare(b.since))
      .map(({ rank: _, ...item }) => item);
  }
}

function checkpointsOf(
  policy: EffectivePolicy | undefined,
  type: string,
): Array<Record<string, unknown>> {
  if (!policy) {
    return [];
  }
  return [
    ...Object.values(policy.transitions),
    ...Object.values(policy.rollbacks ?? {}),
  ].flatMap(t => t.checkpoints.filter(c => c.type === type));
}
