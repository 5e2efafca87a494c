import { Table, type TableColumn } from '@backstage/core-components';
import Chip from '@material-ui/core/Chip';
import type { BiasMetric } from '@ml-foundation/plugin-mlops-common';
import { AsyncBoundary } from '../components/AsyncBoundary';
import { useVersionReports } from './useVersionReports';
import { MlCard } from '../components/MlCard';

const bounds = (m: BiasMetric) => {
  if (m.min === undefined && m.max === undefined) return '—';
  return [m.min ?? '−∞', m.max ?? '∞'].join(' … ');
};

const columns: TableColumn<BiasMetric>[] = [
  { title: 'Metric', render: m => m.description ?? m.name },
  {
    title: 'Stage',
    render: m =>
      m.stage === 'pre_training' ? 'pre-training' : 'post-training',
  },
  { title: 'Facet', render: m => `${m.facet} = ${m.facetValue}` },
  {
    title: 'Value',
    render: m => (m.value === null ? 'not computed' : m.value.toFixed(3)),
  },
  { title: 'Bounds', render: bounds },
  {
    title: 'Result',
    render: m => {
      if (m.passed === undefined) return '—';
      return (
        <Chip
          size="small"
          label={m.passed ? 'pass' : 'fail'}
          style={{
            backgroundColor: m.passed ? '#2e7d32' : '#d32f2f',
            color: '#fff',
          }}
        />
      );
    },
  },
];

/** Pre- and post-training bias metrics of a ModelVersion, against the policy's bounds. */
export function BiasCard() {
  const { value, loading, error } = useVersionReports();
  const report = value?.bias;
  return (
    <MlCard title="Bias (Clarify)">
      <AsyncBoundary
        loading={loading}
        error={error}
        empty={report?.state !== 'present'}
        inline
        emptyTitle={
          report?.state === 'unknown'
            ? `Bias report unreadable: ${report.reason}`
            : 'The model package has no bias report'
        }
      >
        {() => (
          <Table
            options={{ paging: false, search: false, padding: 'dense' }}
            columns={columns}
            data={report!.metrics}
          />
        )}
      </AsyncBoundary>
    </MlCard>
  );
}
