import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { MlopsClient } from '@ml-foundation/plugin-mlops-common';
import {
  AwsClientFactory,
  readAwsProviderConfigs,
} from '@ml-foundation/plugin-mlops-node';
import { createEnsureModelPackageGroupAction } from './actions/createEnsureModelPackageGroupAction';
import { createFetchModelVersionAction } from './actions/createFetchModelVersionAction';
import { createPublishLocalAction } from './actions/createPublishLocalAction';
import { createRecordAuditAction } from './actions/createRecordAuditAction';
import { createRequireGovernanceAction } from './actions/createRequireGovernanceAction';
import { createValidateCatalogAction } from './actions/createValidateCatalogAction';
import { createMlopsFetch } from './createMlopsFetch';

/** The ML Foundation scaffolder actions (mlops:*). */
export const scaffolderModuleMlops = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'mlops',
  register(reg) {
    reg.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        catalog: catalogServiceRef,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
        config: coreServices.rootConfig,
      },
      async init({ scaffolder, catalog, auth, discovery, config }) {
        scaffolder.addActions(
          createFetchModelVersionAction({ catalog }),
          createRequireGovernanceAction({
            mlopsFor: ctx =>
              new MlopsClient({
                discoveryApi: discovery,
                fetchApi: createMlopsFetch(auth, ctx.getInitiatorCredentials),
              }),
          }),
          createEnsureModelPackageGroupAction({
            clients: AwsClientFactory.fromConfig(config),
            providers: readAwsProviderConfigs(config, 'awsSagemaker'),
          }),
          createValidateCatalogAction(),
          createRecordAuditAction({
            auth,
            discovery,
            fetchApi: createMlopsFetch(auth, () =>
              auth.getOwnServiceCredentials(),
            ),
          }),
          createPublishLocalAction({
            catalog,
            directory: config.getOptionalString(
              'mlops.scaffolder.localPublisher.directory',
            ),
          }),
        );
      },
    });
  },
});
