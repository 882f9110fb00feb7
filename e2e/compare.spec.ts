import { test, expect, open, axeViolations } from './fixtures';
import { check } from './content';
import type { Browser, BrowserContext, Page } from '@playwright/test';

/**
 * Two people, two devices: each takes the check in their own browser context
 * (nothing shared between them but the code one shows and the other enters),
 * and no request leaves 127.0.0.1 in either.
 */

const ROLE_LABELS = { hurt: 'I was hurt', unfaithful: 'I was unfaithful' } as const;
const SCALE = ['Strongly disagree', 'Disagree', 'Neither agree nor disagree', 'Agree', 'Strongly agree'];

/** A second person's device: its own context, watched like the fixture's page. */
async function device(browser: Browser, baseURL: string) {
  const context = await browser.newContext({ baseURL });
  const offsite: string[] = [];
  const errors: string[] = [];
  const origin = new URL(baseURL).origin;
  await context.route((url) => url.origin !== origin, async (route) => {
    offsite.push(route.request().url());
    await route.abort('blockedbyclient');
  });
  const page = await context.newPage();
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(`uncaught: ${e.message}`));
  return {
    page,
    async close(ctx: BrowserContext = context) {
      await ctx.close();
      expect(offsite, 'requests that left 127.0.0.1 on the second device').toEqual([]);
      expect(errors, 'console errors on the second device').toEqual([]);
    },
  };
}

