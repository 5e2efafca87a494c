import { Table, type TableColumn } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import type {
  ConstraintViolation,
  DeploymentHealthReport,
  MonitoringExecutionHealth,
} from '@ml-foundation/plugin-mlops-common';
import {
  CartesianGrid,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatTime } from '../components/formatTime';
import { HealthStateChip } from './HealthStateChip';

const executionColumns: TableColumn<MonitoringExecutionHealth>[] = [
  { title: 'Monitoring', field: 'monitoringType' },
  { title: 'Schedule', field: 'scheduleName' },
  {
    title: 'Last execution',
    render: e =>
      `${e.status}${e.scheduledTime ? `, ${formatTime(e.scheduledTime)}` : ''}`,
  },
  {
    title: 'Note',
    render: e => e.reportError ?? e.failureReason ?? '',
  },
];

type ViolationRow = ConstraintViolation & { monitoringType: string };

const violationColumns: TableColumn<ViolationRow>[] = [
  { title: 'Feature', field: 'featureName' },
  { title: 'Check', field: 'constraintCheckType' },
  { title: 'Monitoring', field: 'monitoringType' },
  { title: 'Description', field: 'description' },
];

/** One deployment's state, executions, violations by feature and history. */
export function DeploymentHealthView(props: {
  health: DeploymentHealthReport;
}) {
  const { health } = props;
  const violations: ViolationRow[] = health.executions
    .flatMap(e =>
      e.violations.map(v => ({ ...v, monitoringType: e.monitoringType })),
    )
    .sort((a, b) => a.featureName.localeCompare(b.featureName));
  return (
    <>
      <Box display="flex" alignItems="center" style={{ gap: 8 }}>
        <HealthStateChip state={health.state} />
        <Typography variant="body2">
          {health.reason ?? 'Every monitor within its baseline'}
        </Typography>
      </Box>
      <Typography variant="caption" color="textSecondary">
        Checked {formatTime(health.checkedAt)}
      </Typography>
      {health.executions.length > 0 && (
        <Table
          title="Last execution per monitoring type"
          options={{ paging: false, search: false, padding: 'dense' }}
          columns={executionColumns}
          data={health.executions}
        />
      )}
      {violations.length > 0 && (
        <Table
          title={`Violations (${violations.length})`}
          options={{ paging: false, search: false, padding: 'dense' }}
          columns={violationColumns}
          data={violations}
        />
      )}
      {health.history.length > 1 && (
        <Box height={180} mt={2} aria-label="Violations over time">
          <ResponsiveContainer>
            <LineChart
              data={health.history.map(h => ({
                at: formatTime(h.checkedAt),
                violations: h.violationCount,
                state: h.state,
              }))}
            >
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="at" />
              <YAxis allowDecimals={false} />
              <Tooltip />
              <Line type="stepAfter" dataKey="violations" stroke="#ed6c02" />
            </LineChart>
          </ResponsiveContainer>
        </Box>
      )}
    </>
  );
}
