import { expect, test } from '@playwright/test';
import { capture, card, entityTab } from './pages';
import { signInAs } from './signIn';

// The health task first runs 30 seconds after the backend starts.
const FIRST_CHECK_MS = 120_000;

test('an owner sees the churn endpoint drifting, retrains the model and finds it in the audit trail', async ({
  page,
}) => {
  test.setTimeout(FIRST_CHECK_MS + 60_000);
  await signInAs(page, 'amelia.hart');

  await page.getByLabel('Kind').click();
  await page
    .getByRole('option', { name: 'ModelDeployment', exact: true })
    .click();
  await page.getByRole('link', { name: 'churn-classifier-endpoint' }).click();

  const health = card(page, 'Model health');
  await expect(async () => {
    await page.reload();
    await expect(health).toBeVisible({ timeout: 30_000 });
    await expect(health.getByText('drifting', { exact: true })).toBeVisible({
      timeout: 5_000,
    });
  }).toPass({ timeout: FIRST_CHECK_MS });
  await expect(health.getByText('tenure_months').first()).toBeVisible();
  await expect(health.getByText('baseline_drift_check').first()).toBeVisible();

  await health
    .getByLabel('Reason for retraining')
    .fill('tenure and charges drifted from the baseline');
  await health.getByRole('button', { name: 'Retrain' }).click();
  await expect(
    health.getByText(/Started arn:aws:sagemaker:.*churn-classifier-training/),
  ).toBeVisible();

  await capture(page, 'model-deployment');

  await entityTab(page, 'Audit trail').click();
  await expect(page.getByText('retraining.started').first()).toBeVisible();
});
