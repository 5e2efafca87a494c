import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { screen, waitFor, within } from '@testing-library/react';
import { model, version } from '../__testUtils__/fixtures';
import {
  mockMlopsApi,
  renderEntityCard,
} from '../__testUtils__/renderEntityCard';
import { ModelVersionsCard } from './ModelVersionsCard';

describe('ModelVersionsCard', () => {
  it('lists versions newest first, ten a page, with approval, stage and key metric', async () => {
    const versions = Array.from({ length: 25 }, (_, i) =>
      version(
        i + 1,
        i === 24 ? { approvalStatus: 'Approved', stage: 'Production' } : {},
      ),
    );
    const mlopsApi = mockMlopsApi({
      getPolicy: async () => ({
        name: 'default',
        transitions: {
          production: {
            checkpoints: [
              {
                id: 'auc',
                type: 'metric-threshold',
                metric: 'validation:auc',
                min: 0.8,
              },
            ],
          },
        },
      }),
    });
    renderEntityCard(<ModelVersionsCard />, {
      entity: model,
      mlopsApi,
      catalogEntities: versions,
    });
    expect(await screen.findByText('Versions (25)')).toBeInTheDocument();
    const rows = screen
      .getAllByRole('row')
      .filter(r => within(r).queryByText(/^v\d+$/));
    expect(rows).toHaveLength(10);
    expect(within(rows[0]).getByText('v25')).toBeInTheDocument();
    expect(within(rows[0]).getByText('Approved')).toBeInTheDocument();
    expect(within(rows[0]).getByText('Production')).toBeInTheDocument();
    expect(within(rows[0]).getByText('0.950')).toBeInTheDocument();
    expect(
      await screen.findByText(
        'Dashed line: the production policy requires auc ≥ 0.8.',
      ),
    ).toBeInTheDocument();
    expect(mlopsApi.getPolicy).toHaveBeenCalledWith('model:default/churn');
  });

  it('shows the newest page while all versions load, then pages through all of them', async () => {
    const versions = Array.from({ length: 25 }, (_, i) => version(i + 1));
    const catalogApi = catalogApiMock({ entities: versions });
    // All versions (for the chart and the other pages) arrive when released.
    let releaseAll = () => {};
    const getEntities = catalogApi.getEntities.bind(catalogApi);
    jest.spyOn(catalogApi, 'getEntities').mockImplementation(
      request =>
        new Promise(resolve => {
          releaseAll = () => resolve(getEntities(request));
        }),
    );
    renderEntityCard(<ModelVersionsCard />, {
      entity: model,
      catalogApi,
      mlopsApi: mockMlopsApi({ getPolicy: async () => undefined as any }),
    });
    expect(await screen.findByText('Versions (25)')).toBeInTheDocument();
    const firstPage = () =>
      screen
        .getAllByRole('row')
        .map(r => within(r).queryByText(/^v\d+$/)?.textContent)
        .filter(Boolean);
    expect(firstPage()).toEqual(
      Array.from({ length: 10 }, (_, i) => `v${25 - i}`),
    );
    expect(screen.queryByText(/Dashed line|no threshold/)).toBeNull();

    releaseAll();
    expect((await screen.findAllByText('1-10 of 25')).length).toBeGreaterThan(
      0,
    );
    expect(firstPage()).toEqual(
      Array.from({ length: 10 }, (_, i) => `v${25 - i}`),
    );
    expect(
      await screen.findByText('The policy sets no threshold on auc.'),
    ).toBeInTheDocument();
  });

  it('keeps a stage on one line', async () => {
    renderEntityCard(<ModelVersionsCard />, {
      entity: model,
      mlopsApi: mockMlopsApi({ getPolicy: async () => undefined as any }),
      catalogEntities: [version(1, { stage: 'Production' })],
    });
    const stage = await screen.findByText('Production');
    await waitFor(() =>
      expect(stage.closest('td')).toHaveStyle({ whiteSpace: 'nowrap' }),
    );
  });

  it('still draws the trend when the policy cannot be read, and says why', async () => {
    const mlopsApi = mockMlopsApi({
      getPolicy: async () => {
        throw new Error('governance is down');
      },
    });
    renderEntityCard(<ModelVersionsCard />, {
      entity: model,
      mlopsApi,
      catalogEntities: [version(1)],
    });
    expect(
      await screen.findByText(/Policy could not be read: governance is down/),
    ).toBeInTheDocument();
    expect(screen.getByText('Versions (1)')).toBeInTheDocument();
  });
});
