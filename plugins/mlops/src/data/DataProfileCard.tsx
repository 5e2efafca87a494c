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
  LabelList,
  ResponsiveContainer,
  XAxis,
  YAxis,
} from 'recharts';
import { mlopsApiRef } from '../api/mlopsApiRef';
import { AsyncBoundary } from '../components/AsyncBoundary';
import { formatTime } from '../components/formatTime';
import { Identifier } from '../components/Identifier';
import { MlCard } from '../components/MlCard';

const count = (n: number | undefined) =>
  n === undefined ? '—' : n.toLocaleString('en-GB');

/** A column's null share, e.g. `0.25%`; the count when the share is not known. */
export function nullsOf(c: ColumnProfile): string {
  if (c.nullShare === undefined) return `${count(c.nulls)} nulls`;
  const percent = c.nullShare * 100;
  return `${percent.toFixed(percent > 0 && percent < 0.1 ? 3 : 1)}%`;
}

/** What the column's values are: a range, true/false counts or lengths. */
export function valuesOf(c: ColumnProfile): string {
  if (c.kind === 'BOOLEAN') {
    return `${count(c.trues)} true / ${count(c.falses)} false`;
  }
  if (c.averageLength !== undefined) {
    return `avg length ${c.averageLength.toLocaleString('en-GB')}, max ${count(
      c.maxLength,
    )}`;
  }
  if (c.min === undefined && c.max === undefined) return '—';
  const show = (v: number | string | undefined) =>
    typeof v === 'number' ? v.toLocaleString('en-GB') : v ?? '—';
  return `${show(c.min)} – ${show(c.max)}`;
}

// Names wrap only after `_` or `.`, types and counts not at all. `width:
// 'auto'` sizes columns by their content, not in equal shares.
const NO_WRAP = { whiteSpace: 'nowrap' } as const;

const columns: TableColumn<ColumnProfile>[] = (
  [
    {
      title: 'Column',
      field: 'name',
      render: c => <Identifier name={c.name} />,
    },
    { title: 'Type', field: 'type', cellStyle: NO_WRAP },
    { title: 'Nulls', render: nullsOf, cellStyle: NO_WRAP },
    { title: 'Distinct', render: c => count(c.distinct), cellStyle: NO_WRAP },
    {
      title: 'Values',
      render: valuesOf,
      // Wraps between words, not inside a number.
      cellStyle: { overflowWrap: 'normal', wordBreak: 'normal' },
    },
  ] as TableColumn<ColumnProfile>[]
).map(c => ({ ...c, width: 'auto' }));

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
  // Columns without nulls would be empty bars: only those with some, most first.
  const withNulls = withShare
    .filter(c => c.nullShare! > 0)
    .sort((a, b) => b.nullShare! - a.nullShare!);
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
            {withShare.length > 0 && withNulls.length === 0 && (
              <Typography variant="body2" paragraph>
                No nulls in any analysed column.
              </Typography>
            )}
            {withNulls.length > 0 && (
              <div
                role="img"
                aria-label={`Null share by column: ${withNulls
                  .map(c => `${c.name} ${nullsOf(c)}`)
                  .join(', ')}`}
              >
                <ResponsiveContainer
                  width="100%"
                  height={withNulls.length * 26 + 30}
                >
                  <BarChart
                    layout="vertical"
                    margin={{ left: 8, right: 56 }}
                    data={withNulls.map(c => ({
                      name: c.name,
                      nulls: c.nullShare! * 100,
                      label: nullsOf(c),
                    }))}
                  >
                    <XAxis type="number" unit="%" fontSize={11} />
                    <YAxis
                      type="category"
                      dataKey="name"
                      width={170}
                      fontSize={11}
                      interval={0}
                    />
                    <Bar
                      dataKey="nulls"
                      fill="#f57c00"
                      isAnimationActive={false}
                    >
                      <LabelList
                        dataKey="label"
                        position="right"
                        fontSize={11}
                      />
                    </Bar>
                  </BarChart>
                </ResponsiveContainer>
              </div>
            )}
            <Table
              title="Columns"
              options={{
                paging: false,
                search: false,
                padding: 'dense',
                // Sort arrows would widen the headers past a half-width card.
                sorting: false,
              }}
              columns={columns}
              data={value!.columns}
            />
          </>
        )}
      </AsyncBoundary>
    </MlCard>
  );
}
