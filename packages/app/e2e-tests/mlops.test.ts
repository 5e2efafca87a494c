import { expect, test } from '@playwright/test';
import { capture, entityTab } from './pages';
import { signInAs } from './signIn';

test('find a model from the ML hub and follow its lineage', async ({
  page,
}) => {
  await signInAs(page, 'amelia.hart', '/ml');
  await page.getByRole('textbox', { name: 'Search' }).fill('churn');
  await expect(
    page.getByRole('link', { name: 'churn-classifier', exact: true }),
  ).toBeVisible();
  await capture(page, 'ml-hub');

  await page
    .getByRole('link', { name: 'churn-classifier', exact: true })
    .click();
  await expect(page.getByText('At a glance')).toBeVisible();
  await expect(page.getByText(/^Versions \(\d+\)$/)).toBeVisible();
  await capture(page, 'model');

  await entityTab(page, 'Lineage').click();
  await expect(page.getByText(/\d+ nodes, \d+ edges/)).toBeVisible();
  await expect(
    page.getByTestId('lineage-graph').getByText('churn-classifier v5'),
  ).toBeVisible();
  await capture(page, 'model-lineage');

  // Clicking a node opens that entity's page.
  await page
    .getByTestId('lineage-graph')
    .getByText('churn-classifier v5')
    .click();
  await expect(page.getByText('Metrics by split')).toBeVisible();
  await capture(page, 'model-version');

  for (const tab of ['Governance', 'Audit trail']) {
    await entityTab(page, tab).click();
    await expect(
      page
        .getByText(
          tab === 'Governance'
            ? 'Policy'
            : /Chain (verified|broken|not verified)/,
        )
        .first(),
    ).toBeVisible();
    await capture(page, `model-version-${tab.toLowerCase().replace(' ', '-')}`);
  }
});
