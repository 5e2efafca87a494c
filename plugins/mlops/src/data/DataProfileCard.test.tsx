import type { Entity } from '@backstage/catalog-model';
import type { DataProfile } from '@ml-foundation/plugin-mlops-common';
import { screen, within } from '@testing-library/react';
import {
  mockMlopsApi,
  renderEntityCard,
} from '../__testUtils__/renderEntityCard';
import { DataProfileCard } from './DataProfileCard';

const dataset: Entity = {
  apiVersion: 'ml-foundation.dev/v1alpha1',
  kind: 'Dataset',
  metadata: { name: 'customers', namespace: 'default' },
  spec: {
    type: 'glue-table',
    owner: 'group:default/de',
    lifecycle: 'production',
  },
};

const profile: DataProfile = {
  entityRef: 'dataset:default/customers',
  state: 'ok',
  recordCount: 1_284_112,
  unanalysedColumns: ['cancelled_at'],
  checkedAt: '2025-03-10T12:00:00.000Z',
  columns: [
    {
      name: 'email',
      type: 'string',
      kind: 'STRING',
      nulls: 3_210,
      nullShare: 0.0025,
      distinct: 1_279_448,
      averageLength: 24.6,
      maxLength: 64,
      analyzedAt: '2025-03-09T02:00:00.000Z',
    },
    {
      name: 'date_of_birth',
      type: 'date',
      kind: 'DATE',
      nulls: 912,
      nullShare: 0.0007,
      distinct: 22_140,
      min: '1931-04-02',
      max: '2006-09-30',
    },
    {
      name: 'marketing_opt_in',
      type: 'boolean',
      kind: 'BOOLEAN',
      nulls: 5_812,
      nullShare: 0.0045,
      trues: 702_311,
      falses: 575_989,
    },
  ],
};

describe('DataProfileCard', () => {
  it("shows each column's type, nulls, distinct values, range and length", async () => {
    renderEntityCard(<DataProfileCard />, {
      entity: dataset,
      mlopsApi: mockMlopsApi({ getDataProfile: async () => profile }),
    });
    const email = (await screen.findByText('email')).closest('tr')!;
    expect(within(email).getByText('0.3%')).toBeInTheDocument();
    expect(within(email).getByText('1,279,448')).toBeInTheDocument();
    expect(
      within(email).getByText('avg length 24.6, max 64'),
    ).toBeInTheDocument();
    const dob = screen.getByText('date_of_birth').closest('tr')!;
    expect(
      within(dob).getByText('1931-04-02 – 2006-09-30'),
    ).toBeInTheDocument();
    expect(within(dob).getByText('0.070%')).toBeInTheDocument();
    expect(
      screen.getByText('702,311 true / 575,989 false'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/1,284,112 records .* not analysed: cancelled_at/),
    ).toBeInTheDocument();
    // The chart, most nulls first; its label reads it out.
    expect(
      screen.getByRole('img', {
        name: 'Null share by column: marketing_opt_in 0.4%, email 0.3%, date_of_birth 0.070%',
      }),
    ).toBeInTheDocument();
  });

  it('says there are no nulls instead of drawing empty bars', async () => {
    renderEntityCard(<DataProfileCard />, {
      entity: dataset,
      mlopsApi: mockMlopsApi({
        getDataProfile: async () => ({
          ...profile,
          columns: profile.columns.map(c => ({ ...c, nulls: 0, nullShare: 0 })),
        }),
      }),
    });
    expect(
      await screen.findByText('No nulls in any analysed column.'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('img')).not.toBeInTheDocument();
  });

  it('says why there are no statistics, and warns when they could not be read', async () => {
    const { unmount } = await renderEntityCard(<DataProfileCard />, {
      entity: dataset,
      mlopsApi: mockMlopsApi({
        getDataProfile: async () => ({
          ...profile,
          state: 'none',
          columns: [],
          reason: 'No column of this table has been analysed',
        }),
      }),
    });
    expect(await screen.findByText('No column statistics')).toBeInTheDocument();
    expect(
      screen.getByText(/No column of this table has been analysed/),
    ).toBeInTheDocument();
    unmount();

    renderEntityCard(<DataProfileCard />, {
      entity: dataset,
      mlopsApi: mockMlopsApi({
        getDataProfile: async () => ({
          ...profile,
          state: 'unknown',
          columns: [],
          reason: 'Could not read the column statistics: AccessDeniedException',
        }),
      }),
    });
    expect(
      await screen.findByText(
        'Could not read the column statistics: AccessDeniedException',
      ),
    ).toBeInTheDocument();
  });

  it('shows the error when the profile cannot be fetched', async () => {
    renderEntityCard(<DataProfileCard />, {
      entity: dataset,
      mlopsApi: mockMlopsApi({
        getDataProfile: async () => {
          throw new Error('Backend unavailable');
        },
      }),
    });
    expect(
      await screen.findByText('Error: Backend unavailable'),
    ).toBeInTheDocument();
  });
});
