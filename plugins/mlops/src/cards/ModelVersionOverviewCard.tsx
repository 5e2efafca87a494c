import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import {
  Link,
  StructuredMetadataTable,
  Table,
  type TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  catalogApiRef,
  EntityRefLink,
  EntityRefLinks,
  useEntity,
} from '@backstage/plugin-catalog-react';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import {
  RELATION_DEPLOYS,
  RELATION_TRAINED_ON,
  type ModelDeploymentEntityV1alpha1,
  type ModelVersionEntityV1alpha1,
} from '@ml-foundation/plugin-mlops-common';
import useAsync from 'react-use/esm/useAsync';
import { mlopsApiRef } from '../api/mlopsApiRef';
import { ApprovalChip } from '../components/ApprovalChip';
import { AsyncBoundary } from '../components/AsyncBoundary';
import { formatTime } from '../components/formatTime';
import { formatMetric } from '../components/keyMetrics';
import { TrainingRunLink } from '../experiments/TrainingRunLink';
import { SyncWarnings } from './SyncFreshnessCard';
import { MlCard } from '../components/MlCard';

type MetricRow = { name: string } & Record<string, string>;

const SPLITS = ['train', 'validation', 'test', 'unspecified'] as const;

function MetricsBySplit(props: { version: ModelVersionEntityV1alpha1 }) {
  const metrics = props.version.spec.metrics ?? [];
  if (metrics.length === 0) {
    return <Typography color="textSecondary">No metrics recorded.</Typography>;
  }
  const rows = new Map<string, MetricRow>();
  for (const m of metrics) {
    const row = rows.get(m.name) ?? ({ name: m.name } as MetricRow);
    const sd =
      m.standardDeviation === undefined
        ? ''
        : ` ± ${formatMetric(m.standardDeviation)}`;
    row[m.split ?? 'unspecified'] = `${formatMetric(m.value)}${sd}`;
    rows.set(m.name, row);
  }
  const used = SPLITS.filter(split => [...rows.values()].some(r => r[split]));
  const columns: TableColumn<MetricRow>[] = [
    { title: 'Metric', field: 'name' },
    ...used.map(split => ({
      title: split,
      field: split,
      render: (r: MetricRow) => r[split] ?? '—',
    })),
  ];
  return (
    <Table<MetricRow>
      options={{
        paging: false,
        search: false,
        toolbar: false,
        padding: 'dense',
      }}
      columns={columns}
      data={[...rows.values()]}
    />
  );
}

function Hyperparameters(props: { values: Record<string, string> }) {
  const rows = Object.entries(props.values).map(([name, value]) => ({
    name,
    value,
  }));
  if (rows.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        None recorded.
      </Typography>
    );
  }
  return (
    <Table<{ name: string; value: string }>
      options={{
        paging: false,
        search: false,
        toolbar: false,
        padding: 'dense',
      }}
      columns={[
        { title: 'Name', field: 'name', render: r => <code>{r.name}</code> },
        { title: 'Value', field: 'value', render: r => <code>{r.value}</code> },
      ]}
      data={rows}
    />
  );
}

function ServingDeployments(props: { versionRef: string }) {
  const catalogApi = useApi(catalogApiRef);
  const deployments = useAsync(async () => {
    const { items } = await catalogApi.getEntities({
      filter: {
        kind: 'ModelDeployment',
        [`relations.${RELATION_DEPLOYS}`]: props.versionRef,
      },
    });
    return items as ModelDeploymentEntityV1alpha1[];
  }, [catalogApi, props.versionRef]);
  return (
    <AsyncBoundary
      loading={deployments.loading}
      error={deployments.error}
      empty={deployments.value?.length === 0}
      inline
      emptyTitle="Not deployed"
      emptyDescription="No endpoint or batch transform serves this version."
    >
      {() => (
        <ul>
          {deployments.value!.map(d => {
            const variants = d.spec.variants ?? [];
            const total = variants.reduce((sum, v) => sum + (v.weight ?? 0), 0);
            const mine = variants.filter(
              v =>
                v.modelVersion &&
                stringifyEntityRef(
                  parseEntityRef(v.modelVersion, {
                    defaultKind: 'ModelVersion',
                    defaultNamespace: d.metadata.namespace,
                  }),
                ) === props.versionRef,
            );
            const share = mine.reduce((sum, v) => sum + (v.weight ?? 0), 0);
            return (
              <li key={d.metadata.name}>
                <EntityRefLink entityRef={stringifyEntityRef(d)} /> (
                {d.spec.status ?? 'status unknown'})
                {total > 0 &&
                  ` — ${Math.round((share / total) * 100)}% of traffic`}
                {mine.length > 0 && ` on ${mine.map(v => v.name).join(', ')}`}
              </li>
            );
          })}
        </ul>
      )}
    </AsyncBoundary>
  );
}

