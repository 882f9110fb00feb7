import { test, expect, axeViolations } from './fixtures';
import { guide } from './content';
import { PORT } from '../playwright.config';
import type { Frame, FrameLocator, Locator, Page } from '@playwright/test';

// The app is served at 127.0.0.1 (the base URL); the same server answers as
// http://localhost:PORT, a second origin and site: the counselling site's
// pages. By default each widget is a frame from the app's origin; with
// isolation="none" it renders in the host page's own shadow root.
const APP = `http://127.0.0.1:${PORT}`;
const HOST = `http://localhost:${PORT}`;
test.use({ hostOrigins: [HOST], thirdPartyStorage: true });

type Mode = 'frame' | 'none';
const MODES: Mode[] = ['frame', 'none'];

const widgets = (page: Page) => page.locator('rebuild-trust, div[data-rebuild-trust]');

/** The app inside widget `i`: inside its frame, or (isolation="none") its shadow root. */
function app(page: Page, mode: Mode, i = 0): Locator | FrameLocator {
  const w = widgets(page).nth(i);
  return mode === 'frame' ? w.locator('iframe').contentFrame() : w;
}

/** The frame of widget `i`, to run script inside it. */
async function frameOf(page: Page, i = 0): Promise<Frame> {
  const handle = await widgets(page).nth(i).locator('iframe').elementHandle();
  const frame = await handle?.contentFrame();
  if (!frame) throw new Error(`widget ${i} has no frame`);
  return frame;
}

/**
 * Opens an example. Framed, it is a page of the counselling site (localhost).
 * In page, it is the same page as a site would write it that serves the app
 * from its own origin and chose isolation="none" (so without the framing
 * site's policy, which would not let the app run in its page).
 */
async function load(page: Page, example: string, count: number, mode: Mode) {
  if (mode === 'none') {
    await page.route(/\/examples\/[\w-]+\.html$/, async (route) => {
      const response = await route.fetch();
      const body = (await response.text())
        .replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, '')
        .replaceAll('<rebuild-trust', '<rebuild-trust isolation="none"')
        .replaceAll('<div data-rebuild-trust', '<div data-rebuild-trust data-isolation="none"');
      await route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body });
    });
    await page.goto(`/examples/${example}`);
  } else {
    await page.goto(`${HOST}/examples/${example}`);
  }
  for (let i = 0; i < count; i++) await expect(app(page, mode, i).locator('nav[aria-label="Main"]')).toBeVisible();
}

/** Sites the quick exit may go to, answered here (no request leaves the machine). */
async function exitPages(page: Page) {
  await page.route(/^https:\/\/(www\.bbc\.co\.uk|example\.org)\//, (r) =>
    r.fulfill({ contentType: 'text/html', body: '<title>Elsewhere</title><p>Elsewhere</p>' }),
  );
}

/** Widget `i`'s quick exit that embed.js draws on the host page (not the frame's own). */
const hostExit = (page: Page, i = 0) => widgets(page).nth(i).getByRole('button', { name: 'Quick exit' });

/** Scrolls the host page so the middle of widget `i` is mid-screen. */
async function scrollToMiddle(page: Page, i = 0) {
  await widgets(page)
    .nth(i)
    .evaluate((el) => {
      const r = el.getBoundingClientRect();
      scrollBy(0, r.top + r.height / 2 - innerHeight / 2);
    });
}

/** Widget `i`'s host-drawn quick exit sits at the top of the screen, within the widget's column, at least 44 px square. */
async function expectOverColumn(page: Page, i = 0) {
  const box = (await hostExit(page, i).boundingBox())!;
  const column = (await widgets(page).nth(i).locator('iframe').boundingBox())!;
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.y + box.height).toBeLessThanOrEqual(64);
  expect(box.x).toBeGreaterThanOrEqual(column.x);
  expect(box.x + box.width).toBeLessThanOrEqual(column.x + column.width);
  expect(box.width).toBeGreaterThanOrEqual(44);
  expect(box.height).toBeGreaterThanOrEqual(44);
}

/** Opens guide step 4, a long one, in the first framed widget, from its header at `width` px. */
async function openLongStep(page: Page, width: number) {
  const w = app(page, 'frame');
  const step = guide.steps[3];
  // Below 48em the parts sit behind the header's Menu button.
  if (width < 768) await w.getByRole('button', { name: 'Menu' }).click();
  await w.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Guide' }).click();
  await w.getByRole('button', { name: 'Skip for now' }).click();
  await w.getByRole('link', { name: `Step ${step.number}: ${step.title}` }).click();
  await expect(w.getByRole('heading', { level: 1 })).toHaveText(`Step ${step.number}: ${step.title}`);
}

