import { expect, Page } from '@playwright/test';

/**
 * Signs in through the demo sign-in page as a User of examples/org.yaml,
 * by entity name (e.g. `grace.adeyemi`), and waits for the portal. The
 * session is per browser tab: another page (tab) can sign in as someone else.
 */
export async function signInAs(page: Page, userName: string, path = '/') {
  await page.goto(path);
  await page.getByRole('button', { name: `(${userName})` }).click();
  // The sidebar's <nav> element itself has no box; its links do.
  await expect(
    page
      .getByRole('navigation', { name: 'sidebar nav' })
      .getByRole('link', { name: 'Settings' }),
  ).toBeVisible();
}

/** Signs out from the Settings page, back to the demo sign-in page. */
export async function signOut(page: Page) {
  await page.goto('/settings');
  await page.getByTestId('user-settings-menu').click();
  await page.getByTestId('sign-out').click();
  await expect(
    page.getByRole('heading', { name: 'Sign in to the ML Foundation demo' }),
  ).toBeVisible();
}
