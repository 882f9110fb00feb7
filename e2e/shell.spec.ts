import { test, expect, SCREENS, open, axeViolations, LIVE_NAV } from './fixtures';

test.describe('every screen', () => {
  for (const screen of SCREENS) {
    test(`${screen.path} renders its heading and title without console errors`, async ({ page }) => {
      await open(page, screen.path);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(screen.heading);
      await expect(page).toHaveTitle(`${screen.title} · Rebuild Trust`);
      await expect(page.getByRole('contentinfo')).toContainText('not therapy');
      await expect(page.getByRole('contentinfo').getByRole('link', { name: 'Help and support' })).toBeVisible();
    });

    for (const scheme of ['light', 'dark'] as const) {
      test(`${screen.path} has no axe violations in ${scheme}`, async ({ page }) => {
        await page.emulateMedia({ colorScheme: scheme });
        await open(page, screen.path);
        expect(await axeViolations(page)).toEqual([]);
      });
    }
  }
});

test.describe('without the WebAssembly', () => {
  test.use({ allowConsoleErrors: [/Failed to load resource|Failed to fetch/] });
  test('the static first paint is styled and meaningful', async ({ page, request }) => {
    const html = await (await request.get('/')).text();
    expect(html).toContain('Rebuild trust, one honest step at a time');
    expect(html).toMatch(/<link rel="stylesheet" href="\/app-[0-9a-f]+\.css"/);
    // No inline script: the Content Security Policy would refuse it.
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    await page.route(/\.wasm$/, (route) => route.abort());
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Rebuild trust/);
    // Home's page written at build time (the neutral first paint beside it is hidden).
    const bg = await page.locator('.rt-app:visible').evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(bg).not.toBe('rgba(0, 0, 0, 0)');
  });
});

test.describe('the Content Security Policy', () => {
  // The browser reports each refusal as a console error; that is the policy working.
  test.use({ allowConsoleErrors: [/Content Security Policy/] });
  test('refuses requests to other origins', async ({ page }) => {
    await open(page, '/');
    const outcome = await page.evaluate(async () => {
      const violations: string[] = [];
      document.addEventListener('securitypolicyviolation', (e) => violations.push(e.violatedDirective));
      let fetched = 'allowed';
      try {
        await fetch('https://example.com/collect');
      } catch {
        fetched = 'refused';
      }
      const img = document.createElement('img');
      img.src = 'https://example.com/pixel.png';
      document.body.append(img);
      await new Promise((r) => setTimeout(r, 300));
      img.remove();
      return { fetched, violations };
    });
    expect(outcome.fetched).toBe('refused');
    expect(outcome.violations).toEqual(expect.arrayContaining(['connect-src', 'img-src']));
  });
});

test('the 404 page shows the asked-for path as text', async ({ page }) => {
  await open(page, '/%3Cb%3Ebold%3C%2Fb%3E');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/isn’t here/);
  await expect(page.locator('main code')).toHaveText('/<b>bold</b>');
  await expect(page.locator('main b')).toHaveCount(0);
});

test('moving between screens keeps real addresses but leaves no trail in the history', async ({ page }) => {
  await open(page, '/');
  const entries = await page.evaluate(() => history.length);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await expect(page).toHaveURL(/\/settings$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Settings');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Guide' }).click();
  await expect(page).toHaveURL(/\/guide$/);
  expect(await page.evaluate(() => history.length)).toBe(entries);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('The guide');
});

test('the theme choice is remembered across reloads', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await open(page, '/settings');
  await expect(page.locator('.rt-app')).toHaveAttribute('data-theme', 'system');
  await page.getByLabel('Dark').check();
  await expect(page.locator('.rt-app')).toHaveAttribute('data-theme', 'dark');
  await page.reload();
  await expect(page.locator(LIVE_NAV)).toBeVisible();
  await expect(page.locator('.rt-app')).toHaveAttribute('data-theme', 'dark');
  await expect(page.getByLabel('Dark')).toBeChecked();
  const bg = await page.locator('.rt-app').evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(bg).toBe('rgb(20, 23, 27)');
});

test('at 320 px wide nothing scrolls sideways', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  for (const screen of SCREENS) {
    await open(page, screen.path);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${screen.path} overflows`).toBeLessThanOrEqual(0);
  }
});
