import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import {
  ML_MODEL_PACKAGE_CHANGED_TOPIC,
  mlopsPermissions,
} from '@ml-foundation/plugin-mlops-common';
import {
  MlopsAccessFulfiller,
  mlopsAccessFulfilmentExtensionPoint,
  mlopsCheckpointTypesExtensionPoint,
} from '@ml-foundation/plugin-mlops-node';
import {
  createAccessRouter,
  createAccessService,
  readAccessConfig,
} from './access';
import {
  AuditTrail,
  createAuditRouter,
  scheduleAuditVerification,
} from './audit';
import {
  createDataRouter,
  createDataService,
  GlueDataAws,
  readDataConfig,
  scheduleDataReads,
  type DataService,
} from './data';
import { applyMlopsMigrations } from './database/applyMlopsMigrations';
import {
  createExperimentsRouter,
  createExperimentsService,
} from './experiments';
import { readGovernanceConfig } from './governance/config/readGovernanceConfig';
import { createDataQualityCheckpoint } from './governance/checkpoints/dataQualityCheckpoint';
import { createCheckpointTypeRegistry } from './governance/createCheckpointTypeRegistry';
import { createGovernanceRouter } from './governance/router/createGovernanceRouter';
import { createGovernanceService } from './governance/service/createGovernanceService';
import { parseModelPackageChangedEvent } from './governance/service/parseModelPackageChangedEvent';
import { SagemakerModelRegistry } from './governance/writeBack/SagemakerModelRegistry';
import {
  createHealthRouter,
  createHealthService,
  readHealthConfig,
  SagemakerHealthAws,
  scheduleHealthChecks,
} from './health';
import { createLineageRouter } from './lineage';
import { createRouter } from './service/createRouter';

/** The ML Foundation backend plugin, mounted at /api/mlops. */
export const mlopsPlugin = createBackendPlugin({
  pluginId: 'mlops',
  register(env) {
    const checkpointTypes = createCheckpointTypeRegistry();
    // Bound in init, once config is read; checkpoints only run after it.
    let data: DataService | undefined;
    checkpointTypes.extensionPoint.addCheckpointType(
      createDataQualityCheckpoint(ref => {
        if (!data) {
          throw new Error('The mlops plugin has not started yet');
        }
        return data.latestQuality(ref);
      }),
    );
    env.registerExtensionPoint(
      mlopsCheckpointTypesExtensionPoint,
      checkpointTypes.extensionPoint,
    );
    let accessFulfiller: MlopsAccessFulfiller | undefined;
    env.registerExtensionPoint(mlopsAccessFulfilmentExtensionPoint, {
      setFulfiller(fulfiller) {
        if (accessFulfiller) {
          throw new Error(
            `An access fulfiller is set already (${accessFulfiller.id}); cannot add ${fulfiller.id}`,
          );
        }
        accessFulfiller = fulfiller;
      },
    });
    env.registerInit({
      deps: {
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        config: coreServices.rootConfig,
        database: coreServices.database,
        logger: coreServices.logger,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        auditor: coreServices.auditor,
        scheduler: coreServices.scheduler,
        catalog: catalogServiceRef,
        events: eventsServiceRef,
        notifications: notificationService,
      },
      async init(deps) {
        const { httpRouter, httpAuth, config, database, logger } = deps;
        deps.permissionsRegistry.addPermissions(mlopsPermissions);
        const governanceConfig = readGovernanceConfig(
          config,
          checkpointTypes.types,
        );
        const knex = await database.getClient();
        if (!database.migrations?.skip) {
          await applyMlopsMigrations(knex);
        }
        const audit = AuditTrail.create({ knex, logger });
        const modelRegistry = SagemakerModelRegistry.fromConfig(config);
        const governance = createGovernanceService({
          knex,
          config: governanceConfig,
          checkpointTypes: checkpointTypes.types,
          catalog: deps.catalog,
          auth: deps.auth,
          registry: modelRegistry,
          permissions: deps.permissions,
          audit,
          auditor: deps.auditor,
          notifications: deps.notifications,
          logger,
        });

        const health = createHealthService({
          knex,
          historyDays: readHealthConfig(config).historyDays,
          catalog: deps.catalog,
          auth: deps.auth,
          aws: SagemakerHealthAws.fromConfig(config),
          modelPackages: version => modelRegistry.describeModelPackage(version),
          // A Model without a policy has no thresholds to show.
          policyOf: ref => governance.getPolicy(ref).catch(() => undefined),
          permissions: deps.permissions,
          audit,
          notifications: deps.notifications,
          logger,
        });

        const dataConfig = readDataConfig(config);
        data = createDataService({
          knex,
          config: dataConfig,
          catalog: deps.catalog,
          auth: deps.auth,
          aws: GlueDataAws.fromConfig(config),
          logger,
        });

        const access = createAccessService({
          knex,
          config: readAccessConfig(config),
          catalog: deps.catalog,
          auth: deps.auth,
          permissions: deps.permissions,
          audit,
          notifications: deps.notifications,
          fulfiller: accessFulfiller,
          logger,
        });

        httpRouter.use(await createRouter());
        httpRouter.use(createAccessRouter({ service: access, httpAuth }));
        httpRouter.use(createHealthRouter({ service: health, httpAuth }));
        httpRouter.use(createDataRouter({ service: data, httpAuth }));
        httpRouter.use(
          createGovernanceRouter({ service: governance, httpAuth }),
        );
        httpRouter.use(
          createLineageRouter({ catalog: deps.catalog, httpAuth }),
        );
        httpRouter.use(
          createExperimentsRouter({
            service: createExperimentsService({
              config,
              catalog: deps.catalog,
            }),
            httpAuth,
          }),
        );
        httpRouter.use(
          await createAuditRouter({
            auditTrail: audit,
            httpAuth,
            permissions: deps.permissions,
            catalog: deps.catalog,
            logger,
          }),
        );
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });

        await deps.events.subscribe({
          id: 'mlops-governance',
          topics: [ML_MODEL_PACKAGE_CHANGED_TOPIC],
          async onEvent({ eventPayload }) {
            const event = parseModelPackageChangedEvent(eventPayload);
            if (!event) {
              logger.warn(
                `Ignored a malformed ${ML_MODEL_PACKAGE_CHANGED_TOPIC} event`,
              );
              return;
            }
            await governance.handleModelPackageChanged(event);
          },
        });
        await deps.scheduler.scheduleTask({
          id: 'mlops-governance-reevaluate',
          scope: 'global',
          frequency: { minutes: governanceConfig.reevaluationMinutes },
          timeout: { minutes: 10 },
          initialDelay: { minutes: 1 },
          fn: async () => {
            await governance.reevaluateOpenReviews();
          },
        });
        await scheduleHealthChecks({
          service: health,
          scheduler: deps.scheduler,
          logger,
          config,
        });
        await scheduleDataReads({
          service: data,
          scheduler: deps.scheduler,
          logger,
          config: dataConfig,
        });
        await scheduleAuditVerification({
          auditTrail: audit,
          scheduler: deps.scheduler,
          logger,
          config,
        });
      },
    });
  },
});
