import type { LoggerService } from '@backstage/backend-plugin-api';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type { AccessRequest } from '@ml-foundation/plugin-mlops-common';
import { parseEntityRef } from '@backstage/catalog-model';

/**
 * Tells approvers that a request waits for them and requesters how it was
 * decided. A notification that cannot be sent is logged, never fails the
 * decision.
 */
export class AccessNotifier {
  constructor(
    private readonly notifications: NotificationService | undefined,
    private readonly logger: LoggerService,
  ) {}

  approvalNeeded(request: AccessRequest, approvers: string[]): Promise<void> {
    return this.send(approvers, request, {
      title: `Access request: ${request.entityRef}`,
      description: `${request.requestedBy} asks for ${request.durationDays} days of access: ${request.purpose}`,
      exclude: request.requestedBy,
    });
  }

  toRequester(request: AccessRequest, title: string, description: string) {
    return this.send([request.requestedBy], request, { title, description });
  }

  private async send(
    entityRef: string[],
    request: AccessRequest,
    message: { title: string; description: string; exclude?: string },
  ): Promise<void> {
    if (!this.notifications || entityRef.length === 0) {
      return;
    }
    const { kind, namespace, name } = parseEntityRef(request.entityRef);
    try {
      await this.notifications.send({
        recipients: {
          type: 'entity',
          entityRef,
          ...(message.exclude ? { excludeEntityRef: message.exclude } : {}),
        },
        payload: {
          title: message.title,
          description: message.description,
          link: `/catalog/${namespace}/${kind.toLocaleLowerCase(
            'en-US',
          )}/${name}`,
          severity: 'normal',
          topic: 'mlops-access',
          scope: `mlops-access:${request.id}`,
        },
      });
    } catch (error) {
      this.logger.warn(
        `Could not send notification "${message.title}": ${error}`,
      );
    }
  }
}
