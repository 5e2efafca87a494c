import {
  StatusError,
  StatusOK,
  StatusPending,
  StructuredMetadataTable,
  Table,
  type TableColumn,
} from '@backstage/core-components';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import type {
  ModelDeploymentEntityV1alpha1,
  ModelDeploymentVariant,
} from '@ml-foundation/plugin-mlops-common';
import { MlCard } from '../components/MlCard';

function DeploymentStatus(props: { status?: string }) {
  const { status } = props;
  if (!status) return <>unknown</>;
  if (['InService', 'Completed'].includes(status))
    return <StatusOK>{status}</StatusOK>;
  if (['Failed', 'Stopped', 'OutOfService'].includes(status))
    return <StatusError>{status}</StatusError>;
  return <StatusPending>{status}</StatusPending>;
}

type VariantRow = ModelDeploymentVariant & { share: string };

/** A deployment: status, variants with traffic share and the version each serves, monitoring. */
export function ModelDeploymentOverviewCard() {
  const { entity } = useEntity<ModelDeploymentEntityV1alpha1>();
  const { spec } = entity;
  const variants = spec.variants ?? [];
  const total = variants.reduce((sum, v) => sum + (v.weight ?? 0), 0);
  const rows: VariantRow[] = variants.map(v => ({
    ...v,
    share:
      total > 0 && v.weight !== undefined
        ? `${Math.round((v.weight / total) * 100)}%`
        : '—',
  }));
  const columns: TableColumn<VariantRow>[] = [
    { title: 'Variant', field: 'name', highlight: true },
    {
      title: 'Serves',
      field: 'modelVersion',
      render: v =>
        v.modelVersion ? (
          <EntityRefLink
            entityRef={v.modelVersion}
            defaultKind="modelversion"
          />
        ) : (
          `${v.modelName ?? 'unknown model'} (not in the registry)`
        ),
    },
    { title: 'Traffic', field: 'share' },
    { title: 'Weight', field: 'weight', render: v => v.weight ?? '—' },
    {
      title: 'Instances',
      field: 'instanceType',
      render: v =>
        v.instanceType ? `${v.instanceCount ?? 1} × ${v.instanceType}` : '—',
    },
  ];
  const schedules = spec.monitoringSchedules ?? [];
  return (
    <MlCard title="Deployment">
      <StructuredMetadataTable
        metadata={{
          type: spec.type,
          status: <DeploymentStatus status={spec.status} />,
          monitoring:
            schedules.length > 0
              ? schedules
                  .map(
                    s =>
                      `${s.name} (${s.type ?? 'monitoring'}: ${
                        s.status ?? 'unknown'
                      })`,
                  )
                  .join('\n')
              : 'No monitoring schedule',
        }}
      />
      {rows.length === 0 ? (
        <Typography color="textSecondary">No variants.</Typography>
      ) : (
        <Table<VariantRow>
          title="Variants"
          options={{ paging: false, search: false, padding: 'dense' }}
          columns={columns}
          data={rows}
        />
      )}
    </MlCard>
  );
}
