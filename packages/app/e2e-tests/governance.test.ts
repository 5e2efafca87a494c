import { Browser, expect, Page, test } from '@playwright/test';
import { signInAs } from './signIn';
import { capture, entityTab, openModelVersion } from './pages';

const MODEL = 'fraud-detector';
const VERSION = 4;

// Each person works in a browser context of their own, as on their own laptop.
async function asUser(browser: Browser, userName: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signInAs(page, userName);
  await openModelVersion(page, MODEL, VERSION);
  await entityTab(page, 'Governance').click();
  return page;
}

// The newest review comes first.
const productionReview = (page: Page) =>
  page.getByRole('region', { name: 'Promotion to production' }).first();

test('an owner requests promotion to production, two model-risk reviewers approve, the stage changes and the audit trail shows it all', async ({
  browser,
}) => {
  // hannah.cho of fraud-ml, who owns the model, asks for production.
  const owner = await asUser(browser, 'hannah.cho');
  await owner.getByLabel('Why').fill('Merchant risk features lift AUC');
  await owner.getByRole('button', { name: 'Request promotion' }).click();
  const review = productionReview(owner);
  await expect(review.getByText('open', { exact: true })).toBeVisible();
  // The requester cannot approve their own request.
  await expect(review.getByRole('button', { name: 'Approve' })).toBeDisabled();
  await capture(owner, 'model-version-governance-requested');

  // Two members of model-risk approve; the second completes the review.
  for (const reviewer of ['grace.adeyemi', 'oliver.brennan']) {
    const page = await asUser(browser, reviewer);
    const pending = productionReview(page);
    await pending.getByLabel('Comment').fill(`Reviewed by ${reviewer}`);
    await pending.getByRole('button', { name: 'Approve' }).click();
    await expect(
      pending.getByText(`Reviewed by ${reviewer}`).first(),
    ).toBeVisible();
    await page.context().close();
  }

  await owner.reload();
  await expect(
    productionReview(owner).getByText('completed', { exact: true }),
  ).toBeVisible();
  await expect(
    productionReview(owner).getByText(/Write-back to SageMaker: succeeded/),
  ).toBeVisible();
  await capture(owner, 'model-version-governance-completed');

  // The registry now says Production, and the next sync brings it back.
  await entityTab(owner, 'Overview').click();
  await expect(async () => {
    await owner.reload();
    await expect(owner.getByText('Production').first()).toBeVisible({
      timeout: 5_000,
    });
  }).toPass({ timeout: 120_000 });

  await entityTab(owner, 'Audit trail').click();
  for (const action of [
    'review.opened',
    'review.decision',
    'transition.completed',
  ]) {
    await expect(owner.getByText(action).first()).toBeVisible();
  }
  await expect(owner.getByText(/Chain verified/)).toBeVisible();
  await capture(owner, 'model-version-audit-trail-after-promotion');
});
