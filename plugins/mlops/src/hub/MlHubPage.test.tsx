import type { Entity } from '@backstage/catalog-model';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import type { ReviewQuery } from '@ml-foundation/plugin-mlops-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import {
  dataset,
  featureGroup,
  model,
  review,
  version,
} from '../__testUtils__/fixtures';
import {
  mockMlopsApi,
  renderMlopsPage,
} from '../__testUtils__/renderEntityCard';
import { MlHubPage } from './MlHubPage';

const fraud: Entity = {
  apiVersion: 'ml-foundation.dev/v1alpha1',
  kind: 'Model',
  metadata: { name: 'fraud', namespace: 'default', tags: ['payments'] },
  spec: {
    owner: 'data-engineering',
    lifecycle: 'experimental',
    description: 'Flags card payments for review.',
  },
};

const estate: Entity[] = [
  { ...model, metadata: { ...model.metadata, tags: ['churn'] } },
  fraud,
  dataset,
  featureGroup,
  version(1, { stage: 'Production', approvalStatus: 'Approved' }),
  version(2, { stage: 'Staging', createdBy: 'bob' }),
];

/** The hub's answers from the mlops backend: one review awaits me, nothing needs attention. */
const hubApi = () =>
  mockMlopsApi({
    listReviews: async (query?: ReviewQuery) =>
      query?.awaitingMe
        ? [review({ entityRef: 'modelversion:default/churn-2' })]
        : [],
    listNeedsAttention: async () => [],
  });

/** The names in the table's rows, in order. */
const shownNames = () =>
  screen
    .getAllByRole('row')
    .slice(1) // the header
    .map(row => within(row).queryAllByRole('link')[0]?.textContent)
    .filter(Boolean);

/** Picks an option of a filter (the table's column headers have the same names). */
async function pick(label: string, option: string) {
  // MUI v4's Select opens on mouse down
  fireEvent.mouseDown(screen.getByLabelText(label));
  fireEvent.click(await screen.findByRole('option', { name: option }));
  // the menu stays in the page, hidden, until its closing transition ends
  await waitFor(() =>
    expect(
      screen.queryByRole('listbox', { hidden: true }),
    ).not.toBeInTheDocument(),
  );
}

