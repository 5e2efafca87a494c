import { expect, Page } from '@playwright/test';
import { join } from 'node:path';

/**
 * A card of an entity page by its title: the catalog's own cards are
 * articles with a heading, the ML cards regions named after their title.
 */
export const card = (page: Page, title: string) =>
  page
    .getByRole('region', { name: title, exact: true })
    .or(
      page
        .getByRole('article')
        .filter({ has: page.getByRole('heading', { name: title }) }),
    );

/** An entity page tab, whether drawn as a tab or as a link. */
export const entityTab = (page: Page, name: string) =>
  page
    .getByRole('tab', { name, exact: true })
    .or(page.getByRole('link', { name, exact: true }))
    .first();

// Screenshots of each page kind, for people to look at; git-ignored.
const screenshots = join(
  __dirname,
  '..',
  '..',
  '..',
  'node_modules',
  '.cache',
  'e2e-screenshots',
);

/** Saves a full-page screenshot of the current page as `<name>.png`. */
export async function capture(page: Page, name: string) {
  // From the top: a full-page shot of a scrolled page draws the fixed
  // sidebar halfway down.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({
    path: join(screenshots, `${name}.png`),
    fullPage: true,
  });
}

/**
 * Opens a model, dataset or feature group by searching for it in the ML hub,
 * as a user who does not know its catalog name would.
 */
export async function openFromHub(page: Page, title: string) {
  await page.goto('/ml');
  await page.getByRole('textbox', { name: 'Search' }).fill(title);
  await page.getByRole('link', { name: title, exact: true }).click();
  await expect(
    page.getByRole('heading', { name: title }).first(),
  ).toBeVisible();
}

/** Opens version N of a model from the model page's versions table. */
export async function openModelVersion(
  page: Page,
  model: string,
  version: number,
) {
  await openFromHub(page, model);
  // The versions table links each version by its number.
  await page
    .getByRole('link', { name: `v${version}`, exact: true })
    .first()
    .click();
  await expect(
    page.getByRole('heading', { name: `${model} v${version}` }).first(),
  ).toBeVisible();
}
