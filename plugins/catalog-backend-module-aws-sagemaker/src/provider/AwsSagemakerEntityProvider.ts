import type { Entity } from '@backstage/catalog-model';
import { stringifyEntityRef } from '@backstage/catalog-model';
import type { EventsService } from '@backstage/plugin-events-node';
import {
  ML_ANNOTATION_AWS_ARN,
  ML_MODEL_PACKAGE_CHANGED_TOPIC,
  ModelPackageChangedEvent,
  ModelPackageRegistryState,
} from '@ml-foundation/plugin-mlops-common';
import {
  AwsEntityProvider,
  AwsEntityProviderOptions,
  AwsProviderConfig,
  AwsSyncContext,
} from '@ml-foundation/plugin-mlops-node';
import { buildSagemakerEntities } from '../mapping/buildSagemakerEntities';
import { createSagemakerReader } from '../reader/createSagemakerReader';
import type { SagemakerSnapshot } from '../reader/SagemakerSnapshot';

/** What the provider announces about a model package: its entity and registry state. */
type PackageState = { entityRef: string; state: ModelPackageRegistryState };

/** The SageMaker provider's options: the shared ones and the events service. */
export interface AwsSagemakerEntityProviderOptions
  extends AwsEntityProviderOptions<AwsProviderConfig> {
  /** Where changes of model packages are announced; none: not announced. */
  events?: EventsService;
}

/**
 * Brings the ML estate of one AWS account and region from SageMaker into the
 * catalog. Reading is {@link SagemakerReader}'s job, mapping
 * {@link buildSagemakerEntities}'.
 *
 * After a sync reached the catalog, it publishes on
 * `ML_MODEL_PACKAGE_CHANGED_TOPIC` each model package whose approval status,
 * stage or stage status differs from the previous applied sync, so that
 * governance follows changes made in SageMaker.
 */
export class AwsSagemakerEntityProvider extends AwsEntityProvider {
  /** The registry state of the packages of the latest read, by ARN. */
  private readState = new Map<string, PackageState>();

  constructor(
    private readonly sagemakerOptions: AwsSagemakerEntityProviderOptions,
  ) {
    super('aws-sagemaker', sagemakerOptions);
  }

  protected async read(context: AwsSyncContext): Promise<Entity[]> {
    const { config, clients } = this.options;
    const reader = await createSagemakerReader({ clients, config, context });
    const snapshot = await reader.read();
    const entities = buildSagemakerEntities(snapshot, {
      ownerTagKey: config.ownerTagKey,
      defaultOwner: config.defaultOwner,
    });
    this.readState = packageStates(snapshot, entities);
    return entities;
  }

  protected async afterApply(): Promise<void> {
    const { store } = this.options;
    const providerId = this.getProviderName();
    const current = this.readState;
    const previous = await store.getAppliedState<PackageState>(providerId);
    const events = this.sagemakerOptions.events;
    if (events) {
      const observedAt = new Date().toISOString();
      for (const [arn, { entityRef, state }] of current) {
        const before = previous.get(arn)?.state;
        // A package seen for the first time is new, not changed.
        if (before && changed(before, state)) {
          const eventPayload: ModelPackageChangedEvent = {
            entityRef,
            arn,
            providerId,
            before,
            after: state,
            observedAt,
          };
          await events.publish({
            topic: ML_MODEL_PACKAGE_CHANGED_TOPIC,
            eventPayload,
          });
        }
      }
    }
    await store.replaceAppliedState(providerId, current);
  }
}

function changed(
  before: ModelPackageRegistryState,
  after: ModelPackageRegistryState,
): boolean {
  return (
    before.approvalStatus !== after.approvalStatus ||
    before.stage !== after.stage ||
    before.stageStatus !== after.stageStatus
  );
}

/** The registry state of every model package read, with its entity's ref. */
function packageStates(
  snapshot: SagemakerSnapshot,
  entities: Entity[],
): Map<string, PackageState> {
  const refByArn = new Map(
    entities
      .filter(e => e.kind === 'ModelVersion')
      .map(e => [
        e.metadata.annotations?.[ML_ANNOTATION_AWS_ARN],
        stringifyEntityRef(e),
      ]),
  );
  const states = new Map<string, PackageState>();
  for (const group of snapshot.groups) {
    for (const { modelPackage: pkg } of group.versions) {
      const arn = pkg.ModelPackageArn!;
      const entityRef = refByArn.get(arn);
      if (!entityRef) {
        continue;
      }
      states.set(arn, {
        entityRef,
        state: JSON.parse(
          JSON.stringify({
            approvalStatus: pkg.ModelApprovalStatus ?? 'PendingManualApproval',
            stage: pkg.ModelLifeCycle?.Stage,
            stageStatus: pkg.ModelLifeCycle?.StageStatus,
            approvalDescription: pkg.ApprovalDescription,
          }),
        ),
      });
    }
  }
  return states;
}