/** Takes the whole check as `role`, every item answered `answer`; `warn` gives that safety question its warning answer. */
async function takeCheck(page: Page, role: keyof typeof ROLE_LABELS, answer: number, warn?: string) {
  await open(page, '/check');
  await page.getByLabel(ROLE_LABELS[role]).check();
  await page.getByLabel('We are still together').check();
  await page.getByRole('button', { name: 'Start the check' }).click();
  for (const q of check.safety) {
    const yes = q.id === warn ? q.warning_if : !q.warning_if;
    await page.getByRole('group').filter({ has: page.getByRole('radio') }).nth(check.safety.indexOf(q)).getByLabel(yes ? 'Yes' : 'No').check();
  }
  await page.getByRole('button', { name: 'Continue' }).click();
  if (warn) await page.getByRole('button', { name: 'Continue to the questions anyway' }).click();
  for (let i = 0; i < check.items.length; i++) {
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Question ${i + 1} of ${check.items.length}`);
    await page.getByLabel(SCALE[answer - 1], { exact: true }).check();
    if (i + 1 < check.items.length) await page.getByRole('button', { name: 'Next' }).click();
  }
  await page.getByRole('button', { name: 'See my results' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your readiness check');
}

/** Opens the share screen of the result shown and makes a code; returns its text. */
async function showCode(page: Page, passphrase?: string) {
  await page.getByRole('link', { name: 'Share this result' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Share this result');
  if (passphrase) {
    await page.getByLabel('Protect with a passphrase', { exact: false }).check();
    await page.getByLabel('Passphrase', { exact: true }).fill(passphrase);
  }
  await page.getByRole('button', { name: 'Show the code' }).click();
  const code = page.locator('.rt-code');
  await expect(code).toBeVisible({ timeout: 20_000 });
  return (await code.getAttribute('data-code'))!;
}

async function expectComparison(page: Page) {
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('You and your partner, side by side');
  await expect(page.getByText('answered as the partner who was unfaithful')).toBeVisible();
  await expect(page.getByText('answered as the partner who was hurt')).toBeVisible();
  const table = page.getByRole('table', { name: 'Both scores out of 100, by part' });
  for (const d of check.dimensions) {
    await expect(table.getByRole('rowheader', { name: d.title })).toBeVisible();
  }
}

async function axeBothThemes(page: Page) {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    expect(await axeViolations(page), `${scheme}: ${page.url()}`).toEqual([]);
  }
}

test('A shows a code; B types it, and reads it from the QR picture, and sees both side by side', async ({ page, browser, baseURL }) => {
  test.setTimeout(180_000);
  await takeCheck(page, 'hurt', 4);
  const code = await showCode(page);
  expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{1,4})+$/);
  await expect(page.getByText(/Made from your check of/)).toBeVisible();
  await axeBothThemes(page);
  await page.emulateMedia({ colorScheme: 'light' });
  const qrPicture = await page.locator('.rt-qr').screenshot();

  const b = await device(browser, baseURL!);
  await takeCheck(b.page, 'unfaithful', 2);
  await b.page.getByRole('link', { name: 'Compare with your partner' }).click();
  await expect(b.page.getByRole('heading', { level: 1 })).toHaveText('Compare with your partner');
  await axeBothThemes(b.page);
  await b.page.emulateMedia({ colorScheme: 'light' });
  // Typed as a person might: lower case, spaces for dashes.
  await b.page.getByLabel('Their share code').fill(code.toLowerCase().replaceAll('-', ' '));
  await b.page.getByRole('button', { name: 'Read the code' }).click();
  await expectComparison(b.page);
  await expect(b.page.getByRole('heading', { name: 'Where you differ most' })).toBeVisible();
  await axeBothThemes(b.page);
  await b.page.emulateMedia({ colorScheme: 'light' });

  // The picture A's screen drew, read by the app's own decoder.
  await open(b.page, '/check/compare');
  await b.page.getByLabel('Choose a photo or screenshot of the code').setInputFiles({ name: 'code.png', mimeType: 'image/png', buffer: qrPicture });
  await expectComparison(b.page);
  await expect(b.page.getByLabel('Their share code')).toHaveCount(0);

  // Kept once, with its date, marked as theirs, in B's history.
  await open(b.page, '/check/history');
  await expect(b.page.getByRole('row').filter({ hasText: '(your partner’s)' })).toHaveCount(1);
  await expect(b.page.locator('.rt-chart__legend, .rt-chart__key').getByText('Your partner, overall').first()).toBeVisible();
  await b.close();
});

/**
 * Stands in for the camera before the page runs: its picture is `png`, drawn
 * on a canvas and streamed; `window.__cameraRefuses` makes it refuse as a person
 * saying no would; `window.__cameraStops` counts tracks stopped (the light off).
 */
async function fakeCamera(page: Page, png: Buffer) {
  await page.addInitScript((base64: string) => {
    const w = window as unknown as { __cameraRefuses: boolean; __cameraStops: number };
    w.__cameraRefuses = false;
    w.__cameraStops = 0;
    navigator.mediaDevices.getUserMedia = async () => {
      if (w.__cameraRefuses) throw new DOMException('The person said no', 'NotAllowedError');
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const picture = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
      const canvas = document.createElement('canvas');
      canvas.width = picture.width;
      canvas.height = picture.height;
      const context = canvas.getContext('2d')!;
      const draw = () => context.drawImage(picture, 0, 0);
      draw();
      setInterval(draw, 100);
      const stream = canvas.captureStream(10);
      for (const track of stream.getTracks()) {
        const stop = track.stop.bind(track);
        track.stop = () => {
          w.__cameraStops++;
          stop();
        };
      }
      return stream;
    };
  }, png.toString('base64'));
}

test('the camera: refused, typing is offered in words; allowed, it reads the code from its picture and its light goes off', async ({ page, browser, baseURL }) => {
  test.setTimeout(180_000);
  await takeCheck(page, 'hurt', 4);
  await showCode(page);
  const qrPicture = await page.locator('.rt-qr').screenshot();

  const b = await device(browser, baseURL!);
  await fakeCamera(b.page, qrPicture);
  await takeCheck(b.page, 'unfaithful', 2);
  await open(b.page, '/check/compare');
  await b.page.evaluate(() => { (window as unknown as { __cameraRefuses: boolean }).__cameraRefuses = true; });
  await b.page.getByRole('button', { name: 'Scan with the camera' }).click();
  await expect(b.page.getByRole('alert')).toContainText('The camera wasn’t allowed');
  await expect(b.page.getByLabel('Their share code')).toBeEditable();
  await expect(b.page.getByRole('button', { name: 'Scan with the camera' })).toBeVisible();

  await b.page.evaluate(() => { (window as unknown as { __cameraRefuses: boolean }).__cameraRefuses = false; });
  await b.page.getByRole('button', { name: 'Scan with the camera' }).click();
  await expectComparison(b.page);
  await expect.poll(() => b.page.evaluate(() => (window as unknown as { __cameraStops: number }).__cameraStops)).toBeGreaterThan(0);
  await b.close();
});

test('a passphrase-protected code: a wrong passphrase is refused in words and keeps nothing', async ({ page, browser, baseURL }) => {
  test.setTimeout(180_000);
  await takeCheck(page, 'hurt', 5);
  const code = await showCode(page, 'harbour lights');

  const b = await device(browser, baseURL!);
  await takeCheck(b.page, 'unfaithful', 3);
  await open(b.page, '/check/compare');
  await b.page.getByLabel('Their share code').fill(code);
  await b.page.getByRole('button', { name: 'Read the code' }).click();
  await b.page.getByLabel('Passphrase', { exact: true }).fill('harbour light');
  await b.page.getByRole('button', { name: 'Open the code' }).click();
  await expect(b.page.getByRole('alert')).toContainText('That passphrase doesn’t open this code', { timeout: 20_000 });
  const stored = await b.page.evaluate(() => localStorage.getItem('rt:check.history'));
  expect(stored).not.toContain('"partner"');
  await axeBothThemes(b.page);
  await b.page.emulateMedia({ colorScheme: 'light' });
  await b.page.getByLabel('Passphrase', { exact: true }).fill('harbour lights');
  await b.page.getByRole('button', { name: 'Open the code' }).click();
  await expectComparison(b.page);
  await b.close();
});

test('a mistyped code is refused in words, and nothing is kept', async ({ page }) => {
  await takeCheck(page, 'hurt', 4);
  const code = await showCode(page);
  const i = 5;
  const typo = code.slice(0, i) + (code[i] === '7' ? '8' : '7') + code.slice(i + 1);
  await open(page, '/check/compare');
  await page.getByLabel('Their share code').fill(typo);
  await page.getByRole('button', { name: 'Read the code' }).click();
  await expect(page.getByRole('alert')).toContainText('This code has a typo');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Compare with your partner');
  expect(await page.evaluate(() => localStorage.getItem('rt:check.history'))).not.toContain('"partner"');
});

test('after a safety warning, sharing starts with a caution', async ({ page }) => {
  const warn = check.safety.find((q) => q.warning_if === true)!;
  await takeCheck(page, 'hurt', 3, warn.id);
  await page.getByRole('link', { name: 'Share this result' }).click();
  await expect(page.getByRole('heading', { name: 'Before you share, please think about your safety' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Show the code' })).toHaveCount(0);
  await axeBothThemes(page);
  await page.getByRole('button', { name: 'I understand, let me share' }).click();
  await expect(page.getByRole('button', { name: 'Show the code' })).toBeVisible();
});

test('inside a widget comparing is offered, and a site listing parts without "compare" offers none', async ({ page }) => {
  const widgets = page.locator('rebuild-trust, div[data-rebuild-trust]');
  await page.goto('/examples/practice.html');
  // Each widget is a frame from the app's own origin (embed.js's default isolation).
  const w = widgets.first().locator('iframe').contentFrame();
  await w.getByRole('link', { name: 'Compare with your partner' }).click();
  await expect(w.getByRole('heading', { level: 1 })).toHaveText('Compare with your partner');
  await expect(w.getByLabel('Their share code')).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  // practice.html lists "compare" among its parts; hostile.html's second widget has parts="check guide".
  await page.goto('/examples/hostile.html');
  const b = widgets.nth(1).locator('iframe').contentFrame();
  await b.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Readiness check' }).click();
  await expect(b.getByRole('button', { name: 'Start the check' })).toBeVisible();
  await expect(b.getByRole('link', { name: 'Compare with your partner' })).toHaveCount(0);
});
