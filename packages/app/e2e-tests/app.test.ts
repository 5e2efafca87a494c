import { expect, test } from '@playwright/test';
import { card } from './pages';
import { signInAs, signOut } from './signIn';

test('a data scientist finds a model synced from SageMaker, its owner, versions and lineage', async ({
  page,
}) => {
  await signInAs(page, 'amelia.hart');
  await expect(
    page.getByRole('heading', { name: 'Acme ML Catalog' }),
  ).toBeVisible();

  // Filter the catalog to the Model kind.
  await page.getByLabel('Kind').click();
  await page.getByRole('option', { name: 'Model', exact: true }).click();
  // A signed-in team member starts on what their groups own.
  await page.getByRole('menuitem', { name: /^All/ }).click();
  // The demo's three models (and any the scaffolder test created before).
  await expect(
    page.getByRole('heading', { name: /^All Models \(\d+\)$/, level: 2 }),
  ).toBeVisible();
  for (const model of [
    'churn-classifier',
    'fraud-detector',
    'customer-lifetime-value',
  ]) {
    await expect(
      page.getByRole('link', { name: model, exact: true }),
    ).toBeVisible();
  }

  await page.getByRole('link', { name: 'churn-classifier' }).click();
  await expect(
    page.getByRole('heading', { name: 'churn-classifier' }),
  ).toBeVisible();
  await expect(
    card(page, 'About').getByRole('link', { name: 'Customer ML' }),
  ).toBeVisible();

  // Its versions, in the versions table.
  for (const version of [1, 2, 3, 4]) {
    await expect(
      page.getByRole('link', { name: `v${version}`, exact: true }),
    ).toBeVisible();
  }

  // Lineage: the version in production, the endpoint serving it and the
  // data it was trained on.
  await page.getByRole('link', { name: 'v4', exact: true }).click();
  await expect(
    page.getByRole('heading', { name: 'churn-classifier v4' }),
  ).toBeVisible();
  const lineage = card(page, 'Relations');
  await expect(lineage.getByText('trainedOn').first()).toBeVisible();
  await expect(lineage.getByText('deploys').first()).toBeVisible();
  await expect(
    lineage.getByText('customer-behaviour-features', { exact: true }),
  ).toBeVisible();
});

test('a demo visitor signs in as one user, signs out and signs in as another', async ({
  page,
}) => {
  await signInAs(page, 'amelia.hart', '/settings');
  await expect(page.getByText('Amelia Hart').first()).toBeVisible();

  await signOut(page);
  await expect(
    page.getByRole('list', { name: 'Members of model-risk' }),
  ).toContainText('Grace Adeyemi');

  await signInAs(page, 'grace.adeyemi', '/settings');
  await expect(page.getByText('Grace Adeyemi').first()).toBeVisible();
  await expect(page.getByText('Amelia Hart')).toHaveCount(0);
});
