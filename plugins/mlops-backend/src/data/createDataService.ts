import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { Knex } from 'knex';
import { DataService } from './DataService';
import { DataStore } from './DataStore';
import type { DataAws } from './GlueDataAws';
import type { DataConfig } from './readDataConfig';

/**
 * Builds the data service from the plugin's services. Without user
 * credentials the catalog is read with the plugin's own: the scheduled
 * reads see every Dataset.
 */
export function createDataService(options: {
  knex: Knex;
  config: DataConfig;
  catalog: CatalogService;
  auth: AuthService;
  aws: DataAws;
  logger: LoggerService;
}): DataService {
  const { catalog, auth } = options;
  return new DataService({
    store: new DataStore(options.knex, options.config.qualityHistory),
    aws: options.aws,
    logger: options.logger,
    historySize: options.config.qualityHistory,
    catalog: {
      async getEntity(ref, credentials) {
        return catalog.getEntityByRef(ref, {
          credentials: credentials ?? (await auth.getOwnServiceCredentials()),
        });
      },
      async listEntities(filter) {
        const { items } = await catalog.getEntities(
          { filter },
          { credentials: await auth.getOwnServiceCredentials() },
        );
        return items;
      },
    },
  });
}
