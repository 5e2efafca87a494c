import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { screen } from '@testing-library/react';
import { model, version } from '../__testUtils__/fixtures';
import {
  mockMlopsApi,
  renderEntityCard,
} from '../__testUtils__/renderEntityCard';
import { ModelOverviewCard } from '../cards/ModelOverviewCard';
import { ModelVersionsCard } from '../cards/ModelVersionsCard';

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
  });
});
