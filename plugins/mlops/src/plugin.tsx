import type { Entity } from '@backstage/catalog-model';
import {
  ApiBlueprint,
  createFrontendPlugin,
  createRouteRef,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import AccountTreeIcon from '@material-ui/icons/AccountTree';
import {
  DATA_PIPELINE_COMPONENT_TYPE,
  ML_KINDS,
  MlopsClient,
} from '@ml-foundation/plugin-mlops-common';
import { mlopsApiRef } from './api/mlopsApiRef';
import { isAwsSynced } from './cards/SyncFreshnessCard';
import { TRAINING_RUNS_PATH } from './experiments/trainingRunsRoute';

const isKind =
  (...kinds: string[]) =>
  (entity: Entity) =>
    kinds.includes(entity.kind.toLocaleLowerCase('en-US'));

const ML_KIND_NAMES = ML_KINDS.map(k => k.toLocaleLowerCase('en-US'));
const isMlKind = isKind(...ML_KIND_NAMES);
const hasLineage = (entity: Entity) =>
  isMlKind(entity) ||
  (entity.kind.toLocaleLowerCase('en-US') === 'component' &&
    entity.spec?.type === DATA_PIPELINE_COMPONENT_TYPE);

/** `api:mlops`: the client of the mlops backend. */
export const mlopsApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: mlopsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new MlopsClient({ discoveryApi, fetchApi }),
    }),
});

/** The ML hub page, for links from other plugins. */
export const mlHubRouteRef = createRouteRef();

/** `page:mlops`: the ML hub, in the nav. */
export const mlHubPage = PageBlueprint.make({
  params: {
    path: '/ml',
    routeRef: mlHubRouteRef,
    title: 'ML hub',
    icon: <AccountTreeIcon />,
    loader: () => import('./hub/MlHubPage').then(m => <m.MlHubPage />),
  },
});

const card = (
  name: string,
  filter: (entity: Entity) => boolean,
  loader: () => Promise<JSX.Element>,
  type: 'info' | 'content' = 'content',
) => EntityCardBlueprint.make({ name, params: { filter, loader, type } });

export const modelOverviewCard = card('model-overview', isKind('model'), () =>
  import('./cards/ModelOverviewCard').then(m => <m.ModelOverviewCard />),
);
export const modelVersionsCard = card('model-versions', isKind('model'), () =>
  import('./cards/ModelVersionsCard').then(m => <m.ModelVersionsCard />),
);
export const modelVersionOverviewCard = card(
  'model-version-overview',
  isKind('modelversion'),
  () =>
    import('./cards/ModelVersionOverviewCard').then(m => (
      <m.ModelVersionOverviewCard />
    )),
);
export const datasetOverviewCard = card(
  'dataset-overview',
  isKind('dataset'),
  () =>
    import('./cards/DatasetOverviewCard').then(m => <m.DatasetOverviewCard />),
);
export const featureGroupOverviewCard = card(
  'feature-group-overview',
  isKind('featuregroup'),
  () =>
    import('./cards/FeatureGroupOverviewCard').then(m => (
      <m.FeatureGroupOverviewCard />
    )),
);
export const modelDeploymentOverviewCard = card(
  'model-deployment-overview',
  isKind('modeldeployment'),
  () =>
    import('./cards/ModelDeploymentOverviewCard').then(m => (
      <m.ModelDeploymentOverviewCard />
    )),
);
export const deploymentHealthCard = card(
  'model-deployment-health',
  isKind('modeldeployment'),
  () =>
    import('./health/DeploymentHealthCard').then(m => (
      <m.DeploymentHealthCard />
    )),
);
export const modelHealthCard = card('model-health', isKind('model'), () =>
  import('./health/ModelHealthCard').then(m => <m.ModelHealthCard />),
);
export const explainabilityCard = card(
  'model-version-explainability',
  isKind('modelversion'),
  () =>
    import('./health/ExplainabilityCard').then(m => <m.ExplainabilityCard />),
);
export const biasCard = card('model-version-bias', isKind('modelversion'), () =>
  import('./health/BiasCard').then(m => <m.BiasCard />),
);
export const accessRequestsCard = card(
  'access-requests',
  isKind('dataset', 'featuregroup'),
  () => import('./data/AccessRequestsCard').then(m => <m.AccessRequestsCard />),
);
export const dataProfileCard = card('data-profile', isKind('dataset'), () =>
  import('./data/DataProfileCard').then(m => <m.DataProfileCard />),
);
export const dataQualityCard = card('data-quality', isKind('dataset'), () =>
  import('./data/DataQualityCard').then(m => <m.DataQualityCard />),
);
export const syncFreshnessCard = card(
  'aws-sync',
  isAwsSynced,
  () => import('./cards/SyncFreshnessCard').then(m => <m.SyncFreshnessCard />),
  'info',
);

export const lineageContent = EntityContentBlueprint.make({
  name: 'lineage',
  params: {
    path: 'lineage',
    title: 'Lineage',
    filter: hasLineage,
    loader: () =>
      import('./lineage/LineageContent').then(m => <m.LineageContent />),
  },
});
export const governanceContent = EntityContentBlueprint.make({
  name: 'governance',
  params: {
    path: 'governance',
    title: 'Governance',
    filter: isKind('model', 'modelversion'),
    loader: () =>
      import('./governance/GovernanceContent').then(m => (
        <m.GovernanceContent />
      )),
  },
});
export const trainingRunsContent = EntityContentBlueprint.make({
  name: 'training-runs',
  params: {
    path: TRAINING_RUNS_PATH,
    title: 'Training runs',
    filter: isKind('model'),
    loader: () =>
      import('./experiments/TrainingRunsContent').then(m => (
        <m.TrainingRunsContent />
      )),
  },
});
export const auditContent = EntityContentBlueprint.make({
  name: 'audit',
  params: {
    path: 'audit',
    title: 'Audit trail',
    filter: isMlKind,
    loader: () => import('./audit/AuditContent').then(m => <m.AuditContent />),
  },
});

/** ML Foundation's frontend plugin: entity pages of the ML kinds and the ML hub. */
export const mlopsPlugin = createFrontendPlugin({
  pluginId: 'mlops',
  title: 'ML hub',
  icon: <AccountTreeIcon />,
  routes: { mlHub: mlHubRouteRef },
  extensions: [
    mlopsApi,
    mlHubPage,
    modelOverviewCard,
    modelVersionsCard,
    modelVersionOverviewCard,
    datasetOverviewCard,
    featureGroupOverviewCard,
    modelDeploymentOverviewCard,
    deploymentHealthCard,
    modelHealthCard,
    explainabilityCard,
    biasCard,
    accessRequestsCard,
    dataProfileCard,
    dataQualityCard,
    syncFreshnessCard,
    lineageContent,
    governanceContent,
    trainingRunsContent,
    auditContent,
  ],
});
