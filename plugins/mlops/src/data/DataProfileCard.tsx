import { stringifyEntityRef } from '@backstage/catalog-model';
import { Table, type TableColumn } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import type { ColumnProfile } from '@ml-foundation/plugin-mlops-common';
import useAsync from 'react-use/esm/useAsync';
import {
  Bar,
  BarChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { mlopsApiRef } from '../api/mlopsApiRef';
import { AsyncBoundary } from '../components/AsyncBoundary';
import { formatTime } from '../components/formatTime';
import { MlCard } from '../components/MlCard';

const count = (n: number | undefined) =>
  n === undefined ? '—' : n.toLocaleString('en-GB');

/** A column's null share, e.g. `0.25%`; the count when the share is not known. */
export function nullsOf(c: ColumnProfile): string {
  if (c.nullShare === undefined) return `${count(c.nulls)} nulls`;
  const percent = c.nullShare * 100;
  return `${percent.toFixed(percent > 0 && percent < 0.1 ? 3 : 1)}%`;
}

function range(c: ColumnProfile): string {
  if (c.kind === 'BOOLEAN') {
    return `${count(c.trues)} true / ${count(c.falses)} false`;
  }
  if (c.min === undefined && c.max === undefined) return '—';
  const show = (v: number | string | undefined) =>
    typeof v === 'number' ? v.toLocaleString('en-GB') : v ?? '—';
  return `${show(c.min)} – ${show(c.max)}`;
}

const columns: TableColumn<ColumnProfile>[] = [
  { title: 'Column', field: 'name' },
  { title: 'Type', field: 'type' },
  { title: 'Nulls', render: nullsOf },
  { title: 'Distinct', render: c => count(c.distinct) },
  { title: 'Min – max', render: range },
  {
    title: 'Avg length',
    render: c =>
      c.averageLength === undefined
        ? '—'
        : `${c.averageLength.toLocaleString('en-GB')} (max ${count(
            c.maxLength,
          )})`,
  },
];

/** A Dataset's column statistics from Glue, and the share of nulls per column. */
export function DataProfileCard() {
  const { entity } = useEntity();
  const mlopsApi = useApi(mlopsApiRef);
  const entityRef = stringifyEntityRef(entity);
  const { value, loading, error } = useAsync(
    () => mlopsApi.getDataProfile(entityRef),
    [mlopsApi, entityRef],
  );
  const withShare = (value?.columns ?? []).filter(
    c => c.nullShare !== undefined,
  );
  return (
    <MlCard title="Data profile">
      <AsyncBoundary
        loading={loading}
        error={error}
        empty={value?.state !== 'unknown' && value?.columns.length === 0}
        emptyTitle="No column statistics"
        emptyDescription={value?.reason}
      >
        {() => (
          <>
            {value!.state === 'unknown' && (
              <Alert severity="warning">{value!.reason}</Alert>
            )}
            {value!.state !== 'unknown' && value!.reason && (
              <Alert severity="info">{value!.reason}</Alert>
            )}
            <Typography variant="body2" color="textSecondary" paragraph>
              {value!.recordCount !== undefined &&
                `${count(value!.recordCount)} records · `}
              Analysed {formatTime(value!.columns[0]?.analyzedAt)}
              {value!.unanalysedColumns.length > 0 &&
                ` · not analysed: ${value!.unanalysedColumns.join(', ')}`}
            </Typography>
            {withShare.length > 0 && (
              <div aria-label="Null share by column">
                <ResponsiveContainer width="100%" height={160}>
                  <BarChart
                    data={withShare.map(c => ({
                      name: c.name,
                      nulls: Math.round(c.nullShare! * 10_000) / 100,
                    }))}
                  >
                    <XAxis dataKey="name" fontSize={11} />
                    <YAxis unit="%" fontSize={11} />
                    <Tooltip formatter={v => [`${v}%`, 'Nulls']} />
                    <Bar dataKey="nulls" fill="#f57c00" />
                  </BarChart>
                </ResponsiveContainer>
              </div>
            )}
            <Table
              title="Columns"
              options={{ paging: false, search: false, padding: 'dense' }}
              columns={columns}
              data={value!.columns}
            />
          </>
        )}
      </AsyncBoundary>
    </MlCard>
  );
}
