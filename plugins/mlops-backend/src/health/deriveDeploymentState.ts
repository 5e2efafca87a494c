import type {
  HealthState,
  MonitoringExecutionHealth,
} from '@ml-foundation/plugin-mlops-common';

// Model quality violations mean the predictions themselves got worse; the
// other monitors see the inputs or explanations move away from the baseline.
const FAILING_TYPES = new Set(['ModelQuality']);

/**
 * A deployment's health from its endpoint status and the latest execution
 * of each of its monitoring schedules: `failing` over `drifting` over
 * `unknown` over `healthy`, so a report that cannot be read never hides a
 * violation another report shows.
 */
export function deriveDeploymentState(
  deploymentStatus: string | undefined,
  executions: MonitoringExecutionHealth[],
): { state: HealthState; reason?: string } {
  if (deploymentStatus === 'Failed') {
    return { state: 'failing', reason: 'The endpoint is in status Failed' };
  }
  const violating = executions.filter(e => e.violations.length > 0);
  const failing = violating.filter(e => FAILING_TYPES.has(e.monitoringType));
  if (failing.length > 0) {
    return { state: 'failing', reason: summarise(failing) };
  }
  if (violating.length > 0) {
    return { state: 'drifting', reason: summarise(violating) };
  }
  if (executions.length === 0) {
    return { state: 'unknown', reason: 'No monitoring schedule' };
  }
  const unreadable = executions.find(e => e.reportError);
  if (unreadable) {
    return { state: 'unknown', reason: unreadable.reportError };
  }
  const failed = executions.find(e => e.status === 'Failed');
  if (failed) {
    return {
      state: 'unknown',
      reason: `The last ${failed.monitoringType} execution of ${
        failed.scheduleName
      } failed${failed.failureReason ? `: ${failed.failureReason}` : ''}`,
    };
  }
  if (executions.every(e => e.status === 'NotStarted')) {
    return { state: 'unknown', reason: 'No monitoring execution yet' };
  }
  return { state: 'healthy' };
}

function summarise(executions: MonitoringExecutionHealth[]): string {
  return executions
    .map(
      e =>
        `${e.monitoringType}: ${e.violations.length} violation${
          e.violations.length === 1 ? '' : 's'
        } (${[...new Set(e.violations.map(v => v.featureName))].join(', ')})`,
    )
    .join('; ');
}