/** Opens that long step and waits for the frame to grow to more than two screens. */
async function openLongStepGrown(page: Page, width: number) {
  await openLongStep(page, width);
  const viewport = page.viewportSize()!.height;
  await expect.poll(() => widgets(page).first().locator('iframe').evaluate((el) => el.getBoundingClientRect().height)).toBeGreaterThan(2 * viewport);
}

/** Waits for the first `count` widgets (each opening on the guide) to be more than two screens tall. */
async function longWidgets(page: Page, count: number) {
  const viewport = page.viewportSize()!.height;
  for (let i = 0; i < count; i++) {
    await expect(app(page, 'frame', i).getByRole('heading', { level: 1 })).toHaveText('The guide');
    await expect.poll(() => widgets(page).nth(i).locator('iframe').evaluate((el) => el.getBoundingClientRect().height)).toBeGreaterThan(2 * viewport);
  }
}

async function writeEntry(page: Page, mode: Mode, text: string, i = 0) {
  const a = app(page, mode, i);
  await a.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Journal' }).click();
  await a.getByRole('button', { name: 'New entry' }).click();
  await a.getByLabel('What’s on your mind?').pressSequentially(text);
  await a.getByRole('button', { name: 'Save now' }).click();
  await expect(a.getByRole('status').filter({ hasText: /^Saved at/ })).toBeVisible();
}

