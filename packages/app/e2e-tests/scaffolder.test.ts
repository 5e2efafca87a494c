import { expect, test } from '@playwright/test';
import { signInAs } from './signIn';

test('a data scientist creates an ML project from the portal and finds its Model in the catalog', async ({
  page,
}) => {
  test.setTimeout(420_000);
  // The demo's local repositories outlive a run: a fresh name each time.
  const name = `e2e-model-${Date.now().toString(36)}`;
  await signInAs(page, 'hannah.cho', '/create');
  await expect(
    page.getByRole('heading', { name: 'New ML project (SageMaker Pipelines)' }),
  ).toBeVisible();

  // The template's form, with the model's name, owner and the demo's local
  // publishing filled in through the form's query parameter.
  const formData = {
    name,
    description: 'Flags fraudulent card payments',
    owner: 'group:default/fraud-ml',
    publishTo: 'local',
  };
  await page.goto(
    `/create/templates/default/ml-project?formData=${encodeURIComponent(
      JSON.stringify(formData),
    )}`,
  );
  await expect(page.getByLabel('Name', { exact: false }).first()).toHaveValue(
    name,
  );
  await page.getByRole('button', { name: 'Next' }).click();

  // Training: the data from the synced estate, the rest as proposed.
  await page.getByLabel('Training data').click();
  await page.getByRole('option').first().click();
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Next' }).click();

  await page.getByRole('button', { name: 'Review' }).click();
  await page.getByRole('button', { name: 'Create' }).click();

  const open = page.getByRole('link', {
    name: 'Open the Model in the catalog',
  });
  await expect(open).toBeVisible({ timeout: 120_000 });
  await open.click();

  // The catalog read the published repository: the Model, owned by the team.
  // Its page shows the name even before the catalog has the entity ("Entity
  // not found"), so wait for the owner, which only the entity has. A busy
  // catalog can take minutes to process a new location.
  await expect(async () => {
    await page.reload();
    await expect(
      page.getByRole('link', { name: /Fraud ML|fraud-ml/ }).first(),
    ).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 240_000 });
  await expect(page.getByRole('heading', { name }).first()).toBeVisible();
});
