import { parseEntityRef } from '@backstage/catalog-model';
import type { LoggerService } from '@backstage/backend-plugin-api';
import type {
  NotificationSendOptions,
  NotificationService,
} from '@backstage/plugin-notifications-node';
import type { Review } from '@ml-foundation/plugin-mlops-common';

/**
 * Tells people about reviews: approvers (by their groups) when a review needs
 * them, a Model's owners on completion, rejection, write-back failure and
 * out-of-band changes. A notification that cannot be sent is logged, never
 * fails the action that caused it.
 */
export class GovernanceNotifier {
  constructor(
    private readonly notifications: NotificationService | undefined,
    private readonly logger: LoggerService,
  ) {}

  approvalNeeded(review: Review, groups: string[]): Promise<void> {
    return this.send({
      recipients: {
        type: 'entity',
        entityRef: groups,
        excludeEntityRef: review.requestedBy,
      },
      payload: {
        title: `Approval needed: ${review.entityRef} to ${review.targetStage}`,
        description: `${review.requestedBy} asks to move ${review.entityRef} to ${review.targetStage}.`,
        link: this.link(review),
        severity: 'normal',
        topic: 'mlops-governance',
        scope: `mlops-review:${review.id}`,
      },
    });
  }

  toOwners(
    review: Review,
    title: string,
    description: string,
    severity: 'normal' | 'high' = 'normal',
  ): Promise<void> {
    return this.send({
      recipients: { type: 'entity', entityRef: review.modelRef },
      payload: {
        title,
        description,
        link: this.link(review),
        severity,
        topic: 'mlops-governance',
        scope: `mlops-review:${review.id}`,
      },
    });
  }

  outOfBandChange(entityRef: string, description: string): Promise<void> {
    return this.send({
      recipients: { type: 'entity', entityRef },
      payload: {
        title: `Registry changed outside the portal: ${entityRef}`,
        description,
        severity: 'high',
        topic: 'mlops-governance',
      },
    });
  }

  /** The version's entity page, where the portal shows its reviews. */
  private link(review: Review): string {
    const { kind, namespace, name } = parseEntityRef(review.entityRef);
    return `/catalog/${namespace}/${kind.toLocaleLowerCase('en-US')}/${name}`;
  }

  private async send(options: NotificationSendOptions): Promise<void> {
    if (!this.notifications) {
      return;
    }
    try {
      await this.notifications.send(options);
    } catch (error) {
      this.logger.warn(
        `Could not send notification "${options.payload.title}": ${error}`,
      );
    }
  }
}