for (const mode of MODES) {
  test.describe(`isolation="${mode}"`, () => {
    test('the practice page shows the widget with its own settings, and moving inside it never touches the host URL or history', async ({ page }) => {
      await load(page, 'practice.html', 1, mode);
      const w = app(page, mode);
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
      await load(page, 'practice.html', 1, mode);
      const button = app(page, mode).getByRole('button', { name: 'Start the check' });
      expect(await button.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(106, 61, 143)');
      // The host's own heading keeps the host's serif font.
      const hostFont = await page.locator('body > main > h1').evaluate((el) => getComputedStyle(el).fontFamily);
      expect(hostFont).toContain('Georgia');
    });

    test('a journal entry is out of the host page’s reach when framed, and in its reach in page', async ({ page }) => {
      // The host page's own script hears every key press it can.
      await page.addInitScript(() => {
        if (window.top !== window) return;
        const heard: string[] = ((window as any).heard = []);
        document.addEventListener('keydown', (e) => heard.push(e.key), true);
      });
      await load(page, 'practice.html', 1, mode);
      const secret = 'Tuesday I read the messages again';
      await writeEntry(page, mode, secret);
      // Everything the host page's scripts can read: storage, cookies, the
      // widget's element, its shadow root, form values in it, any frame's
      // document they can reach, and the keys they heard.
      const readable = await page.evaluate(() => {
        const out: string[] = [document.cookie, (window as any).heard.join('')];
        for (const store of [localStorage, sessionStorage]) {
          for (let i = 0; i < store.length; i++) {
            const key = store.key(i)!;
            out.push(key, store.getItem(key) ?? '');
          }
        }
        for (const w of document.querySelectorAll('rebuild-trust, div[data-rebuild-trust]')) {
          out.push(w.outerHTML, w.textContent ?? '');
          const root = w.shadowRoot;
          if (!root) continue;
          out.push(root.innerHTML, root.textContent ?? '');
          root.querySelectorAll<HTMLTextAreaElement | HTMLInputElement>('textarea, input').forEach((el) => out.push(el.value));
          for (const f of root.querySelectorAll('iframe')) {
            try {
              out.push(f.contentDocument?.documentElement.outerHTML ?? '');
              out.push(JSON.stringify({ ...f.contentWindow!.localStorage }));
            } catch {
              // Another origin: the browser refuses, which is the point.
            }
          }
        }
        return out.join('\n');
      });
      if (mode === 'frame') {
        expect(readable).not.toContain(secret);
        expect(readable).not.toContain('messages again');
        expect(readable).not.toContain('Tuesday');
      } else {
        // The spec can see a leak: in page, the host reads the entry.
        expect(readable).toContain(secret);
      }
    });
  });
}

for (const mode of MODES) {
  test.describe(`on a hostile page, isolation="${mode}"`, () => {
    // The third widget has deliberately bad attributes: each is a console warning, not an error.
    test('aggressive host CSS does not change the widgets', async ({ page }) => {
      await load(page, 'hostile.html', 3, mode);
      const h1 = app(page, mode).getByRole('heading', { level: 1 });
      const style = await h1.evaluate((el) => {
        const s = getComputedStyle(el);
        return { color: s.color, font: s.fontFamily, spacing: s.letterSpacing, transform: s.textTransform };
      });
      expect(style.color).not.toBe('rgb(192, 0, 0)');
      expect(style.font).not.toContain('Comic');
      expect(style.spacing).toBe('normal');
      expect(style.transform).toBe('none');
      const button = app(page, mode).getByRole('button', { name: 'Skip for now' });
      expect(await button.evaluate((el) => getComputedStyle(el).backgroundColor)).not.toBe('rgb(0, 255, 0)');
      // And the host keeps its own look.
      expect(await page.locator('#host-button').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(0, 255, 0)');
    });

    test('bad configuration falls back to safe defaults with warnings in the host’s console, never a blank widget', async ({ page }) => {
      // Warnings as the host page's own console receives them (not the frame's).
      await page.addInitScript(() => {
        if (window.top !== window) return;
        const warnings: string[] = ((window as any).warnings = []);
        const warn = console.warn.bind(console);
        console.warn = (...args: unknown[]) => {
          warnings.push(args.join(' '));
          warn(...args);
        };
      });
      await load(page, 'hostile.html', 3, mode);
      const third = app(page, mode, 2);
      await expect(third.getByRole('heading', { level: 1 })).toHaveText(/Rebuild trust/);
      for (const part of ['Readiness check', 'Guide', 'Journal']) {
        await expect(third.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: part })).toBeVisible();
      }
      const expected = [
        'Rebuild Trust widget: parts: unknown part "shop" ignored (use check, compare, guide, journal)',
        'Rebuild Trust widget: parts: no known part named, showing them all',
        'Rebuild Trust widget: accent: "red; background:url(x)" is not a #rgb or #rrggbb colour, using the default',
        'Rebuild Trust widget: theme: "neon" is not light, dark or auto, using auto',
        'Rebuild Trust widget: start: "nowhere" is not a screen that is shown, starting at home',
      ];
      await expect.poll(() => page.evaluate(() => (window as any).warnings as string[])).toEqual(expected);
    });

    test('the host’s storage is untouched and the widgets keep to their own namespaces', async ({ page }) => {
      await load(page, 'hostile.html', 3, mode);
      const a = app(page, mode, 0);
      const b = app(page, mode, 1);
      await writeEntry(page, mode, 'only in widget A', 0);
      await b.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
      await b.getByLabel('I was hurt').check();

      const hostStored = await page.evaluate(() => ({ ...localStorage }));
      expect(hostStored['settings']).toBe('the host page’s own settings');
      expect(hostStored['journal.index']).toBe('the host page’s own index');
      // Framed, the widgets keep everything in their own origin's storage, shared by the frames.
      const stored = mode === 'frame' ? await (await frameOf(page, 1)).evaluate(() => ({ ...localStorage })) : hostStored;
      if (mode === 'frame') expect(Object.keys(hostStored).sort()).toEqual(['journal.index', 'settings']);
      for (const key of Object.keys(stored)) {
        expect(key === 'settings' || key === 'journal.index' || /^widget-(a|b|c)(-public)?:/.test(key), key).toBe(true);
      }
      expect(Object.keys(stored).some((k) => k.startsWith('widget-a:journal.e.'))).toBe(true);
      expect(Object.keys(stored).some((k) => k.startsWith('widget-b:journal.'))).toBe(false);
      // B's choice is B's alone.
      await expect.poll(async () => (mode === 'frame' ? await (await frameOf(page, 1)).evaluate(() => localStorage.getItem('widget-b:settings')) : await page.evaluate(() => localStorage.getItem('widget-b:settings')))).toContain('"hurt"');
      expect(stored['widget-a:settings'] ?? '').not.toContain('"hurt"');
      await expect(b.locator('.rt-app')).toHaveAttribute('data-theme', 'dark'); // the site fixed B's theme
      await expect(a.locator('.rt-app')).toHaveAttribute('data-theme', 'system');
    });

    test('the widget’s quick-exit keys work inside it only, and the host’s own keys still reach the host', async ({ page }) => {
      await exitPages(page);
      await load(page, 'hostile.html', 3, mode);
      await page.locator('#host-button').focus();
      for (let i = 0; i < 3; i++) await page.keyboard.press('Shift');
      // Once the host page has seen all three presses, the third has been handled
      // wherever it went; quick exit marks the tab first thing, before leaving.
      await expect.poll(() => page.evaluate(() => (window as any).hostKeys.length)).toBe(3);
      const context = mode === 'frame' ? await frameOf(page) : page;
      expect(await context.evaluate(() => Object.keys(sessionStorage).filter((k) => k.endsWith(':left')))).toEqual([]);
      expect(page.url()).toContain('/examples/hostile.html');

      await app(page, mode).getByRole('link', { name: 'Settings' }).focus();
      for (let i = 0; i < 3; i++) await page.keyboard.press('Shift');
      await expect(page).toHaveURL(/bbc\.co\.uk\/weather/);
    });
  });
}

