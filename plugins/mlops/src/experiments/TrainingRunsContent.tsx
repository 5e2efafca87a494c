import { stringifyEntityRef } from '@backstage/catalog-model';
import { Table, type TableColumn } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Checkbox from '@material-ui/core/Checkbox';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import type {
  TrainingRun,
  TrainingRuns,
} from '@ml-foundation/plugin-mlops-common';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { mlopsApiRef } from '../api/mlopsApiRef';
import { AsyncBoundary } from '../components/AsyncBoundary';
import { formatTime } from '../components/formatTime';
import { formatMetric } from '../components/keyMetrics';
import { formatDuration, objectiveMetric } from './compareRuns';
import { RunComparison } from './RunComparison';
import { RUN_QUERY_PARAMETER } from './trainingRunsRoute';
import { MlCard } from '../components/MlCard';

/** How many runs the comparison takes at most. */
export const MAX_COMPARED_RUNS = 5;

type Row = TrainingRun & { objective?: number };

function RunsView(props: { result: TrainingRuns }) {
  const { runs, notes, truncated, experiments } = props.result;
  const [searchParams, setSearchParams] = useSearchParams();
  const [selected, setSelected] = useState<string[]>(() =>
    searchParams
      .getAll(RUN_QUERY_PARAMETER)
      .filter(id => runs.some(r => r.id === id))
      .slice(0, MAX_COMPARED_RUNS),
  );
  const objective = useMemo(() => objectiveMetric(runs), [runs]);
  const rows: Row[] = useMemo(
    () =>
      runs.map(r => ({
        ...r,
        objective: r.metrics.find(m => m.name === objective)?.value,
      })),
    [runs, objective],
  );

  const toggle = (id: string) => {
    const next = selected.includes(id)
      ? selected.filter(s => s !== id)
      : [...selected, id];
    setSelected(next);
    const params = new URLSearchParams(searchParams);
    params.delete(RUN_QUERY_PARAMETER);
    next.forEach(s => params.append(RUN_QUERY_PARAMETER, s));
    setSearchParams(params, { replace: true });
  };

  const columns: TableColumn<Row>[] = [
    {
      title: 'Compare',
      field: 'id',
      sorting: false,
      width: '64px',
      render: row => (
        <Checkbox
          checked={selected.includes(row.id)}
          disabled={
            !selected.includes(row.id) && selected.length >= MAX_COMPARED_RUNS
          }
          onChange={() => toggle(row.id)}
          inputProps={{ 'aria-label': `Compare ${row.name}` }}
        />
      ),
    },
    {
      title: 'Run',
      field: 'name',
      render: row => (
        <>
          <Typography variant="body2">{row.name}</Typography>
          {row.source === 'trial-component' && (
            <Typography variant="caption" color="textSecondary">
              Trial component without a training job
            </Typography>
          )}
          {row.failureReason && (
            <Typography variant="caption" color="error" display="block">
              {row.failureReason}
            </Typography>
          )}
          {row.notes.map(note => (
            <Typography
              key={note}
              variant="caption"
              color="textSecondary"
              display="block"
            >
              ⚠ {note}
            </Typography>
          ))}
        </>
      ),
    },
    { title: 'Status', field: 'status', render: row => row.status ?? '—' },
    {
      title: 'Started',
      field: 'startedAt',
      defaultSort: 'desc',
      render: row => formatTime(row.startedAt),
    },
    {
      title: 'Duration',
      field: 'durationSeconds',
      type: 'numeric',
      render: row => formatDuration(row.durationSeconds) ?? '—',
    },
    {
      title: 'Instance',
      field: 'instanceType',
      render: row =>
        row.instanceType
          ? `${row.instanceCount ?? 1} × ${row.instanceType}`
          : '—',
    },
    ...(objective
      ? [
          {
            title: objective,
            field: 'objective',
            type: 'numeric',
            render: (row: Row) => formatMetric(row.objective),
          } as TableColumn<Row>,
        ]
      : []),
    {
      title: 'Version',
      field: 'versionRef',
      render: row =>
        row.versionRef ? <EntityRefLink entityRef={row.versionRef} /> : '—',
    },
  ];

  const compared = selected
    .map(id => runs.find(r => r.id === id))
    .filter((r): r is TrainingRun => r !== undefined);
  return (
    <>
      {notes.map(note => (
        <Box mb={1} key={note}>
          <Alert severity="warning">{note}</Alert>
        </Box>
      ))}
      {truncated && (
        <Box mb={1}>
          <Alert severity="info">
            Only the newest runs of each experiment are shown
            (mlops.experiments.maxRuns).
          </Alert>
        </Box>
      )}
      <Table<Row>
        title={`Training runs (${runs.length})`}
        subtitle={
          experiments.length > 0
            ? `Experiments: ${experiments.join(', ')}`
            : 'Training jobs of the versions; no SageMaker experiment found'
        }
        options={{
          paging: runs.length > 20,
          pageSize: 20,
          search: true,
          padding: 'dense',
        }}
        columns={columns}
        data={rows}
      />
      <Box mt={2}>
        <MlCard title="Comparison">
          {compared.length < 2 ? (
            <Typography color="textSecondary">
              Select 2 to {MAX_COMPARED_RUNS} runs to compare them side by side.
            </Typography>
          ) : (
            <RunComparison runs={compared} />
          )}
        </MlCard>
      </Box>
    </>
  );
}

/**
 * The **Training runs** tab of a Model: its runs in a table (its versions'
 * training jobs and its SageMaker experiments' trial components) and a
 * side-by-side comparison of the runs selected, which `?run=` preselects.
 */
export function TrainingRunsContent() {
  const { entity } = useEntity();
  const mlopsApi = useApi(mlopsApiRef);
  const modelRef = stringifyEntityRef(entity);
  const { value, loading, error } = useAsync(
    () => mlopsApi.listTrainingRuns(modelRef),
    [mlopsApi, modelRef],
  );
  return (
    <AsyncBoundary
      loading={loading}
      error={error}
      empty={value?.runs.length === 0 && value.notes.length === 0}
      emptyTitle="No training runs yet"
      emptyDescription="Runs appear once a version has a SageMaker training job, or the model's experiment (annotation ml-foundation.dev/sagemaker-experiment) has trial components."
    >
      {() => <RunsView result={value!} />}
    </AsyncBoundary>
  );
}
