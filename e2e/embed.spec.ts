import { test, expect, axeViolations } from './fixtures';
import type { Page } from '@playwright/test';

// Playwright's CSS and role locators pierce open shadow roots, so
// `widget.getByRole(...)` reaches inside each widget.
const widgets = (page: Page) => page.locator('rebuild-trust, div[data-rebuild-trust]');

async function load(page: Page, example: string, count: number) {
  await page.goto(`/examples/${example}`);
  await expect(widgets(page).locator('nav[aria-label="Main"]')).toHaveCount(count);
}

test('the practice page shows the widget with its own settings, and moving inside it never touches the host URL or history', async ({ page }) => {
  await load(page, 'practice.html', 1);
  const w = widgets(page).first();
  await expect(w.getByRole('heading', { level: 1 })).toHaveText('Readiness check'); // start="check"
  await expect(w.getByRole('link', { name: 'talk to Harbour Counselling' })).toHaveAttribute('href', 'https://example.org/book');
  const url = page.url();
  const title = await page.title();
  const entries = await page.evaluate(() => history.length);
  await w.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Guide' }).click();
  await expect(w.getByRole('heading', { level: 1 })).toHaveText('The guide');
  await expect(w.getByRole('heading', { level: 1 })).toBeFocused();
  await w.getByRole('link', { name: 'Help and support' }).click();
  await expect(w.getByText('Our out-of-hours line is below.')).toBeVisible();
  expect(page.url()).toBe(url);
  expect(await page.title()).toBe(title);
  expect(await page.evaluate(() => history.length)).toBe(entries);
  expect(await axeViolations(page)).toEqual([]);
});

test('the accent colour reaches the widget, and the widget’s styles never reach the host', async ({ page }) => {
  await load(page, 'practice.html', 1);
  const w = widgets(page).first();
  const button = w.getByRole('button', { name: 'Start the check' });
  expect(await button.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(106, 61, 143)');
  // The host's own heading keeps the host's serif font.
  const hostFont = await page.locator('body > main > h1').evaluate((el) => getComputedStyle(el).fontFamily);
  expect(hostFont).toContain('Georgia');
});

test.describe('on a hostile page', () => {
  // The third widget has deliberately bad attributes: each is a console warning, not an error.
  test('aggressive host CSS does not change the widgets', async ({ page }) => {
    await load(page, 'hostile.html', 3);
    const h1 = widgets(page).first().getByRole('heading', { level: 1 });
    const style = await h1.evaluate((el) => {
      const s = getComputedStyle(el);
      return { color: s.color, font: s.fontFamily, spacing: s.letterSpacing, transform: s.textTransform };
    });
    expect(style.color).not.toBe('rgb(192, 0, 0)');
    expect(style.font).not.toContain('Comic');
    expect(style.spacing).toBe('normal');
    expect(style.transform).toBe('none');
    const button = widgets(page).first().getByRole('button', { name: 'Skip for now' });
    expect(await button.evaluate((el) => getComputedStyle(el).backgroundColor)).not.toBe('rgb(0, 255, 0)');
    // And the host keeps its own look.
    expect(await page.locator('#host-button').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(0, 255, 0)');
  });

  test('bad configuration falls back to safe defaults with warnings, never a blank widget', async ({ page }) => {
    const warnings: string[] = [];
    page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
    await load(page, 'hostile.html', 3);
    const third = widgets(page).nth(2);
    await expect(third.getByRole('heading', { level: 1 })).toHaveText(/Rebuild trust/);
    for (const part of ['Readiness check', 'Guide', 'Journal']) {
      await expect(third.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: part })).toBeVisible();
    }
    expect(warnings.filter((w) => w.startsWith('Rebuild Trust widget:')).length).toBeGreaterThanOrEqual(4);
  });

  test('the host’s storage is untouched and the widgets keep to their own namespaces', async ({ page }) => {
    await load(page, 'hostile.html', 3);
    const a = widgets(page).nth(0);
    const b = widgets(page).nth(1);
    await a.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Journal' }).click();
    await a.getByRole('button', { name: 'New entry' }).click();
    await a.getByLabel('What’s on your mind?').fill('only in widget A');
    await a.getByRole('button', { name: 'Save now' }).click();
    await expect(a.getByRole('status').filter({ hasText: /^Saved at/ })).toBeVisible();
    await b.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await b.getByLabel('I was hurt').check();

    const stored = await page.evaluate(() => ({ ...localStorage }));
    expect(stored['settings']).toBe('the host page’s own settings');
    expect(stored['journal.index']).toBe('the host page’s own index');
    for (const key of Object.keys(stored)) {
      expect(key === 'settings' || key === 'journal.index' || /^widget-(a|b|c)(-public)?:/.test(key), key).toBe(true);
    }
    expect(Object.keys(stored).some((k) => k.startsWith('widget-a:journal.e.'))).toBe(true);
    expect(Object.keys(stored).some((k) => k.startsWith('widget-b:journal.'))).toBe(false);
    // B's choice is B's alone.
    expect(stored['widget-b:settings']).toContain('"hurt"');
    expect(stored['widget-a:settings'] ?? '').not.toContain('"hurt"');
    await expect(b.locator('.rt-app')).toHaveAttribute('data-theme', 'dark'); // the site fixed B's theme
    await expect(a.locator('.rt-app')).toHaveAttribute('data-theme', 'system');
  });

  test('the widget’s quick-exit keys work inside it only, and the host’s own keys still reach the host', async ({ page }) => {
    await page.route(/^https:\/\/www\.bbc\.co\.uk\//, (r) => r.fulfill({ contentType: 'text/html', body: '<title>Weather</title>' }));
    await load(page, 'hostile.html', 3);
    await page.locator('#host-button').focus();
    for (let i = 0; i < 3; i++) await page.keyboard.press('Shift');
    await page.waitForTimeout(300);
    expect(page.url()).toContain('/examples/hostile.html');
    expect(await page.evaluate(() => (window as any).hostKeys.length)).toBe(3);

    await widgets(page).first().getByRole('link', { name: 'Settings' }).focus();
    for (let i = 0; i < 3; i++) await page.keyboard.press('Shift');
    await expect(page).toHaveURL(/bbc\.co\.uk\/weather/);
  });
});
