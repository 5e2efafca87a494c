import { pipeline } from 'node:stream/promises';
import type {
  BackstageCredentials,
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  mlopsAuditReadPermission,
  type AuditEvent,
  type AuditQuery,
} from '@ml-foundation/plugin-mlops-common';
import type express from 'express';
import { auditApiSpec } from './auditApiSpec';
import { auditExportMedia } from './auditExportFormat';
import type {
  AuditEventFilter,
  AuditSelection,
  AuditTrail,
} from './AuditTrail';

/** What the audit routes need. */
export interface AuditRouterOptions {
  auditTrail: AuditTrail;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  /**
   * Finds the Model of a posted ModelVersion event that names none, and the
   * versions of a queried Model (for events recorded without a modelRef).
   */
  catalog?: CatalogService;
  logger?: LoggerService;
}

/**
 * The audit routes of the mlops plugin, validated against
 * {@link auditApiSpec}: GET /audit/events, GET /audit/export,
 * GET /audit/verify, and POST /audit/events for other backend plugins.
 */
export async function createAuditRouter(
  options: AuditRouterOptions,
): Promise<express.Router> {
  const { auditTrail, httpAuth, permissions, catalog, logger } = options;
  const router = createValidatedOpenApiRouter(auditApiSpec);

  /**
   * Authorizes reading events: on the entity when the query names one;
   * otherwise the policy may allow all, deny, or allow on conditions about
   * the entity, which are then asked about each event's target.
   */
  async function readAccess(
    credentials: BackstageCredentials,
    entityRef: string | undefined,
  ): Promise<AuditEventFilter | undefined> {
    if (entityRef) {
      const [decision] = await permissions.authorize(
        [{ permission: mlopsAuditReadPermission, resourceRef: entityRef }],
        { credentials },
      );
      if (decision.result !== AuthorizeResult.ALLOW) {
        throw new NotAllowedError(
          `Reading the audit trail of ${entityRef} needs the ${mlopsAuditReadPermission.name} permission`,
        );
      }
      return undefined;
    }
    const [decision] = await permissions.authorizeConditional(
      [{ permission: mlopsAuditReadPermission }],
      { credentials },
    );
    if (decision.result === AuthorizeResult.ALLOW) return undefined;
    if (decision.result === AuthorizeResult.DENY) {
      throw new NotAllowedError(
        `Reading the audit trail needs the ${mlopsAuditReadPermission.name} permission`,
      );
    }
    return async (events: AuditEvent[]) => {
      const refs = [...new Set(events.map(event => event.targetRef))];
      const decisions = await permissions.authorize(
        refs.map(resourceRef => ({
          permission: mlopsAuditReadPermission,
          resourceRef,
        })),
        { credentials },
      );
      const readable = new Set(
        refs.filter((_, i) => decisions[i].result === AuthorizeResult.ALLOW),
      );
      return events.filter(event => readable.has(event.targetRef));
    };
  }

  /**
   * The query, with the versions the catalog knows of when it is about a
   * Model: events recorded without a modelRef are found through them.
   */
  async function selection(
    query: AuditQuery,
    credentials: BackstageCredentials,
  ): Promise<AuditSelection> {
    const { entityRef, actor, action, from, to } = query;
    let relatedRefs: string[] | undefined;
    if (catalog && entityRef && safeKind(entityRef) === 'model') {
      const { items } = await catalog.getEntities(
        {
          filter: { kind: 'ModelVersion', 'spec.model': entityRef },
          fields: ['kind', 'metadata.namespace', 'metadata.name'],
        },
        { credentials },
      );
      relatedRefs = items.map(entity => stringifyEntityRef(entity));
    }
    return { entityRef, relatedRefs, actor, action, from, to };
  }

  router.get('/audit/events', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const filter = await readAccess(credentials, req.query.entityRef);
    const page = await auditTrail.query(
      {
        ...(await selection(req.query, credentials)),
        cursor: req.query.cursor,
        limit:
          req.query.limit === undefined ? undefined : Number(req.query.limit),
      },
      { filter },
    );
    res.json(page);
  });

  router.get('/audit/export', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const filter = await readAccess(credentials, req.query.entityRef);
    const format = req.query.format;
    const stream = auditTrail.export(await selection(req.query, credentials), {
      format,
      filter,
    });
    const media = auditExportMedia[format];
    res.status(200);
    res.setHeader('Content-Type', media.contentType);
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="audit-events.${media.extension}"`,
    );
    try {
      await pipeline(stream, res);
    } catch (error) {
      // The status is sent already: the client sees a truncated download.
      logger?.error(`Audit export failed: ${error}`);
    }
  });

  router.get('/audit/verify', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const [decision] = await permissions.authorizeConditional(
      [{ permission: mlopsAuditReadPermission }],
      { credentials },
    );
    // Whoever may read some of the trail may know whether it is intact.
    if (decision.result === AuthorizeResult.DENY) {
      throw new NotAllowedError(
        `Verifying the audit trail needs the ${mlopsAuditReadPermission.name} permission`,
      );
    }
    const cached = String(req.query.cached) === 'true';
    const latest = cached ? await auditTrail.latestVerification() : undefined;
    res.json(latest ?? (await auditTrail.verifyAndRecord()));
  });

  router.post('/audit/events', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['service'] });
    const service = `service:${credentials.principal.subject.replace(
      /^plugin:/,
      '',
    )}`;
    const body = req.body;
    let modelRef = body.modelRef;
    if (!modelRef && catalog && safeKind(body.targetRef) === 'modelversion') {
      const version = await catalog.getEntityByRef(body.targetRef, {
        credentials,
      });
      const model = version?.spec?.model;
      modelRef = typeof model === 'string' ? model : undefined;
    }
    const event = await auditTrail.append({
      actor: body.actor ?? service,
      action: body.action,
      targetRef: body.targetRef,
      targetArn: body.targetArn,
      modelRef,
      // Who recorded it, since the actor may be the user a service acted for.
      details: { ...body.details, recordedBy: service },
    });
    res.status(201).json(event);
  });

  return router;
}

function safeKind(ref: string): string | undefined {
  try {
    return parseEntityRef(ref).kind.toLocaleLowerCase('en-US');
  } catch {
    return undefined;
  }
}
