import { test, expect, open } from './fixtures';
import type { Page } from '@playwright/test';
import { PASS, setLock, writeEntry } from './lock-helpers';

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

/** What has focus, by its tag and words; "BODY" when focus has fallen out of the app. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    return el === document.body || !el ? 'BODY' : `${el.tagName} ${(el.textContent ?? '').trim().slice(0, 60)}`;
  });

test.describe('focus stays in the app when the control that had it gives way', () => {
  test('turning on the lock: on the recovery key, which is in view', async ({ page }) => {
    await page.setViewportSize({ width: 320, height: 700 });
    await open(page, '/settings');
    await page.getByLabel('New passphrase', { exact: true }).fill(PASS);
    await page.getByLabel('The same passphrase again').fill(PASS);
    await page.getByRole('button', { name: 'Turn on the lock' }).focus();
    await page.keyboard.press('Enter');
    const key = page.getByRole('heading', { name: 'Your recovery key' });
    await expect(key).toBeFocused();
    await expect(key).toBeInViewport();
    // The form for making a key does not say there is none while one is on screen.
    await expect(page.getByRole('button', { name: 'Make a recovery key' })).toHaveCount(0);
  });

  test('unlocking: on the heading of the screen that opens', async ({ page }) => {
    await setLock(page);
    await page.reload();
    await page.getByLabel('Passphrase').fill(PASS);
    await page.getByLabel('Passphrase').press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeFocused();
  });

  test('starting the check: on its first questions', async ({ page }) => {
    await open(page, '/check');
    await page.getByLabel('I was hurt').check();
    await page.getByLabel('We are still together').check();
    await page.getByRole('button', { name: 'Start the check' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: 'First, your safety' })).toBeFocused();
  });

  test('the first-run question, skipped: on what Home offers next, the app’s answer said', async ({ page }) => {
    await open(page, '/');
    await page.getByRole('button', { name: 'Skip for now' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: 'Start here' })).toBeFocused();
    await expect(page.getByRole('status').getByText('Skipped. You can tell the app about you any time in Settings.')).toBeVisible();
  });

  test('deleting an entry: on the question, then back where it was', async ({ page }) => {
    await writeEntry(page, 'To delete', 'a line to delete');
    await page.getByRole('button', { name: 'Delete entry…' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('button', { name: 'Keep it' })).toBeVisible();
    expect(await focused(page)).not.toBe('BODY');
    await page.getByRole('button', { name: 'Keep it' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('button', { name: 'Delete entry…' })).toBeVisible();
    await expect.poll(() => focused(page)).not.toBe('BODY');
  });
});
