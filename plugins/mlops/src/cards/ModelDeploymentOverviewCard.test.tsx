import type { ModelDeploymentEntityV1alpha1 } from '@ml-foundation/plugin-mlops-common';
import { screen } from '@testing-library/react';
import { renderEntityCard } from '../__testUtils__/renderEntityCard';
import { ModelDeploymentOverviewCard } from './ModelDeploymentOverviewCard';

const endpoint: ModelDeploymentEntityV1alpha1 = {
  apiVersion: 'ml-foundation.dev/v1alpha1',
  kind: 'ModelDeployment',
  metadata: { name: 'churn-endpoint', namespace: 'default' },
  spec: {
    type: 'realtime-endpoint',
    owner: 'group:default/customer-ml',
    lifecycle: 'production',
    status: 'InService',
    variants: [
      {
        name: 'champion',
        modelVersion: 'modelversion:default/churn-4',
        weight: 9,
        instanceType: 'ml.m5.large',
        instanceCount: 2,
      },
      { name: 'legacy', modelName: 'churn-hand-built', weight: 1 },
    ],
    monitoringSchedules: [
      { name: 'churn-data-quality', type: 'DataQuality', status: 'Scheduled' },
    ],
  },
};

describe('ModelDeploymentOverviewCard', () => {
  it('shows each variant with its traffic share and the version it serves', async () => {
    renderEntityCard(<ModelDeploymentOverviewCard />, { entity: endpoint });
    expect(await screen.findByText('InService')).toBeInTheDocument();
    expect(screen.getByText('90%')).toBeInTheDocument();
    expect(screen.getByText('10%')).toBeInTheDocument();
    expect(screen.getByText('churn-4')).toBeInTheDocument();
    expect(
      screen.getByText('churn-hand-built (not in the registry)'),
    ).toBeInTheDocument();
    expect(screen.getByText('2 × ml.m5.large')).toBeInTheDocument();
    expect(
      screen.getByText('churn-data-quality (DataQuality: Scheduled)'),
    ).toBeInTheDocument();
  });
});