describe('MlHubPage', () => {
  it('lists models, datasets and feature groups with their owner, latest version and stages, linking to their pages', async () => {
    renderMlopsPage(<MlHubPage />, {
      catalogEntities: estate,
      mlopsApi: hubApi(),
    });
    expect(
      await screen.findByText('4 of 4 models, datasets and feature groups'),
    ).toBeInTheDocument();
    expect(shownNames()).toEqual([
      'Churn',
      'fraud',
      'customers',
      'customer-features',
    ]);
    const churn = within(screen.getByRole('row', { name: /^Churn / }));
    expect(churn.getByRole('link', { name: 'Churn' })).toHaveAttribute(
      'href',
      '/catalog/default/model/churn',
    );
    expect(churn.getByRole('link', { name: 'ml-platform' })).toHaveAttribute(
      'href',
      '/catalog/default/group/ml-platform',
    );
    expect(churn.getByText('Pending approval')).toBeInTheDocument();
    // newest version's stage first
    expect(churn.getByText('Staging, Production')).toBeInTheDocument();
    expect(
      within(screen.getByRole('row', { name: /^fraud / })).getByText(/^none/),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'customer-features' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/featuregroup/customer-features',
    );
  });

  it('narrows the list by search text over names, descriptions and tags', async () => {
    renderMlopsPage(<MlHubPage />, {
      catalogEntities: estate,
      mlopsApi: hubApi(),
    });
    await screen.findByText('4 of 4 models, datasets and feature groups');
    const search = screen.getByRole('textbox', { name: 'Search' });

    // in any case; customer-features matches by its description only
    fireEvent.change(search, { target: { value: ' CUSTOMER ' } });
    expect(shownNames()).toEqual(['Churn', 'customers', 'customer-features']);
    expect(
      screen.getByText('3 of 4 models, datasets and feature groups'),
    ).toBeInTheDocument();
    fireEvent.change(search, { target: { value: 'payments' } });
    expect(shownNames()).toEqual(['fraud']);
    fireEvent.change(search, { target: { value: 'recommendations' } });
    expect(shownNames()).toEqual([]);
    expect(
      screen.getByText('Nothing matches these filters.'),
    ).toBeInTheDocument();
    fireEvent.change(search, { target: { value: '' } });
    expect(shownNames()).toHaveLength(4);
  });

  it('narrows the list by kind, owner and tag', async () => {
    renderMlopsPage(<MlHubPage />, {
      catalogEntities: estate,
      mlopsApi: hubApi(),
    });
    await screen.findByText('4 of 4 models, datasets and feature groups');

    await pick('Kind', 'Feature group');
    expect(shownNames()).toEqual(['customer-features']);
    await pick('Kind', 'Any');

    await pick('Owner', 'data-engineering');
    expect(shownNames()).toEqual(['fraud', 'customers']);
    await pick('Owner', 'Any');

    await pick('Tag', 'churn');
    expect(shownNames()).toEqual(['Churn', 'customer-features']);
  });

  it("narrows the list by the newest version's approval, the stages and my groups", async () => {
    renderMlopsPage(<MlHubPage />, {
      catalogEntities: estate,
      mlopsApi: hubApi(),
    });
    await screen.findByText('4 of 4 models, datasets and feature groups');

    await pick('Approval status', 'Pending approval');
    expect(shownNames()).toEqual(['Churn']);
    // version 1 is approved, but not the newest
    await pick('Approval status', 'Approved');
    expect(shownNames()).toEqual([]);
    await pick('Approval status', 'Any');

    await pick('Stage', 'Production');
    expect(shownNames()).toEqual(['Churn']);
    await pick('Stage', 'Any');

    fireEvent.click(
      screen.getByRole('checkbox', { name: 'Mine (owned by my groups)' }),
    );
    expect(shownNames()).toEqual(['Churn', 'customer-features']);
  });

  it('shows what awaits my approval and the recently registered versions', async () => {
    renderMlopsPage(<MlHubPage />, {
      catalogEntities: estate,
      mlopsApi: hubApi(),
    });
    const awaiting = within(
      screen.getByRole('region', { name: 'Awaiting my approval' }),
    );
    expect(
      await awaiting.findByRole('link', { name: 'churn-2' }),
    ).toHaveAttribute('href', '/catalog/default/modelversion/churn-2');
    expect(awaiting.getByRole('listitem')).toHaveTextContent(
      /^churn-2 to production, requested by bob /,
    );

    const recent = within(
      screen.getByRole('region', { name: 'Recently registered versions' }),
    );
    expect(
      (await recent.findAllByRole('listitem')).map(i => i.textContent),
    ).toEqual([
      expect.stringMatching(/^churn-2 Pending approval Staging · .* by bob$/),
      expect.stringMatching(/^churn-1 Approved Production · .* by alice$/),
    ]);
    expect(
      await within(
        screen.getByRole('region', { name: 'Needs attention' }),
      ).findByText('Nothing needs attention'),
    ).toBeInTheDocument();
  });

  it('says why when the catalog cannot be read', async () => {
    const catalogApi = catalogApiMock.mock({
      getEntities: jest.fn(async () => {
        throw new Error('catalog is unavailable');
      }),
    });
    renderMlopsPage(<MlHubPage />, { catalogApi, mlopsApi: hubApi() });
    expect(
      (await screen.findAllByText(/catalog is unavailable/))[0],
    ).toBeInTheDocument();
    expect(
      screen.queryByText(/models, datasets and feature groups$/),
    ).not.toBeInTheDocument();
  });
});
