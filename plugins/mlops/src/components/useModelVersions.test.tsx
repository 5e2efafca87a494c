import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { screen } from '@testing-library/react';
import { model, version } from '../__testUtils__/fixtures';
import {
  mockMlopsApi,
  renderEntityCard,
} from '../__testUtils__/renderEntityCard';
import { ModelOverviewCard } from '../cards/ModelOverviewCard';
import { ModelVersionsCard } from '../cards/ModelVersionsCard';
import { useModelVersions } from './useModelVersions';

describe('useModelVersions', () => {
  it("reads a model's versions once for the Model page's cards, without their whole specs", async () => {
    const catalogApi = catalogApiMock({
      entities: [
        version(1, { stage: 'Production', approvalStatus: 'Approved' }),
        version(2, { stage: 'Staging' }),
        version(3),
      ],
    });
    const getEntities = jest.spyOn(catalogApi, 'getEntities');
    const queryEntities = jest.spyOn(catalogApi, 'queryEntities');
    renderEntityCard(
      <>
        <ModelOverviewCard />
        <ModelVersionsCard />
      </>,
      {
        entity: model,
        catalogApi,
        mlopsApi: mockMlopsApi({ getPolicy: async () => undefined as any }),
      },
    );
    expect(await screen.findByText('Versions (3)')).toBeInTheDocument();
    expect(await screen.findByText('Version 1')).toBeInTheDocument();
    // What the cards show still arrives: stage, approval, metric, creator.
    expect(screen.getAllByText('Production').length).toBeGreaterThan(0);
    expect(screen.getAllByText('Approved').length).toBeGreaterThan(0);
    expect(screen.getByText('0.710')).toBeInTheDocument();
    expect(screen.getAllByText('alice').length).toBe(3);

    expect(getEntities).toHaveBeenCalledTimes(1);
    const { fields } = getEntities.mock.calls[0][0]!;
    expect(fields).not.toContain('spec');
    expect(fields).not.toContain('relations');
    // The versions table's first page, asked for on its own.
    expect(queryEntities).toHaveBeenCalledTimes(1);
    expect(queryEntities.mock.calls[0][0]).toMatchObject({
      limit: 10,
      orderFields: { field: 'spec.createdAt', order: 'desc' },
      fields,
    });
  });

  it('gives the newest versions by number, and how many there are', async () => {
    const catalogApi = catalogApiMock({
      entities: [version(9), version(10), version(8), version(11)],
    });
    function Newest() {
      const { newest } = useModelVersions(model, { newest: 2 });
      return (
        <p>
          {newest
            ? `${newest.items.map(v => v.spec.version).join(', ')} of ${
                newest.totalItems
              }`
            : 'loading'}
        </p>
      );
    }
    renderEntityCard(<Newest />, { entity: model, catalogApi });
    expect(await screen.findByText('11, 10 of 4')).toBeInTheDocument();
  });
});
