import { createBackendModule } from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { MlEntitiesProcessor } from './processor/MlEntitiesProcessor';
import { ModelEndpointApiProcessor } from './processor/ModelEndpointApiProcessor';

/**
 * Registers the ML Foundation entity kinds with the catalog, and an API entity
 * for each deployment's endpoint.
 */
export const catalogModuleMlops = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'mlops',
  register(reg) {
    reg.registerInit({
      deps: { catalog: catalogProcessingExtensionPoint },
      async init({ catalog }) {
        catalog.addProcessor(new MlEntitiesProcessor());
        catalog.addProcessor(new ModelEndpointApiProcessor());
      },
    });
  },
});
