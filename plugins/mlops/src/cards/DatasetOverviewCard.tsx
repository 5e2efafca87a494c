import {
  StructuredMetadataTable,
  Table,
  type TableColumn,
} from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import Chip from '@material-ui/core/Chip';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import {
  RELATION_CONSUMED_BY,
  RELATION_DERIVED_FROM,
  RELATION_PRODUCED_BY,
  RELATION_SOURCE_OF,
  RELATION_TRAINING_DATA_FOR,
  type DatasetColumn,
  type DatasetEntityV1alpha1,
} from '@ml-foundation/plugin-mlops-common';
import { Identifier } from '../components/Identifier';
import { RelatedEntities } from '../components/RelatedEntities';
import { MlCard } from '../components/MlCard';

/** Classifications that mark personal data. */
const PERSONAL = new Set(['pii', 'personal', 'sensitive-personal', 'spi']);

/** A column's classification, personal data in red so nobody misses it. */
export function ClassificationChip(props: { classification?: string }) {
  const { classification } = props;
  if (!classification) return <>—</>;
  const personal = PERSONAL.has(classification.toLocaleLowerCase('en-US'));
  return (
    <Chip
      size="small"
      label={
        personal
          ? `${classification.toUpperCase()} — personal data`
          : classification
      }
      color={personal ? 'secondary' : 'default'}
      style={
        personal ? { backgroundColor: '#c62828', color: '#fff' } : undefined
      }
    />
  );
}

// Columns sized by their content (`auto`), not in equal shares; names wrap
// only after `_` or `.`, types not at all.
const schemaColumns: TableColumn<DatasetColumn>[] = [
  {
    title: 'Column',
    field: 'name',
    highlight: true,
    width: 'auto',
    render: c => <Identifier name={c.name} />,
  },
  {
    title: 'Type',
    field: 'type',
    width: 'auto',
    cellStyle: { whiteSpace: 'nowrap' },
  },
  {
    title: 'Description',
    field: 'description',
    width: 'auto',
    render: c => c.description ?? '—',
  },
  {
    title: 'Classification',
    field: 'classification',
    width: 'auto',
    render: c => <ClassificationChip classification={c.classification} />,
  },
];

function ColumnsTable(props: { title: string; columns: DatasetColumn[] }) {
  return (
    <Table<DatasetColumn>
      title={props.title}
      options={{
        paging: props.columns.length > 25,
        pageSize: 25,
        padding: 'dense',
        // Sort arrows would widen the headers past a half-width card.
        sorting: false,
        search: props.columns.length > 10,
      }}
      columns={schemaColumns}
      data={props.columns}
    />
  );
}

/** A dataset: schema with PII flagged, location, partitions, producers and consumers. */
export function DatasetOverviewCard() {
  const { entity } = useEntity<DatasetEntityV1alpha1>();
  const { spec } = entity;
  const columns = spec.schema?.columns ?? [];
  const personal = columns.filter(c =>
    PERSONAL.has((c.classification ?? '').toLocaleLowerCase('en-US')),
  );
  return (
    <MlCard title="Dataset">
      <Grid container spacing={2}>
        <Grid item xs={12} md={6}>
          <StructuredMetadataTable
            metadata={{
              type: spec.type,
              location: spec.location ?? '—',
              format: spec.format ?? '—',
              'partition keys':
                (spec.partitionKeys ?? [])
                  .map(k => `${k.name} (${k.type})`)
                  .join(', ') || 'none',
              'personal data':
                personal.length > 0
                  ? `${personal.length} columns: ${personal
                      .map(c => c.name)
                      .join(', ')}`
                  : 'none flagged',
            }}
          />
        </Grid>
        <Grid item xs={12} md={6}>
          <Typography variant="h6">Produced by</Typography>
          <RelatedEntities
            entity={entity}
            relations={[RELATION_PRODUCED_BY, RELATION_DERIVED_FROM]}
            empty="No known producer"
          />
          <Typography variant="h6">Consumed by</Typography>
          <RelatedEntities
            entity={entity}
            relations={[
              RELATION_CONSUMED_BY,
              RELATION_SOURCE_OF,
              RELATION_TRAINING_DATA_FOR,
            ]}
            empty="No known consumer"
          />
        </Grid>
        <Grid item xs={12}>
          {columns.length === 0 ? (
            <Typography color="textSecondary">No schema recorded.</Typography>
          ) : (
            <ColumnsTable
              title={`Schema (${columns.length} columns)`}
              columns={columns}
            />
          )}
          {(spec.partitionKeys ?? []).length > 0 && (
            <div style={{ marginTop: 16 }}>
              <ColumnsTable
                title="Partition keys"
                columns={spec.partitionKeys!}
              />
            </div>
          )}
        </Grid>
      </Grid>
    </MlCard>
  );
}
