import { expect, Page, test } from '@playwright/test';

async function enterAsGuest(page: Page) {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  await expect(
    page.getByRole('heading', { name: 'Acme ML Catalog' }),
  ).toBeVisible();
}

test('a data scientist finds a model, its owner and its versions', async ({
  page,
}) => {
  await enterAsGuest(page);

  // Filter the catalog to the Model kind.
  await page.getByLabel('Kind').click();
  await page.getByRole('option', { name: 'Model', exact: true }).click();
  await expect(
    page.getByRole('heading', { name: 'All Models (3)', level: 2 }),
  ).toBeVisible();

  await page.getByRole('link', { name: 'Churn classifier' }).click();
  await expect(
    page.getByRole('heading', { name: 'Churn classifier' }),
  ).toBeVisible();

  const about = page.getByRole('article').filter({
    has: page.getByRole('heading', { name: 'About' }),
  });
  await expect(about.getByRole('link', { name: 'Customer ML' })).toBeVisible();

  // Versions and lineage are drawn in the relations graph.
  const relations = page.getByRole('article').filter({
    has: page.getByRole('heading', { name: 'Relations' }),
  });
  for (const version of [1, 2, 3, 4, 5]) {
    await expect(
      relations.getByText(`churn-classifier v${version}`, { exact: true }),
    ).toBeVisible();
  }
  await expect(relations.getByText('versionOf').first()).toBeVisible();

  // Lineage: from a version to the data it was trained on.
  await relations.getByText('churn-classifier v5', { exact: true }).click();
  await expect(
    page.getByRole('heading', { name: 'churn-classifier v5' }),
  ).toBeVisible();
  await expect(
    page
      .getByRole('article')
      .filter({ has: page.getByRole('heading', { name: 'Relations' }) })
      .getByText('trainedOn')
      .first(),
  ).toBeVisible();
});
