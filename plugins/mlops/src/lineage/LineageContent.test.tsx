import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { version } from '../__testUtils__/fixtures';
import {
  mockMlopsApi,
  renderEntityCard,
} from '../__testUtils__/renderEntityCard';
import { LineageContent } from './LineageContent';

const graph = {
  root: 'modelversion:default/churn-3',
  nodes: [
    {
      id: 'modelversion:default/churn-3',
      kind: 'ModelVersion',
      name: 'churn-3',
      depth: 0,
    },
    {
      id: 'dataset:default/customers',
      kind: 'Dataset',
      name: 'customers',
      depth: 1,
    },
    {
      id: 's3://scratch/labels.csv',
      kind: 'S3',
      name: 'labels: s3://scratch/labels.csv',
      unmatched: true,
      depth: 1,
    },
  ],
  edges: [
    {
      source: 'dataset:default/customers',
      target: 'modelversion:default/churn-3',
      relation: 'trainedOn',
    },
    {
      source: 's3://scratch/labels.csv',
      target: 'modelversion:default/churn-3',
      relation: 'trainingInput',
    },
  ],
  truncated: true,
};

describe('LineageContent', () => {
  it('draws the graph from one lineage request and asks again at the chosen depth', async () => {
    const mlopsApi = mockMlopsApi({ getLineage: async () => graph });
    renderEntityCard(<LineageContent />, { entity: version(3), mlopsApi });
    expect(
      await screen.findByText('3 nodes, 2 edges — more beyond this depth'),
    ).toBeInTheDocument();
    expect(screen.getByTestId('lineage-graph')).toBeInTheDocument();
    expect(mlopsApi.getLineage).toHaveBeenCalledWith({
      entityRef: 'modelversion:default/churn-3',
      depth: 3,
      direction: 'both',
    });
    await userEvent.click(screen.getByLabelText('Depth'));
    await userEvent.click(
      await screen.findByRole('option', { name: '5 hops' }),
    );
    await waitFor(() =>
      expect(mlopsApi.getLineage).toHaveBeenLastCalledWith({
        entityRef: 'modelversion:default/churn-3',
        depth: 5,
        direction: 'both',
      }),
    );
  });

  it('says what failed when the lineage cannot be read', async () => {
    const mlopsApi = mockMlopsApi({
      getLineage: async () => {
        throw new Error('catalog timed out');
      },
    });
    renderEntityCard(<LineageContent />, { entity: version(3), mlopsApi });
    expect(
      (await screen.findAllByText(/catalog timed out/))[0],
    ).toBeInTheDocument();
  });
});
