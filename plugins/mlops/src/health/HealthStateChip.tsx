import Chip from '@material-ui/core/Chip';
import type { HealthState } from '@ml-foundation/plugin-mlops-common';

const COLORS: Record<HealthState, string> = {
  healthy: '#2e7d32',
  drifting: '#ed6c02',
  failing: '#d32f2f',
  unknown: '#757575',
};

/** A deployment's health state, coloured. */
export function HealthStateChip(props: { state: HealthState }) {
  return (
    <Chip
      size="small"
      label={props.state}
      style={{ backgroundColor: COLORS[props.state], color: '#fff' }}
    />
  );
}
