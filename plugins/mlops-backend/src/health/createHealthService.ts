import type {
  AuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type {
  AuditEvent,
  EffectivePolicy,
  NewAuditEvent,
} from '@ml-foundation/plugin-mlops-common';
import type { Knex } from 'knex';
import { HealthService } from './HealthService';
import { HealthStore } from './HealthStore';
import type { VersionReportSources } from './readVersionReports';
import type { HealthAws } from './SagemakerHealthAws';

/**
 * Builds the health service from the plugin's services. Without user
 * credentials the catalog is read with the plugin's own: the scheduled
 * checks see every deployment.
 */
export function createHealthService(options: {
  knex: Knex;
  /** Days of check history kept per deployment (mlops.health.historyDays). */
  historyDays: number;
  catalog: CatalogService;
  auth: AuthService;
  aws: HealthAws;
  modelPackages: VersionReportSources['describeModelPackage'];
  policyOf(modelRef: string): Promise<EffectivePolicy | undefined>;
  permissions: PermissionsService;
  audit: { append(event: NewAuditEvent): Promise<AuditEvent> };
  notifications?: NotificationService;
  logger: LoggerService;
}): HealthService {
  const { catalog, auth } = options;
  return new HealthService({
    ...options,
    store: new HealthStore(options.knex, options.historyDays),
    catalog: {
      async getEntity(ref, credentials) {
        return catalog.getEntityByRef(ref, {
          credentials: credentials ?? (await auth.getOwnServiceCredentials()),
        });
      },
      async listEntities(filter, credentials) {
        const { items } = await catalog.getEntities(
          { filter },
          {
            credentials: credentials ?? (await auth.getOwnServiceCredentials()),
          },
        );
        return items;
      },
    },
  });
}
