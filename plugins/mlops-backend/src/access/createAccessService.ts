import type {
  AuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type {
  AuditEvent,
  NewAuditEvent,
} from '@ml-foundation/plugin-mlops-common';
import type { MlopsAccessFulfiller } from '@ml-foundation/plugin-mlops-node';
import type { Knex } from 'knex';
import { GovernanceCatalog } from '../governance/service/GovernanceCatalog';
import { AccessNotifier } from './AccessNotifier';
import { AccessService } from './AccessService';
import { AccessStore } from './AccessStore';
import type { AccessConfig } from './readAccessConfig';
import { recordOnlyAccessFulfiller } from './RecordOnlyAccessFulfiller';

/** The access service on the plugin's database, catalog and audit trail. */
export function createAccessService(options: {
  knex: Knex;
  config: AccessConfig;
  catalog: CatalogService;
  auth: AuthService;
  permissions: PermissionsService;
  audit: { append(event: NewAuditEvent): Promise<AuditEvent> };
  notifications?: NotificationService;
  fulfiller?: MlopsAccessFulfiller;
  logger: LoggerService;
}): AccessService {
  return new AccessService({
    config: options.config,
    store: new AccessStore(options.knex),
    // Membership and ownership are read as the plugin, like model reviews.
    catalog: new GovernanceCatalog(options.catalog, options.auth),
    permissions: options.permissions,
    audit: options.audit,
    notifier: new AccessNotifier(options.notifications, options.logger),
    fulfiller: options.fulfiller ?? recordOnlyAccessFulfiller,
    logger: options.logger,
  });
}
