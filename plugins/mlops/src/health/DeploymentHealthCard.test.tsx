import type { Entity } from '@backstage/catalog-model';
import type { DeploymentHealthReport } from '@ml-foundation/plugin-mlops-common';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import {
  mockMlopsApi,
  renderEntityCard,
} from '../__testUtils__/renderEntityCard';
import { DeploymentHealthCard } from './DeploymentHealthCard';

const deployment: Entity = {
  apiVersion: 'ml-foundation.dev/v1alpha1',
  kind: 'ModelDeployment',
  metadata: { name: 'churn-endpoint', namespace: 'default' },
  spec: { type: 'realtime-endpoint', owner: 'group:default/ds', variants: [] },
};

const drifting: DeploymentHealthReport = {
  entityRef: 'modeldeployment:default/churn-endpoint',
  state: 'drifting',
  reason: 'DataQuality: 2 violations (tenure_months, contract_type)',
  checkedAt: '2026-12-01T12:00:00.000Z',
  modelRef: 'model:default/churn',
  retrainingPipeline: 'churn-training',
  executions: [
    {
      scheduleName: 'churn-endpoint-data-quality',
      monitoringType: 'DataQuality',
      status: 'CompletedWithViolations',
      scheduledTime: '2026-12-01T11:00:00.000Z',
      violations: [
        {
          featureName: 'tenure_months',
          constraintCheckType: 'baseline_drift_check',
          description: 'Baseline drift distance: 0.27 exceeds threshold: 0.1',
        },
        {
          featureName: 'contract_type',
          constraintCheckType: 'categorical_values_check',
          description: "Value: 'monthly-flex' not in the baseline",
        },
      ],
    },
    {
      scheduleName: 'churn-endpoint-model-quality',
      monitoringType: 'ModelQuality',
      status: 'Completed',
      violations: [],
    },
  ],
  history: [
    { state: 'healthy', violationCount: 0, checkedAt: '2026-12-01T10:00:00Z' },
    { state: 'drifting', violationCount: 2, checkedAt: '2026-12-01T12:00:00Z' },
  ],
};

describe('DeploymentHealthCard', () => {
  it('shows the state, the last execution per monitoring type and the violations by feature', async () => {
    renderEntityCard(<DeploymentHealthCard />, {
      entity: deployment,
      mlopsApi: mockMlopsApi({ getDeploymentHealth: async () => drifting }),
    });
    expect(await screen.findByText('drifting')).toBeInTheDocument();
    expect(screen.getByText(drifting.reason!)).toBeInTheDocument();
    expect(
      screen.getByText('churn-endpoint-model-quality'),
    ).toBeInTheDocument();
    expect(screen.getByText('Violations (2)')).toBeInTheDocument();
    expect(screen.getByText('tenure_months')).toBeInTheDocument();
    expect(screen.getByText('categorical_values_check')).toBeInTheDocument();
  });

  it('starts retraining with the reason given', async () => {
    const api = mockMlopsApi({
      getDeploymentHealth: async () => drifting,
      retrain: async request => ({
        id: '1',
        modelRef: 'model:default/churn',
        pipeline: 'churn-training',
        executionArn:
          'arn:aws:sagemaker:eu-west-1:123456789012:pipeline/churn-training/execution/abc',
        status: 'Executing',
        startedBy: 'user:default/alice',
        reason: request.reason,
        startedAt: '2026-12-01T12:05:00Z',
      }),
    });
    renderEntityCard(<DeploymentHealthCard />, {
      entity: deployment,
      mlopsApi: api,
    });
    const button = await screen.findByRole('button', { name: 'Retrain' });
    expect(button).toBeDisabled();
    fireEvent.change(screen.getByLabelText('Reason for retraining'), {
      target: { value: 'tenure drifted' },
    });
    await waitFor(() => expect(button).toBeEnabled());
    fireEvent.click(button);
    expect(
      await screen.findByText(/Started arn:aws:sagemaker.*execution\/abc/),
    ).toBeInTheDocument();
    expect(api.retrain).toHaveBeenCalledWith({
      entityRef: 'modeldeployment:default/churn-endpoint',
      reason: 'tenure drifted',
    });
  });

  it('disables retraining with the reason when not allowed or without a pipeline', async () => {
    // usePermission caches answers per resource: another Model than the allowed tests
    const { unmount } = await renderEntityCard(<DeploymentHealthCard />, {
      entity: deployment,
      allowed: false,
      mlopsApi: mockMlopsApi({
        getDeploymentHealth: async () => ({
          ...drifting,
          modelRef: 'model:default/churn-denied',
        }),
      }),
    });
    expect(
      await screen.findByText(
        'You lack the mlops.retrain permission on this Model',
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Retrain' })).toBeDisabled();
    unmount();

    renderEntityCard(<DeploymentHealthCard />, {
      entity: deployment,
      mlopsApi: mockMlopsApi({
        getDeploymentHealth: async () => ({
          ...drifting,
          retrainingPipeline: undefined,
        }),
      }),
    });
    expect(
      await screen.findByText(/The Model names no retraining pipeline/),
    ).toBeInTheDocument();
  });
});
