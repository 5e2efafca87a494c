import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import {
  Bar,
  BarChart,
  CartesianGrid,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { AsyncBoundary } from '../components/AsyncBoundary';
import { foldImportances } from './foldImportances';
import { useVersionReports } from './useVersionReports';
import { MlCard } from '../components/MlCard';

const TOP_N = 10;

/** Global SHAP feature importance of a ModelVersion, from Clarify. */
export function ExplainabilityCard() {
  const { value, loading, error } = useVersionReports();
  const report = value?.explainability;
  return (
    <MlCard title="Explainability (global SHAP)">
      <AsyncBoundary
        loading={loading}
        error={error}
        empty={report?.state !== 'present'}
        inline
        emptyTitle={
          report?.state === 'unknown'
            ? `Explainability report unreadable: ${report.reason}`
            : 'The model package has no explainability report'
        }
      >
        {() => {
          const bars = foldImportances(report!.importances, TOP_N).map(i => ({
            feature: i.feature,
            importance: Math.abs(i.importance),
          }));
          return (
            <>
              <Box height={Math.max(160, bars.length * 28)}>
                <ResponsiveContainer>
                  <BarChart data={bars} layout="vertical" margin={{ left: 40 }}>
                    <CartesianGrid strokeDasharray="3 3" />
                    <XAxis type="number" />
                    <YAxis type="category" dataKey="feature" width={160} />
                    <Tooltip />
                    <Bar dataKey="importance" fill="#1976d2" />
                  </BarChart>
                </ResponsiveContainer>
              </Box>
              <ol aria-label="Feature importance">
                {bars.map(b => (
                  <li key={b.feature}>
                    <Typography variant="body2">
                      {b.feature}: {b.importance.toFixed(4)}
                    </Typography>
                  </li>
                ))}
              </ol>
              <Typography variant="caption" color="textSecondary">
                {report!.uri}
              </Typography>
            </>
          );
        }}
      </AsyncBoundary>
    </MlCard>
  );
}
