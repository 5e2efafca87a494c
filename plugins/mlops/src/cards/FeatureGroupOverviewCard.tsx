import {
  StructuredMetadataTable,
  Table,
  type TableColumn,
} from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import {
  RELATION_DERIVED_FROM,
  RELATION_SOURCE_OF,
  RELATION_TRAINING_DATA_FOR,
  type Feature,
  type FeatureGroupEntityV1alpha1,
} from '@ml-foundation/plugin-mlops-common';
import { RelatedEntities } from '../components/RelatedEntities';
import { MlCard } from '../components/MlCard';

type FeatureRow = Feature & { role: string };

/**
 * The offline store's S3 location and Glue table, as a list so each is on its
 * own line (a newline inside one string would render as a space).
 */
function offlineStore(
  offline: FeatureGroupEntityV1alpha1['spec']['offlineStore'],
): string | string[] {
  if (!offline) return 'none';
  const parts = [
    offline.s3Uri,
    offline.database && offline.table
      ? `${offline.database}.${offline.table}`
      : undefined,
  ].filter((part): part is string => !!part);
  return parts.length > 0 ? parts : 'enabled';
}

/** A feature group: its features, online and offline store, sources and the models trained on it. */
export function FeatureGroupOverviewCard() {
  const { entity } = useEntity<FeatureGroupEntityV1alpha1>();
  const { spec } = entity;
  const rows: FeatureRow[] = spec.features.map(f => ({
    ...f,
    role:
      (f.name === spec.recordIdentifier && 'record identifier') ||
      (f.name === spec.eventTime && 'event time') ||
      '',
  }));
  const columns: TableColumn<FeatureRow>[] = [
    { title: 'Feature', field: 'name', highlight: true },
    { title: 'Type', field: 'type' },
    { title: 'Role', field: 'role', render: f => f.role || '—' },
    {
      title: 'Description',
      field: 'description',
      render: f => f.description ?? '—',
    },
  ];
  return (
    <MlCard title="Feature group">
      <Grid container spacing={2}>
        <Grid item xs={12} md={6}>
          <StructuredMetadataTable
            metadata={{
              'online store': spec.onlineStore?.enabled
                ? 'enabled'
                : 'disabled',
              'offline store': offlineStore(spec.offlineStore),
              'record identifier': spec.recordIdentifier,
              'event time': spec.eventTime,
            }}
          />
        </Grid>
        <Grid item xs={12} md={6}>
          <Typography variant="h6">Sources</Typography>
          <RelatedEntities
            entity={entity}
            relations={[RELATION_DERIVED_FROM]}
            empty="No known source"
          />
          <Typography variant="h6">Models trained on it</Typography>
          <RelatedEntities
            entity={entity}
            relations={[RELATION_TRAINING_DATA_FOR]}
            empty="No model version was trained on it"
          />
          <Typography variant="h6">Derived from it</Typography>
          <RelatedEntities
            entity={entity}
            relations={[RELATION_SOURCE_OF]}
            empty="Nothing"
          />
        </Grid>
        <Grid item xs={12}>
          <Table<FeatureRow>
            title={`Features (${rows.length})`}
            options={{
              paging: rows.length > 25,
              pageSize: 25,
              padding: 'dense',
              search: rows.length > 10,
            }}
            columns={columns}
            data={rows}
          />
        </Grid>
      </Grid>
    </MlCard>
  );
}
