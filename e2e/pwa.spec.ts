import { test, expect, open, axeViolations, LIVE_NAV } from './fixtures';
import { guide } from './content';
import type { BrowserContext, Page } from '@playwright/test';
import { readFileSync } from 'node:fs';

/** The service worker as built: its version is baked in by tools/postbuild.mjs. */
const BUILT_SW = readFileSync(new URL('../dist/sw.js', import.meta.url), 'utf8');
const VERSION = /const VERSION = "([0-9a-f]{16})";/.exec(BUILT_SW)?.[1] ?? '';
const OLD_CACHE = `rt-offline-${VERSION}`;

/** Width and height from a PNG's IHDR chunk (bytes 16..24, big-endian). */
function pngSize(bytes: Buffer) {
  expect(bytes.subarray(0, 8).toString('hex'), 'PNG signature').toBe('89504e470d0a1a0a');
  expect(bytes.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return `${bytes.readUInt32BE(16)}x${bytes.readUInt32BE(20)}`;
}

/** Waits until a service worker controls the page, reloading once if the first load was not claimed. */
async function controlled(page: Page) {
  await page.evaluate(() => navigator.serviceWorker.ready);
  const isControlled = () => page.evaluate(() => navigator.serviceWorker.controller !== null);
  try {
    await expect.poll(isControlled, { timeout: 5_000 }).toBe(true);
  } catch {
    await page.reload();
    await expect.poll(isControlled).toBe(true);
  }
}

async function goOffline(page: Page, context: BrowserContext) {
  await open(page, '/');
  await controlled(page);
  await context.setOffline(true);
}

test('the manifest is linked, complete, and every icon loads with its type and size', async ({ page, request }) => {
  await open(page, '/');
  await expect(page.locator('link[rel="manifest"]')).toHaveAttribute('href', '/manifest.webmanifest');
  const response = await request.get('/manifest.webmanifest');
  expect(response.ok()).toBe(true);
  expect(response.headers()['content-type']).toMatch(/^application\/manifest\+json/);
  const manifest = JSON.parse(await response.text());
  expect(manifest).toMatchObject({
    name: 'Rebuild Trust',
    start_url: '/',
    scope: '/',
    display: 'standalone',
  });
  expect(manifest.short_name).toBeTruthy();
  expect(manifest.description).toBeTruthy();
  // The light theme's colours (style/app.css): header surface and page background.
  expect(manifest.theme_color).toBe('#ffffff');
  expect(manifest.background_color).toBe('#fbfaf7');

  const icons: { src: string; sizes: string; type: string; purpose?: string }[] = manifest.icons;
  const has = (sizes: string, purpose: string) =>
    icons.some((i) => i.type === 'image/png' && i.sizes === sizes && (i.purpose ?? 'any').split(' ').includes(purpose));
  expect(has('192x192', 'any')).toBe(true);
  expect(has('512x512', 'any')).toBe(true);
  expect(has('512x512', 'maskable')).toBe(true);
  expect(icons.some((i) => i.type === 'image/svg+xml')).toBe(true);
  for (const icon of icons) {
    const got = await request.get(icon.src);
    expect(got.ok(), icon.src).toBe(true);
    expect(got.headers()['content-type'], icon.src).toBe(icon.type);
    const body = await got.body();
    if (icon.type === 'image/png') expect(pngSize(body), icon.src).toBe(icon.sizes);
    else expect(body.toString('utf8'), icon.src).toContain('<svg');
  }
  const apple = await request.get('/apple-touch-icon.png');
  expect(pngSize(await apple.body())).toBe('180x180');
});

test('after the first load a service worker controls the page and keeps every file', async ({ page }) => {
  await open(page, '/');
  await controlled(page);
  const state = await page.evaluate(async () => {
    const keys = await caches.keys();
    const cache = await caches.open(keys[0]);
    return { keys, files: (await cache.keys()).map((r) => new URL(r.url).pathname) };
  });
  expect(state.keys).toEqual([OLD_CACHE]);
  for (const name of ['/index.html', '/manifest.webmanifest', '/discreet.js', '/notes.svg', '/icon-192.png']) {
    expect(state.files).toContain(name);
  }
  expect(state.files.some((f) => /\.wasm$/.test(f))).toBe(true);
  expect(state.files.some((f) => /^\/boot-[0-9a-f]+\.js$/.test(f))).toBe(true);
  expect(state.files).not.toContain('/sw.js');
});

test('offline, the app reloads and a deep link to a guide step opens', async ({ page, context }) => {
  await goOffline(page, context);
  await page.reload();
  await expect(page.locator(LIVE_NAV)).toBeVisible();
  const step = guide.steps[0];
  await open(page, `/guide/${step.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Step ${step.number}: ${step.title}`);
  await context.setOffline(false);
});

test('offline, the readiness check starts', async ({ page, context }) => {
  await goOffline(page, context);
  await open(page, '/check');
  await page.getByLabel('I was hurt').check();
  await page.getByLabel('We are still together').check();
  await page.getByRole('button', { name: 'Start the check' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('First, your safety');
  await context.setOffline(false);
});

test('offline, the journal saves an entry that is listed after another reload', async ({ page, context }) => {
  await goOffline(page, context);
  await open(page, '/journal');
  await page.getByRole('button', { name: 'New entry' }).click();
  await page.getByLabel('Title').fill('Written on the train');
  await page.getByLabel('What’s on your mind?').fill('No signal, and that was fine.');
  await page.getByRole('button', { name: 'Save now' }).click();
  await expect(page.getByRole('status').filter({ hasText: /^Saved at/ })).toBeVisible();
  await open(page, '/journal');
  await page.reload();
  await expect(page.locator('.rt-entries > li')).toHaveCount(1);
  await expect(page.locator('.rt-entries > li').first()).toContainText('Written on the train');
  await context.setOffline(false);
});

test('a new build waits for the person, then replaces the old cache', async ({ page, context }) => {
  expect(VERSION).toMatch(/^[0-9a-f]{16}$/);
  await open(page, '/');
  await controlled(page);
  // The next build: the same files under a new version.
  const NEXT = 'feedfacecafe0001';
  // Served by tools/serve.mjs to this browser context only (see its comment):
  // Playwright's routes do not reach the browser's own fetch of a worker script.
  await context.addCookies([{ name: 'rt-test-sw-version', value: NEXT, url: page.url() }]);
  // A navigation makes the browser look for a new worker.
  await page.reload();
  const banner = page.getByRole('status').filter({ hasText: 'A new version is ready.' });
  await expect(banner).toBeVisible();
  // Installed and waiting: nothing was replaced yet, and the page did not reload by itself.
  const waiting = await page.evaluate(async () => {
    const reg = await navigator.serviceWorker.getRegistration();
    return { waiting: !!reg?.waiting, keys: await caches.keys() };
  });
  expect(waiting.waiting).toBe(true);
  expect(await axeViolations(page)).toEqual([]);
  expect(waiting.keys.sort()).toEqual([`rt-offline-${NEXT}`, OLD_CACHE].sort());

  await Promise.all([
    page.waitForEvent('load'),
    banner.getByRole('button', { name: 'Reload to update' }).click(),
  ]);
  await expect(page.locator(LIVE_NAV)).toBeVisible();
  await expect(page.getByText('A new version is ready.')).toHaveCount(0);
  expect(await page.evaluate(() => caches.keys())).toEqual([`rt-offline-${NEXT}`]);
});

test('Chromium finds the app installable: manifest, icons and a worker with a fetch handler', async ({ page }) => {
  await open(page, '/');
  await controlled(page);
  const cdp = await page.context().newCDPSession(page);
  const { url, errors, data } = await cdp.send('Page.getAppManifest');
  expect(url).toMatch(/\/manifest\.webmanifest$/);
  expect(errors).toEqual([]);
  expect(JSON.parse(data!).name).toBe('Rebuild Trust');
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  // Playwright's contexts are off the record, and Chromium never installs from
  // one: that is the only objection allowed.
  expect(installabilityErrors.map((e) => e.errorId).filter((id) => id !== 'in-incognito')).toEqual([]);
});
