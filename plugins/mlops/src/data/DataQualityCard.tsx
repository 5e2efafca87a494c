import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import useAsync from 'react-use/esm/useAsync';
import {
  CartesianGrid,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { mlopsApiRef } from '../api/mlopsApiRef';
import { AsyncBoundary } from '../components/AsyncBoundary';
import { formatTime } from '../components/formatTime';
import { MlCard } from '../components/MlCard';

const percent = (score: number) => `${Math.round(score * 1000) / 10}%`;

/** A Dataset's latest Glue Data Quality score, its failing rules and its trend. */
export function DataQualityCard() {
  const { entity } = useEntity();
  const mlopsApi = useApi(mlopsApiRef);
  const entityRef = stringifyEntityRef(entity);
  const { value, loading, error } = useAsync(
    () => mlopsApi.getDataQuality(entityRef),
    [mlopsApi, entityRef],
  );
  const latest = value?.latest;
  const failing = latest?.rules.filter(r => r.result !== 'PASS') ?? [];
  return (
    <MlCard title="Data quality">
      <AsyncBoundary
        loading={loading}
        error={error}
        empty={value?.state !== 'unknown' && !latest}
        emptyTitle="No data quality results"
        emptyDescription={value?.reason}
      >
        {() => (
          <>
            {value!.state === 'unknown' && (
              <Alert severity="warning">{value!.reason}</Alert>
            )}
            {latest && (
              <>
                <Typography variant="h4" component="p">
                  {percent(latest.score)}
                </Typography>
                <Typography variant="body2" color="textSecondary" paragraph>
                  {latest.rules.length - failing.length} of{' '}
                  {latest.rules.length} rules passed
                  {latest.ruleset && ` · ruleset ${latest.ruleset}`} ·{' '}
                  {formatTime(latest.startedAt)}
                </Typography>
                {failing.length > 0 && (
                  <>
                    <Typography variant="subtitle2">
                      Failing rules ({failing.length})
                    </Typography>
                    <List dense>
                      {failing.map(rule => (
                        <ListItem key={rule.name} disableGutters>
                          <ListItemText
                            primary={`${rule.result} · ${
                              rule.rule ?? rule.name
                            }`}
                            secondary={rule.message}
                          />
                        </ListItem>
                      ))}
                    </List>
                  </>
                )}
              </>
            )}
            {value!.trend.length > 1 && (
              <div aria-label="Score trend">
                <ResponsiveContainer width="100%" height={180}>
                  <LineChart
                    data={value!.trend.map(p => ({
                      at: p.startedAt.slice(0, 10),
                      score: Math.round(p.score * 1000) / 10,
                    }))}
                  >
                    <CartesianGrid strokeDasharray="3 3" />
                    <XAxis dataKey="at" fontSize={11} />
                    <YAxis domain={[0, 100]} unit="%" fontSize={11} />
                    <Tooltip formatter={v => [`${v}%`, 'Score']} />
                    <Line type="monotone" dataKey="score" stroke="#1976d2" />
                  </LineChart>
                </ResponsiveContainer>
              </div>
            )}
          </>
        )}
      </AsyncBoundary>
    </MlCard>
  );
}
