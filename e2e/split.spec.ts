import { test, expect, open } from './fixtures';

// The guide, the check, the journal and Settings are separate WebAssembly
// files (tools/split.mjs), fetched the first time each is opened.
const PART = /rebuild-trust-(split|chunk)-[\w-]+\.wasm$/;

test('Home loads without any part file, and opening the journal fetches only its own', async ({ page }) => {
  const fetched: string[] = [];
  page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
  await open(page, '/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Rebuild trust/);
  await page.waitForLoadState('networkidle');
  expect(fetched.filter((p) => PART.test(p))).toEqual([]);

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Journal' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your journal');
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  const parts = fetched.filter((p) => PART.test(p));
  expect(parts.some((p) => /split-journal-/.test(p))).toBe(true);
  expect(parts.filter((p) => /split-(guide|check|settings|summary)-/.test(p))).toEqual([]);
});

test.describe('when a part cannot be fetched', () => {
  // The loader logs the failed fetch; the app itself says what happened. No
  // service worker: it would have fetched every part into its cache already
  // (as it does for offline use), and its fetches bypass page.route.
  test.use({
    allowConsoleErrors: [/Failed to load resource|Failed to fetch|TypeError|net::ERR/],
    serviceWorkers: 'block',
  });

  test('it says so in words, nothing is lost, and Try again opens it once it can', async ({ page }) => {
    await open(page, '/');
    let offline = true;
    await page.route(/split-guide-.*\.wasm$/, (route) => (offline ? route.abort('internetdisconnected') : route.fallback()));

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Guide' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('This part couldn’t be opened');
    await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
    await expect(page.getByRole('main')).toContainText('Your notes and progress are safe');

    // Other parts, and the app around them, still work.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Journal' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your journal');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Guide' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('This part couldn’t be opened');
    offline = false;
    await page.getByRole('button', { name: 'Try again' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('The guide');
    await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  });
});

test('opened straight at a part, the page fetches its files alongside the main module, once each', async ({ page }) => {
  const fetched: string[] = [];
  page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
  await open(page, '/journal');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your journal');
  const preloaded = await page.evaluate(() =>
    [...document.querySelectorAll('link[rel="preload"][as="fetch"]')].map((l) => l.getAttribute('href') ?? ''),
  );
  expect(preloaded.filter((h) => /split-journal-/.test(h))).toHaveLength(1);
  expect(preloaded.filter((h) => /split-(guide|check|settings|summary)-/.test(h))).toEqual([]);
  // The split loader's own fetch reuses the preloaded response.
  const parts = fetched.filter((p) => PART.test(p));
  expect(parts.length).toBeGreaterThan(1);
  expect(new Set(parts).size).toBe(parts.length);
});
