import type {
  AuditorService,
  AuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type { Knex } from 'knex';
import type { GovernanceConfig } from '../config/readGovernanceConfig';
import { GovernanceStore } from '../store/GovernanceStore';
import type { ModelRegistry } from '../writeBack/SagemakerModelRegistry';
import type { MlopsCheckpointType } from '@ml-foundation/plugin-mlops-node';
import type { GovernanceAuditSink } from './GovernanceAuditSink';
import { GovernanceCatalog } from './GovernanceCatalog';
import { GovernanceNotifier } from './GovernanceNotifier';
import { GovernanceService } from './GovernanceService';

/** Builds the governance service from the plugin's services. */
export function createGovernanceService(options: {
  knex: Knex;
  config: GovernanceConfig;
  checkpointTypes: Map<string, MlopsCheckpointType>;
  catalog: CatalogService;
  auth: AuthService;
  registry: ModelRegistry;
  permissions: PermissionsService;
  audit: GovernanceAuditSink;
  auditor: AuditorService;
  notifications?: NotificationService;
  logger: LoggerService;
}): GovernanceService {
  return new GovernanceService({
    config: options.config,
    checkpointTypes: options.checkpointTypes,
    store: new GovernanceStore(options.knex),
    catalog: new GovernanceCatalog(options.catalog, options.auth),
    registry: options.registry,
    permissions: options.permissions,
    audit: options.audit,
    auditor: options.auditor,
    notifier: new GovernanceNotifier(options.notifications, options.logger),
    logger: options.logger,
  });
}
