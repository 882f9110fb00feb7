import { test, expect, open } from './fixtures';
import type { Page } from '@playwright/test';

/** Presses Tab until the focused element's accessible text matches, or fails. */
async function tabTo(page: Page, name: string, max = 40) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const text = await page.evaluate(() => {
      let el = document.activeElement;
      while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
      return (el?.textContent ?? '').trim();
    });
    if (text === name) return;
  }
  throw new Error(`"${name}" was not reached with Tab`);
}

test('the first Tab reaches the skip link, and it moves focus to the content', async ({ page }) => {
  await open(page, '/');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.locator('#rt-main')).toBeFocused();
  await expect(page).toHaveURL(/\/$/);
});

const DESTINATIONS = [
  { link: 'Readiness check', heading: /readiness|ready/i },
  { link: 'Guide', heading: /guide/i },
  { link: 'Journal', heading: /journal/i },
  { link: 'Settings', heading: /Settings/ },
  { link: 'Help and support', heading: /help/i },
  { link: 'Privacy', heading: /privacy/i },
];

for (const dest of DESTINATIONS) {
  test(`"${dest.link}" is reachable with Tab and Enter, and focus lands on its heading`, async ({ page }) => {
    await open(page, '/');
    await tabTo(page, dest.link);
    await page.keyboard.press('Enter');
    const h1 = page.getByRole('heading', { level: 1 });
    await expect(h1).toHaveText(dest.heading);
    await expect(h1).toBeFocused();
  });
}

test('focus is always visible', async ({ page }) => {
  await open(page, '/');
  await tabTo(page, 'Guide');
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
  expect(outline).toBe('solid');
});
