import { Browser, expect, Page, test } from '@playwright/test';
import { signInAs } from './signIn';
import { capture, card, entityTab, openFromHub } from './pages';

const PII_DATASET = 'curated_customer.customers';

async function openDatasetAs(browser: Browser, userName: string) {
  const page = await (await browser.newContext()).newPage();
  await signInAs(page, userName);
  await openFromHub(page, PII_DATASET);
  return page;
}

async function approve(page: Page, comment: string) {
  const requests = card(page, 'Access requests');
  await requests.getByLabel('Comment').fill(comment);
  await requests.getByRole('button', { name: 'Approve' }).click();
  await expect(requests.getByText(comment, { exact: false })).toBeVisible();
}

test('a data scientist requests access to PII data; its owners and the privacy office approve; the audit trail shows both', async ({
  browser,
}) => {
  const requester = await openDatasetAs(browser, 'amelia.hart');
  // What the data looks like before asking for it, once the backend has
  // read the table's statistics and quality results from Glue (45 s after
  // it starts).
  await expect(async () => {
    await requester.reload();
    await expect(
      card(requester, 'Data profile').getByRole('cell', { name: 'email' }),
    ).toBeVisible({ timeout: 30_000 });
  }).toPass({ timeout: 150_000 });
  await expect(
    card(requester, 'Data quality')
      .getByText(/rules passed/)
      .first(),
  ).toBeVisible();
  const requests = card(requester, 'Access requests');
  await expect(
    requests.getByText(/owners and the privacy group must both approve/),
  ).toBeVisible();
  await requests.getByRole('button', { name: 'Request access' }).click();
  const dialog = requester.getByRole('dialog');
  await dialog.getByLabel('Purpose').fill('Churn features from the contract');
  await dialog.getByLabel('Duration (days)').fill('30');
  await dialog.getByRole('button', { name: 'Send request' }).click();
  await expect(requests.getByText('pending', { exact: true })).toBeVisible();
  await capture(requester, 'dataset');

  // A data-engineering owner, then the Privacy Office.
  const owner = await openDatasetAs(browser, 'fiona.byrne');
  await approve(owner, 'Contract columns only');
  const privacy = await openDatasetAs(browser, 'ines.costa');
  await approve(privacy, 'Purpose is within the privacy notice');
  await privacy.context().close();

  await requester.reload();
  await expect(requests.getByText('approved', { exact: true })).toBeVisible();

  // The data's owners read its audit trail: both decisions are there.
  await owner.reload();
  await entityTab(owner, 'Audit trail').click();
  const decisions = owner
    .getByRole('row')
    .filter({ hasText: 'access.decision' });
  await expect(decisions).toHaveCount(2);
  for (const approver of ['Fiona Byrne', 'Inês Costa']) {
    await expect(decisions.filter({ hasText: approver })).toHaveCount(1);
  }
  await capture(owner, 'dataset-audit-trail');
});

test("a consumer finds how to call a deployed model in the endpoint's API page", async ({
  page,
}) => {
  await signInAs(page, 'daniel.okafor', '/api-docs');
  await page
    .getByRole('link', { name: 'churn-classifier-endpoint endpoint' })
    .click();
  await entityTab(page, 'Definition').click();
  await expect(
    page.getByText('/endpoints/churn-classifier-endpoint/invocations').first(),
  ).toBeVisible();
  await capture(page, 'model-deployment-api');
});