test.describe('framed', () => {
  test('the frame comes from the app’s origin with its options in the fragment, a title, a narrow sandbox and no Referer', async ({ page }) => {
    const requests: { url: string; referer?: string }[] = [];
    page.on('request', async (r) => {
      if (r.url().startsWith(APP + '/')) requests.push({ url: r.url(), referer: (await r.allHeaders())['referer'] });
    });
    await load(page, 'practice.html', 1, 'frame');
    const iframe = widgets(page).first().locator('iframe');
    await expect(iframe).toHaveAttribute('title', 'Rebuild Trust');
    const sandbox = ((await iframe.getAttribute('sandbox')) ?? '').split(/\s+/).sort();
    expect(sandbox).toEqual(['allow-downloads', 'allow-forms', 'allow-same-origin', 'allow-scripts', 'allow-top-navigation-to-custom-protocols']);
    // The camera only for the frame's own origin (scanning a share code), nothing else.
    const allow = (await iframe.getAttribute('allow'))!.split(';').map((s) => s.trim());
    expect(allow).toContain('camera');
    expect(allow).toContain("microphone 'none'");
    expect(await iframe.getAttribute('referrerpolicy')).toBe('no-referrer');
    const src = new URL((await iframe.getAttribute('src'))!);
    expect(src.origin).toBe(APP);
    expect(src.search).toBe('');
    expect(src.hash).toMatch(/^#rt-frame&/);
    expect(decodeURIComponent(src.hash)).toContain('practice-name=Harbour Counselling');
    // No request to the app carried the host page's address, nor the options.
    expect(requests.length).toBeGreaterThan(3);
    for (const r of requests) {
      expect(r.referer, r.url).toBeUndefined();
      expect(r.url).not.toContain('Harbour');
    }
    // The app's pages may be framed by the site (a header: <meta> cannot say it).
    const csp = (await page.request.get(`${APP}/`)).headers()['content-security-policy'];
    expect(csp).toBe(`frame-ancestors 'self' ${HOST}`);
  });

  test('served from the host page’s own origin, the frame says in the console that it isolates nothing', async ({ page }) => {
    const warnings: string[] = [];
    page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
    await page.goto('/examples/practice.html');
    await expect(app(page, 'frame').locator('nav[aria-label="Main"]')).toBeVisible();
    expect(warnings.some((w) => w.includes(`share the origin ${APP}`))).toBe(true);
  });

  for (const width of [320, 1280]) {
    test(`the frame is as tall as its content at ${width} px, with no inner scrollbar, as the content grows and shrinks`, async ({ page }) => {
      await page.setViewportSize({ width, height: 800 });
      await load(page, 'practice.html', 1, 'frame');
      const iframe = widgets(page).first().locator('iframe');
      const frame = await frameOf(page);
      const w = app(page, 'frame');
      const fits = async () => {
        const outer = await iframe.evaluate((el) => el.getBoundingClientRect().height);
        const inner = await frame.evaluate(() => {
          const html = document.documentElement;
          return {
            content: Math.ceil(html.getBoundingClientRect().height),
            scrollsY: html.scrollHeight > html.clientHeight,
            scrollsX: html.scrollWidth > html.clientWidth,
          };
        });
        return { fits: Math.abs(outer - inner.content) <= 1 && !inner.scrollsY && !inner.scrollsX, outer };
      };
      // The first screen itself, not the space held while its part arrives.
      await expect(w.getByRole('heading', { level: 1 })).toHaveText('Readiness check');
      await expect.poll(async () => (await fits()).fits).toBe(true);
      const short = (await fits()).outer;

      await openLongStep(page, width);
      await expect.poll(async () => (await fits()).fits).toBe(true);
      const long = (await fits()).outer;
      expect(long).toBeGreaterThan(short + 200);

      if (width < 768) await w.getByRole('button', { name: 'Menu' }).click();
      await w.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Readiness check' }).click();
      await expect(w.getByRole('heading', { level: 1 })).toHaveText('Readiness check');
      await expect.poll(async () => (await fits()).fits).toBe(true);
      expect((await fits()).outer).toBe(short);
    });
  }

  test('every option arrives in the frame', async ({ page }) => {
    await exitPages(page);
    await page.goto(`${HOST}/e2e-hosts/options.html`);
    const w = app(page, 'frame');
    await expect(w.getByRole('heading', { level: 1 })).toHaveText(/journal/i); // start
    const nav = w.getByRole('navigation', { name: 'Main' });
    await expect(nav.getByRole('link', { name: 'Guide' })).toBeVisible(); // parts
    await expect(nav.getByRole('link', { name: 'Readiness check' })).toHaveCount(0);
    await expect(w.locator('.rt-app')).toHaveAttribute('data-theme', 'light'); // theme
    const newEntry = w.getByRole('button', { name: 'New entry' });
    expect(await newEntry.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(106, 61, 143)'); // accent
    await expect(w.getByRole('link', { name: 'talk to Quay & Co' })).toHaveAttribute('href', 'https://example.org/book');
    await w.getByRole('link', { name: 'Help and support' }).click();
    await expect(w.getByText('Call us at any hour.')).toBeVisible(); // crisis text and number
    await expect(w.getByRole('link', { name: '0800 111 2222' })).toHaveAttribute('href', 'tel:08001112222');
    await nav.getByRole('link', { name: 'Settings' }).click();
    // theme: the site's choice, so the person's own is offered but not open to change, and says why.
    const colours = w.getByRole('group', { name: 'Colours' });
    await expect(colours.getByRole('radio', { name: 'Dark' })).toBeDisabled();
    await expect(colours.getByRole('radio', { name: 'Light' })).toBeDisabled();
    await expect(colours.getByText('This site sets the colours.')).toBeVisible();
    await w.getByLabel('I was hurt').check();
    const frame = await frameOf(page);
    await expect.poll(() => frame.evaluate(() => Object.keys(localStorage))).toContain('quay:settings'); // namespace
    // quick-exit-keys="page" and exit-url: Shift three times on the host page.
    await page.locator('#host-button').focus();
    for (let i = 0; i < 3; i++) await page.keyboard.press('Shift');
    await expect(page).toHaveURL('https://example.org/away');
  });

  for (const way of ['button', 'keys inside the frame']) {
    test(`quick exit by the ${way} leaves the host page, and Back does not return to it`, async ({ page }) => {
      await exitPages(page);
      await page.goto(`${HOST}/e2e-hosts/before.html`);
      await load(page, 'practice.html', 1, 'frame');
      const w = app(page, 'frame');
      if (way === 'button') {
        await w.getByRole('button', { name: /^Quick exit/ }).click();
      } else {
        await w.getByRole('link', { name: 'Settings' }).focus();
        for (let i = 0; i < 3; i++) await page.keyboard.press('Shift');
      }
      await expect(page).toHaveURL('https://example.org/');
      await page.goBack();
      await expect(page).toHaveURL(`${HOST}/e2e-hosts/before.html`);
    });
  }

  for (const width of [390, 1280]) {
    test(`scrolled to the middle of a long step at ${width} px, a quick exit stays at the top of the screen over the widget, and leaves`, async ({ page }) => {
      await exitPages(page);
      await page.setViewportSize({ width, height: 700 });
      await page.goto(`${HOST}/e2e-hosts/before.html`);
      await load(page, 'practice.html', 1, 'frame');
      const exit = hostExit(page);
      // The frame's header, with its own quick exit, is in view: no second one.
      await expect(exit).toBeHidden();
      await openLongStepGrown(page, width);
      await scrollToMiddle(page);
      // The frame's own quick exit has scrolled away above the screen...
      const own = app(page, 'frame').getByRole('button', { name: /^Quick exit/ });
      await expect.poll(async () => ((b) => (b ? b.y + b.height : null))(await own.boundingBox())).toBeLessThanOrEqual(0);
      // ...and the host page shows one at the top of the screen, over the widget.
      await expect(exit).toBeVisible();
      await expect(exit).toBeInViewport({ ratio: 1 });
      await expectOverColumn(page, 0);
      // Back at the top, the frame's own header shows again, and the host's steps aside.
      await page.evaluate(() => scrollTo(0, 0));
      await expect(exit).toBeHidden();
      await scrollToMiddle(page);
      await exit.click();
      await expect(page).toHaveURL('https://example.org/');
      await page.goBack();
      await expect(page).toHaveURL(`${HOST}/e2e-hosts/before.html`);
    });
  }

  test('moving up a long step by keyboard at 390 px, the control focused is not left under the host page’s quick exit', async ({ page }) => {
    await exitPages(page);
    await page.setViewportSize({ width: 390, height: 700 });
    await page.goto(`${HOST}/e2e-hosts/before.html`);
    await load(page, 'practice.html', 1, 'frame');
    await openLongStepGrown(page, 390);
    const w = app(page, 'frame');
    const previous = w.getByRole('link', { name: /^Previous/ });
    const next = w.getByRole('link', { name: /^Next/ });
    await next.focus();
    // The link above it just under the top of the screen, where the host's quick exit shows.
    // (A site's long footer below the widget, so the page can scroll that far.)
    await page.evaluate(() => (document.body.style.paddingBottom = '1500px'));
    const y = (await previous.boundingBox())!.y;
    await page.evaluate((by) => scrollBy(0, by), y - 8);
    const exit = hostExit(page);
    await expect(exit).toBeVisible();
    await expect(next).toBeInViewport();
    await page.keyboard.press('Shift+Tab');
    await expect(previous).toBeFocused();
    const box = (await exit.boundingBox())!;
    await expect.poll(async () => (await previous.boundingBox())!.y).toBeGreaterThanOrEqual(box.y + box.height);
  });

  test('two long widgets side by side each keep a quick exit over their own column, under a strict policy; gone once out of view; Tab reaches it; axe passes', async ({ page }) => {
    await exitPages(page);
    await page.setViewportSize({ width: 1280, height: 700 });
    await page.goto(`${HOST}/e2e-hosts/columns.html`);
    await longWidgets(page, 2);
    for (const i of [0, 1]) await expect(hostExit(page, i)).toBeHidden();
    // Both frames' tops (side by side, level) 300 px above the screen.
    await widgets(page).first().evaluate((el) => scrollBy(0, el.getBoundingClientRect().top + 300));
    for (const i of [0, 1]) {
      await expect(hostExit(page, i)).toBeInViewport({ ratio: 1 });
      await expectOverColumn(page, i);
    }
    expect(await axeViolations(page, { here: true })).toEqual([]);
    // Scrolled on past both widgets: neither shows.
    await page.evaluate(() => scrollTo(0, document.documentElement.scrollHeight));
    expect(await widgets(page).nth(1).evaluate((el) => el.getBoundingClientRect().bottom)).toBeLessThan(0);
    for (const i of [0, 1]) await expect(hostExit(page, i)).toBeHidden();
    // Back in the middle, the keyboard's first stop on the page is the first widget's quick exit.
    await scrollToMiddle(page, 0);
    await expect(hostExit(page, 0)).toBeVisible();
    await page.keyboard.press('Tab');
    await expect(hostExit(page, 0)).toBeFocused();
    const ring = await hostExit(page, 0).evaluate((el) => {
      const s = getComputedStyle(el);
      return { style: s.outlineStyle, width: parseFloat(s.outlineWidth) };
    });
    expect(ring.style).not.toBe('none');
    expect(ring.width).toBeGreaterThanOrEqual(2);
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL('https://example.org/left');
  });

  test('one widget after another on a phone: only the widget in view shows its quick exit', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 700 });
    await page.goto(`${HOST}/e2e-hosts/columns.html`);
    await longWidgets(page, 2);
    await scrollToMiddle(page, 1);
    await expect(hostExit(page, 1)).toBeInViewport({ ratio: 1 });
    await expectOverColumn(page, 1);
    await expect(hostExit(page, 0)).toBeHidden();
    await scrollToMiddle(page, 0);
    await expect(hostExit(page, 0)).toBeInViewport({ ratio: 1 });
    await expect(hostExit(page, 1)).toBeHidden();
  });

  test('the host page’s quick exit says what the app’s own button says, as the app tells it, and nothing else', async ({ page }) => {
    await page.addInitScript(() => {
      if (window.top !== window) return;
      const labels: unknown[] = ((window as any).labels = []);
      addEventListener('message', (e) => e.data?.rt === 'exit-label' && labels.push(e.data.label));
    });
    await page.setViewportSize({ width: 390, height: 700 });
    await page.goto(`${HOST}/e2e-hosts/columns.html`);
    await longWidgets(page, 2);
    // The words on the app's own button (not the hint for screen readers).
    const own = await app(page, 'frame')
      .getByRole('button', { name: /^Quick exit/ })
      .evaluate((el) => [...el.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent).join('').trim());
    await expect.poll(() => page.evaluate(() => (window as any).labels)).toContain(own);
    await scrollToMiddle(page, 0);
    const button = widgets(page).first().locator('button');
    await expect(button).toHaveText(own);
    // Another label from the app (as in another language) replaces it, for that widget alone.
    const frame = await frameOf(page, 0);
    await frame.evaluate(() => parent.postMessage({ rt: 'exit-label', label: '  Leave now  ' }, '*'));
    await expect(button).toHaveText('Leave now');
    await expect(widgets(page).first().getByRole('button', { name: 'Leave now' })).toBeVisible();
    await expect(widgets(page).nth(1).locator('button')).toHaveText(own);
    // Anything but a short text is ignored.
    await frame.evaluate(() => {
      for (const label of [42, '', '   ', 'x'.repeat(41), ['Quick exit'], null]) parent.postMessage({ rt: 'exit-label', label }, '*');
    });
    await frame.evaluate(() => parent.postMessage({ rt: 'exit-label', label: 'Last good label' }, '*'));
    await expect(button).toHaveText('Last good label');
    await frame.evaluate(() => {
      for (const label of [42, '', '   ', 'x'.repeat(41), ['Quick exit'], null]) parent.postMessage({ rt: 'exit-label', label }, '*');
      parent.postMessage({ rt: 'height', height: 0, note: 'after the bad labels' }, '*');
    });
    // Messages from one frame arrive in order: once the frame's height moved, the bad labels were handled.
    await expect.poll(() => widgets(page).first().locator('iframe').evaluate((el) => el.style.height)).toBe('0px');
    await expect(button).toHaveText('Last good label');
  });

  test('with quick-exit-keys="page", the keys leave the host page even when the framed app has hung', async ({ page }) => {
    await exitPages(page);
    await page.goto(`${HOST}/e2e-hosts/options.html`);
    await expect(app(page, 'frame').locator('nav[aria-label="Main"]')).toBeVisible();
    const frame = await frameOf(page);
    await frame.evaluate(() => {
      setTimeout(() => {
        const end = Date.now() + 20_000;
        while (Date.now() < end);
      });
    });
    await page.locator('#host-button').focus();
    for (let i = 0; i < 3; i++) await page.keyboard.press('Shift');
    await expect(page).toHaveURL('https://example.org/away');
  });

  test('two widgets on one page are independent', async ({ page }) => {
    await load(page, 'hostile.html', 3, 'frame');
    const [a, b, c] = [0, 1, 2].map((i) => app(page, 'frame', i));
    await a.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Journal' }).click();
    await expect(a.getByRole('heading', { level: 1 })).toHaveText(/journal/i);
    // The first widget has grown, pushing the second down. Chromium runs no
    // animation frames in a cross-origin frame off screen, and Playwright's
    // click waits on them, so the host page is scrolled to it first, as a
    // person would scroll to it (seen on CI: a click waiting a minute).
    await widgets(page).nth(1).scrollIntoViewIfNeeded();
    await b.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await expect(b.getByRole('heading', { level: 1 })).toHaveText('Settings');
    await expect(c.getByRole('heading', { level: 1 })).toHaveText(/Rebuild trust/);
    // Each frame has the height of its own content.
    const heights = async () => {
      const out: number[] = [];
      for (let i = 0; i < 3; i++) {
        const outer = await widgets(page).nth(i).locator('iframe').evaluate((el) => el.getBoundingClientRect().height);
        const inner = await (await frameOf(page, i)).evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
        out.push(Math.abs(outer - inner));
      }
      return out;
    };
    await expect.poll(heights).toEqual([0, 0, 0]);
  });

  test('keyboard focus moves into the frame and back out of it', async ({ page }) => {
    await load(page, 'hostile.html', 3, 'frame');
    await page.locator('#host-button').focus();
    await page.keyboard.press('Tab');
    await expect(app(page, 'frame', 0).getByRole('link', { name: 'Skip to content' })).toBeFocused();
    await page.keyboard.press('Shift+Tab');
    await expect(page.locator('#host-button')).toBeFocused();
  });

  test('a forged message from the host page changes nothing', async ({ page }) => {
    await exitPages(page);
    await load(page, 'practice.html', 1, 'frame');
    const iframe = widgets(page).first().locator('iframe');
    await expect.poll(async () => (await frameOf(page)).evaluate(() => document.documentElement.classList.contains('rt-framed'))).toBe(true);
    // The screen is drawn and the frame has its content's height: a height
    // the app itself reports later must not look like a forgery's doing.
    await expect(app(page, 'frame').getByRole('heading', { level: 1 })).toHaveText('Readiness check');
    const gap = async () => {
      const outer = await iframe.evaluate((el) => el.getBoundingClientRect().height);
      const inner = await (await frameOf(page)).evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
      return Math.abs(outer - inner);
    };
    await expect.poll(gap).toBe(0);
    const before = { url: page.url(), height: await iframe.evaluate((el) => el.style.height), title: await iframe.getAttribute('title') };
    await page.evaluate((app) => {
      const frame = document.querySelector('rebuild-trust')!.shadowRoot!.querySelector('iframe')!;
      const forged = [
        { rt: 'height', height: 5 },
        { rt: 'discreet', on: true },
        { rt: 'warnings', warnings: ['forged'] },
        { rt: 'exit-label', label: 'Forged' },
        { rt: 'exit' },
      ];
      for (const data of forged) {
        // To the host page (its own origin), to the frame, and as a synthetic
        // event claiming to come from the frame and the app's origin.
        window.postMessage(data, '*');
        frame.contentWindow!.postMessage(data, '*');
        window.dispatchEvent(new MessageEvent('message', { data, origin: app, source: frame.contentWindow }));
      }
      // Messages arrive in order: once this one is here, the page has handled every forged one.
      return new Promise<void>((done) => {
        addEventListener('message', function seen(e) {
          if (e.data === 'rt-test-after-forgeries') {
            removeEventListener('message', seen);
            done();
          }
        });
        window.postMessage('rt-test-after-forgeries', '*');
      });
    }, APP);
    expect(page.url()).toBe(before.url);
    expect(await iframe.evaluate((el) => el.style.height)).toBe(before.height);
    expect(await iframe.getAttribute('title')).toBe(before.title);
    await expect(app(page, 'frame').getByRole('heading', { level: 1 })).toHaveText('Readiness check');
    expect(await widgets(page).first().locator('button').evaluate((el) => el.textContent)).toBe('Quick exit');
  });
});

