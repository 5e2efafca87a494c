import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import FormControl from '@material-ui/core/FormControl';
import InputLabel from '@material-ui/core/InputLabel';
import MenuItem from '@material-ui/core/MenuItem';
import MuiSelect from '@material-ui/core/Select';
import Typography from '@material-ui/core/Typography';
import type {
  EffectivePolicy,
  ModelEntityV1alpha1,
} from '@ml-foundation/plugin-mlops-common';
import { useMemo, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { mlopsApiRef } from '../api/mlopsApiRef';
import { metricNames, metricValue } from '../components/keyMetrics';
import { errorMessage } from '../components/errorMessage';
import type { ModelVersionSummary } from '../components/useModelVersions';

/** The lower bound a policy's metric-threshold checkpoints set on a metric. */
export function policyThreshold(
  policy: EffectivePolicy | undefined,
  metric: string,
): { stage: string; min: number } | undefined {
  for (const [stage, transition] of Object.entries(policy?.transitions ?? {})) {
    for (const checkpoint of transition.checkpoints) {
      const name = String(checkpoint.metric ?? '');
      const bare = name.slice(name.indexOf(':') + 1);
      if (
        checkpoint.type === 'metric-threshold' &&
        bare === metric &&
        typeof checkpoint.min === 'number'
      ) {
        return { stage, min: checkpoint.min };
      }
    }
  }
  return undefined;
}

/** A metric across a model's versions, with the policy's threshold drawn. */
export function MetricTrendChart(props: {
  model: ModelEntityV1alpha1;
  versions: ModelVersionSummary[];
}) {
  const mlopsApi = useApi(mlopsApiRef);
  const modelRef = stringifyEntityRef(props.model);
  const names = useMemo(() => metricNames(props.versions), [props.versions]);
  const [metric, setMetric] = useState(names[0]);
  // The chart still helps without the policy, so its error only hides the line.
  const policy = useAsync(
    () => mlopsApi.getPolicy(modelRef),
    [mlopsApi, modelRef],
  );
  const data = useMemo(
    () =>
      props.versions
        .map(v => ({
          version: v.spec.version,
          value: metricValue(v.spec.metrics, metric),
        }))
        .filter(point => point.value !== undefined)
        .sort((a, b) => a.version - b.version),
    [props.versions, metric],
  );
  if (names.length === 0) {
    return (
      <Typography color="textSecondary">
        No version has recorded metrics yet.
      </Typography>
    );
  }
  const threshold = policyThreshold(policy.value, metric);
  return (
    <>
      <FormControl style={{ minWidth: 200 }}>
        <InputLabel id="mlops-trend-metric">Metric</InputLabel>
        <MuiSelect
          labelId="mlops-trend-metric"
          value={metric}
          onChange={e => setMetric(String(e.target.value))}
        >
          {names.map(name => (
            <MenuItem key={name} value={name}>
              {name}
            </MenuItem>
          ))}
        </MuiSelect>
      </FormControl>
      <Typography
        variant="body2"
        color="textSecondary"
        style={{ marginTop: 8 }}
      >
        {threshold
          ? `Dashed line: the ${threshold.stage} policy requires ${metric} ≥ ${threshold.min}.`
          : `The policy sets no threshold on ${metric}.`}
        {policy.error
          ? ` (Policy could not be read: ${errorMessage(policy.error)})`
          : ''}
      </Typography>
      <div
        style={{ width: '100%', height: 260 }}
        aria-label={`${metric} by version`}
      >
        <ResponsiveContainer>
          <LineChart
            data={data}
            margin={{ top: 16, right: 24, bottom: 8, left: 0 }}
          >
            <CartesianGrid strokeDasharray="3 3" />
            {/* A number axis: a category axis measures every version's label. */}
            <XAxis
              dataKey="version"
              type="number"
              domain={['dataMin', 'dataMax']}
              allowDecimals={false}
              tickFormatter={v => `v${v}`}
            />
            <YAxis domain={['auto', 'auto']} />
            <Tooltip labelFormatter={v => `Version ${v}`} />
            <Line
              type="monotone"
              dataKey="value"
              name={metric}
              stroke="#1f77b4"
              dot={data.length <= 60}
              isAnimationActive={false}
            />
            {threshold && (
              <ReferenceLine
                y={threshold.min}
                stroke="#d62728"
                strokeDasharray="6 4"
                label={{
                  value: `${threshold.stage} ≥ ${threshold.min}`,
                  position: 'insideTopRight',
                }}
              />
            )}
          </LineChart>
        </ResponsiveContainer>
      </div>
    </>
  );
}
