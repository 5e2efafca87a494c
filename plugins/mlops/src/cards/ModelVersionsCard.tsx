import { stringifyEntityRef } from '@backstage/catalog-model';
import { Progress, Table, type TableColumn } from '@backstage/core-components';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import type { ModelEntityV1alpha1 } from '@ml-foundation/plugin-mlops-common';
import { lazy, Suspense, useMemo } from 'react';
import { ApprovalChip } from '../components/ApprovalChip';
import { AsyncBoundary } from '../components/AsyncBoundary';
import { formatTime } from '../components/formatTime';
import {
  formatMetric,
  metricNames,
  metricValue,
} from '../components/keyMetrics';
import {
  useModelVersions,
  type ModelVersionSummary,
} from '../components/useModelVersions';
import { MlCard } from '../components/MlCard';

type Row = {
  ref: string;
  version: number;
  approvalStatus: string;
  stage: string;
  createdAt: string;
  createdBy: string;
  [metric: `metric:${string}`]: number | undefined;
};

// Its own chunk (recharts), loaded after the table has rendered: the table is
// what the page is opened for, and 1,000 points take the chart a while.
const MetricTrendChart = lazy(() =>
  import('./MetricTrendChart').then(m => ({ default: m.MetricTrendChart })),
);

/** The table's rows a page, at first. */
const PAGE_SIZE = 10;

/** How many metrics the table shows as columns. */
const KEY_METRICS = 3;

/**
 * The versions of a model in a sortable, filterable, paginated table (so a
 * thousand versions stay fast), with the trend of a metric across them.
 */
export function ModelVersionsCard() {
  const { entity } = useEntity<ModelEntityV1alpha1>();
  const versions = useModelVersions(entity, { newest: PAGE_SIZE });
  // The first page while all versions load; then all of them.
  const shown = versions.value ?? versions.newest?.items;
  return (
    <AsyncBoundary
      loading={!shown && versions.loading}
      error={versions.error}
      empty={shown?.length === 0}
      emptyTitle="No versions registered yet"
      emptyDescription="Versions appear here once the model package group has a model package in SageMaker."
    >
      {() => (
        <VersionsTable
          model={entity}
          versions={shown!}
          total={versions.value?.length ?? versions.newest!.totalItems}
          complete={versions.value !== undefined}
        />
      )}
    </AsyncBoundary>
  );
}

function VersionsTable(props: {
  model: ModelEntityV1alpha1;
  /** All versions once `complete`, until then the newest. */
  versions: ModelVersionSummary[];
  total: number;
  complete: boolean;
}) {
  const { versions, complete } = props;
  const metrics = useMemo(
    () => metricNames(versions).slice(0, KEY_METRICS),
    [versions],
  );
  const rows = useMemo(
    () =>
      versions.map(v => {
        const row: Row = {
          ref: stringifyEntityRef(v),
          version: v.spec.version,
          approvalStatus: v.spec.approvalStatus,
          stage: v.spec.stage ?? '',
          createdAt: v.spec.createdAt ?? '',
          createdBy: v.spec.createdBy ?? '',
        };
        for (const name of metrics) {
          row[`metric:${name}`] = metricValue(v.spec.metrics, name);
        }
        return row;
      }),
    [versions, metrics],
  );
  const columns: TableColumn<Row>[] = [
    {
      title: 'Version',
      field: 'version',
      type: 'numeric',
      align: 'left',
      defaultSort: 'desc',
      render: row => (
        <EntityRefLink entityRef={row.ref} title={`v${row.version}`} />
      ),
    },
    {
      title: 'Approval',
      field: 'approvalStatus',
      lookup: {
        Approved: 'Approved',
        PendingManualApproval: 'Pending approval',
        Rejected: 'Rejected',
      },
      render: row => <ApprovalChip status={row.approvalStatus} />,
    },
    {
      title: 'Stage',
      field: 'stage',
      // A stage is one word; a narrow column broke it ("Productio" / "n").
      cellStyle: { whiteSpace: 'nowrap' },
      render: row => row.stage || '—',
    },
    ...metrics.map(
      (name): TableColumn<Row> => ({
        title: name,
        field: `metric:${name}`,
        type: 'numeric',
        filtering: false,
        render: row => formatMetric(row[`metric:${name}`]),
      }),
    ),
    {
      title: 'Created',
      field: 'createdAt',
      filtering: false,
      render: row => formatTime(row.createdAt),
    },
    {
      title: 'Created by',
      field: 'createdBy',
      render: row => row.createdBy || '—',
    },
  ];
  return (
    <>
      <MlCard title="Metric trend">
        {complete ? (
          <Suspense fallback={<Progress />}>
            <MetricTrendChart model={props.model} versions={versions} />
          </Suspense>
        ) : (
          <Progress />
        )}
      </MlCard>
      <div style={{ marginTop: 16 }}>
        <Table<Row>
          title={`Versions (${props.total})`}
          options={{
            // Paging (and its count) once there is more than a page to show.
            paging: complete,
            pageSize: PAGE_SIZE,
            pageSizeOptions: [10, 25, 50],
            filtering: true,
            padding: 'dense',
          }}
          columns={columns}
          data={rows}
        />
      </div>
    </>
  );
}