function ReviewState(props: { versionRef: string }) {
  const mlopsApi = useApi(mlopsApiRef);
  const reviews = useAsync(
    () => mlopsApi.listReviews({ entityRef: props.versionRef }),
    [mlopsApi, props.versionRef],
  );
  return (
    <AsyncBoundary
      loading={reviews.loading}
      error={reviews.error}
      empty={reviews.value?.length === 0}
      inline
      emptyTitle="No review yet"
      emptyDescription="Request a promotion on the Governance tab."
    >
      {() => (
        <ul>
          {reviews.value!.slice(0, 3).map(r => (
            <li key={r.id}>
              {r.kind} to <strong>{r.targetStage}</strong>: {r.state}, requested
              by <EntityRefLink entityRef={r.requestedBy} defaultKind="user" />{' '}
              on {formatTime(r.requestedAt)} (
              {
                r.checkpoints.filter(
                  c => c.state === 'passed' || c.state === 'waived',
                ).length
              }
              /{r.checkpoints.length} checkpoints passed)
            </li>
          ))}
        </ul>
      )}
    </AsyncBoundary>
  );
}

/**
 * A model version: metrics by split, hyperparameters, training job and its
 * raw inputs, the data it was trained on, the deployments serving it and its
 * review state.
 */
export function ModelVersionOverviewCard() {
  const { entity } = useEntity<ModelVersionEntityV1alpha1>();
  const { spec } = entity;
  const ref = stringifyEntityRef(entity);
  const trainedOn = (entity.relations ?? [])
    .filter(r => r.type === RELATION_TRAINED_ON)
    .map(r => r.targetRef);
  const consoleLink = entity.metadata.links?.find(l =>
    l.url.includes('console.aws'),
  );
  return (
    <MlCard title={`Version ${spec.version}`}>
      <SyncWarnings entity={entity} />
      <Grid container spacing={2}>
        <Grid item xs={12} md={6}>
          <StructuredMetadataTable
            metadata={{
              model: (
                <EntityRefLink entityRef={spec.model} defaultKind="model" />
              ),
              approval: <ApprovalChip status={spec.approvalStatus} />,
              stage: spec.stage ?? '—',
              framework: spec.framework ?? '—',
              created: `${formatTime(spec.createdAt)}${
                spec.createdBy ? ` by ${spec.createdBy}` : ''
              }`,
              artifact: spec.artifactUri ?? '—',
              'AWS console': consoleLink ? (
                <Link to={consoleLink.url}>{consoleLink.title ?? 'Open'}</Link>
              ) : (
                '—'
              ),
            }}
          />
          <Typography variant="h6">Governance review</Typography>
          <ReviewState versionRef={ref} />
          <Typography variant="h6">Deployments serving it</Typography>
          <ServingDeployments versionRef={ref} />
        </Grid>
        <Grid item xs={12} md={6}>
          <Typography variant="h6">Metrics by split</Typography>
          <MetricsBySplit version={entity} />
          <Typography variant="h6" style={{ marginTop: 16 }}>
            Training
          </Typography>
          <StructuredMetadataTable
            metadata={{
              'training run': <TrainingRunLink version={entity} />,
              'trained on':
                trainedOn.length > 0 ? (
                  <EntityRefLinks entityRefs={trainedOn} />
                ) : (
                  'No dataset matched'
                ),
              'raw inputs':
                (spec.training?.inputs ?? []).length > 0 ? (
                  <ul
                    style={{
                      margin: 0,
                      paddingLeft: 16,
                      wordBreak: 'break-all',
                    }}
                  >
                    {spec.training!.inputs!.map(i => (
                      <li key={`${i.channel}|${i.uri}`}>
                        {i.channel ? <strong>{i.channel}: </strong> : null}
                        {i.uri}
                      </li>
                    ))}
                  </ul>
                ) : (
                  '—'
                ),
            }}
          />
          <Typography variant="h6" style={{ marginTop: 16 }}>
            Hyperparameters
          </Typography>
          <Hyperparameters values={spec.hyperparameters ?? {}} />
        </Grid>
      </Grid>
    </MlCard>
  );
}