test('framed, discreet mode names the frame neutrally for screen readers', async ({ page }) => {
  await load(page, 'practice.html', 1, 'frame');
  const iframe = widgets(page).first().locator('iframe');
  await expect(iframe).toHaveAttribute('title', 'Rebuild Trust');
  const w = app(page, 'frame');
  await w.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await expect(w.getByRole('heading', { level: 1 })).toHaveText(/Settings/);
  // The frame grows to the new screen when the app says so; a click aimed
  // while it still grows can land beside the box (seen once on a clean run).
  const frame = await frameOf(page);
  await expect
    .poll(async () => {
      const outer = await iframe.evaluate((el) => Math.round(el.getBoundingClientRect().height));
      const inner = await frame.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
      return Math.abs(outer - inner) <= 2;
    })
    .toBe(true);
  await w.getByLabel(/Discreet mode/).check();
  await expect(iframe).toHaveAttribute('title', 'Notes');
  await expect(w.locator('.rt-brand')).toHaveText('Notes');
  // A new visit: the frame says so again as it starts.
  await page.reload();
  await expect(app(page, 'frame').locator('nav[aria-label="Main"]')).toBeVisible();
  await expect(iframe).toHaveAttribute('title', 'Notes');
});

test('in the host’s page, the journal says where it is kept until a lock is set; framed, it has nothing to say', async ({ page }) => {
  const notice = /kept in this website’s storage, where the site’s own scripts can read it/;
  await load(page, 'practice.html', 1, 'frame');
  const framed = app(page, 'frame');
  await framed.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Journal' }).click();
  await expect(framed.getByRole('heading', { level: 1 })).toHaveText(/journal/i);
  await expect(framed.getByText(notice)).toHaveCount(0);

  await load(page, 'practice.html', 1, 'none');
  const w = app(page, 'none');
  const nav = w.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'Journal' }).click();
  await expect(w.getByText(notice)).toBeVisible();
  await nav.getByRole('link', { name: 'Settings' }).click();
  await w.getByLabel('New passphrase', { exact: true }).fill('correct horse battery');
  await w.getByLabel('The same passphrase again').fill('correct horse battery');
  await w.getByRole('button', { name: 'Turn on the lock' }).click();
  await expect(w.getByRole('button', { name: 'Lock now' })).toBeVisible({ timeout: 20_000 });
  await nav.getByRole('link', { name: 'Journal' }).click();
  await expect(w.getByRole('heading', { level: 1 })).toHaveText(/journal/i);
  await expect(w.getByText(notice)).toHaveCount(0);
});

test('in the host’s page (isolation="none"), focus stays in the widget when its control gives way', async ({ page }) => {
  await load(page, 'practice.html', 1, 'none');
  const w = app(page, 'none');
  await writeEntry(page, 'none', 'a line to delete');
  await w.getByRole('button', { name: 'Delete entry…' }).focus();
  await page.keyboard.press('Enter');
  await expect(w.getByRole('button', { name: 'Keep it' })).toBeVisible();
  const inWidget = () =>
    page.evaluate(() => {
      const host = document.querySelector('rebuild-trust, [data-rebuild-trust]');
      return host?.shadowRoot?.activeElement?.closest('.rt-root') ? 'in the widget' : String(document.activeElement?.tagName);
    });
  await expect.poll(inWidget).toBe('in the widget');
});

test.describe('where the browser blocks site data in frames from other sites', () => {
  // This Chromium's default, as in Chrome's Incognito windows.
  test.use({ thirdPartyStorage: false });

  test('the framed widget says nothing will be kept, and still works for the visit', async ({ page }) => {
    await load(page, 'practice.html', 1, 'frame');
    await expect(app(page, 'frame').getByText(/^Storage is not available/)).toBeVisible();
    await writeEntry(page, 'frame', 'kept for this visit only');
  });
});
