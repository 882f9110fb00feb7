import { test, expect, open, type Page } from './fixtures';
import { guide, privacy } from './content';
import { EXIT, fakeWeather } from './lock-helpers';

// The pages written at build time (src/ui/prerender.rs): real HTML from the
// first byte, readable with no script at all, explained where WebAssembly is
// blocked, hidden in discreet mode until the app decides.

const step = (n: number) => guide.steps[n];
const ROLE_HEADINGS = ['If you were hurt', 'If you were unfaithful', 'For both of you'];

test.describe('with JavaScript off', () => {
  test.use({ javaScriptEnabled: false });

  test('every guide step reads in full, and Previous and Next lead through the guide', async ({ page }) => {
    for (const s of guide.steps) {
      await page.goto(`/guide/${s.id}`);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Step ${s.number}: ${s.title}`);
      await expect(page).toHaveTitle('Guide · Rebuild Trust');
      const main = page.locator('main');
      await expect(main.getByRole('heading', { name: 'Why it matters' })).toBeVisible();
      for (const heading of ROLE_HEADINGS) await expect(main.getByRole('heading', { name: heading })).toBeVisible();
      // Every role's advice, not only the default role's.
      expect(await main.locator('.rt-advice li').count()).toBeGreaterThanOrEqual(6);
    }
    await page.goto(`/guide/${step(0).id}`);
    await page.getByRole('link', { name: new RegExp(`Next.*Step ${step(1).number}`) }).click();
    await expect(page).toHaveURL(`/guide/${step(1).id}`);
    await page.waitForLoadState();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Step ${step(1).number}: ${step(1).title}`);
    await page.getByRole('link', { name: new RegExp(`Previous.*Step ${step(0).number}`) }).click();
    await page.waitForURL(`/guide/${step(0).id}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Step ${step(0).number}: ${step(0).title}`);
  });

  test('Help and Privacy read in full, and the links between them, Home and the whole guide work', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Rebuild trust, one honest step at a time');
    await page.getByRole('contentinfo').getByRole('link', { name: 'Privacy' }).click();
    await expect(page).toHaveURL('/privacy');
    // With its stylesheet applied: before that, the hidden neutral first paint counts as shown.
    await page.waitForLoadState();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(privacy.title);
    for (const heading of privacy.headings) await expect(page.getByRole('heading', { name: heading })).toBeVisible();
    await page.getByRole('contentinfo').getByRole('link', { name: 'Help and support' }).click();
    await expect(page).toHaveURL('/help');
    await page.waitForLoadState();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Help and support');
    await expect(page.locator('main a[href^="tel:"]').first()).toBeVisible();
    await page.goto('/guide/all');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('The whole guide');
    for (const s of guide.steps) {
      await expect(page.getByRole('heading', { level: 2, name: `Step ${s.number}: ${s.title}` })).toBeVisible();
    }
    // Quick exit is a plain link to the neutral page.
    await expect(page.getByRole('link', { name: /^Quick exit/ })).toHaveAttribute('href', EXIT);
  });

  test('what only the app can do is left out, not left broken', async ({ page }) => {
    await page.goto('/');
    await page.waitForLoadState();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Rebuild trust, one honest step at a time');
    await expect(page.getByRole('button', { name: 'Skip for now' })).toBeHidden();
    await page.goto('/guide/tell-the-truth');
    await page.waitForLoadState();
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Print this step' })).toBeHidden();
    await expect(page.getByRole('button', { name: /^Write about this/ }).first()).toBeHidden();
    await expect(page.getByRole('radio').first()).toBeHidden();
  });

  test('a screen with no page of its own (the guide’s overview) leads to those that read, and out', async ({ page }) => {
    await page.goto('/guide');
    await page.waitForLoadState();
    await expect(page.getByRole('link', { name: 'Quick exit' })).toHaveAttribute('href', EXIT);
    await expect(page.getByRole('link', { name: 'Help and support' })).toHaveAttribute('href', '/help');
    await expect(page.getByRole('link', { name: 'Privacy' })).toHaveAttribute('href', '/privacy');
    await page.getByRole('link', { name: 'The whole guide' }).click();
    await expect(page).toHaveURL('/guide/all');
    // With its stylesheet applied: before that, every copy of the page counts as shown.
    await page.waitForLoadState();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('The whole guide');
  });
});

test.describe('without WebAssembly', () => {
  test.beforeEach(async ({ page }) => {
    // As in Lockdown Mode: no WebAssembly at all, before any script runs.
    await page.addInitScript(() => {
      delete (globalThis as { WebAssembly?: unknown }).WebAssembly;
    });
  });

  const notice = (page: Page) => page.getByRole('region', { name: /You can read here/ });

  test('a guide step reads, a calm notice says what needs WebAssembly and how to allow it, and links work', async ({ page }) => {
    await page.goto(`/guide/${step(2).id}`);
    await expect(notice(page)).toBeVisible();
    await expect(notice(page)).toContainText('The readiness check and the journal need WebAssembly');
    await expect(notice(page)).toContainText('Lockdown Mode');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Step ${step(2).number}: ${step(2).title}`);
    await expect(page.getByRole('heading', { name: 'If you were unfaithful' })).toBeVisible();
    // What only the app can do is left out, not left broken.
    await expect(page.getByRole('group', { name: 'Where are you with this step?' })).toBeHidden();
    await expect(page.getByRole('button', { name: 'Print this step' })).toBeHidden();
    await page.getByRole('link', { name: new RegExp(`Next.*Step ${step(3).number}`) }).click();
    await page.waitForURL(`/guide/${step(3).id}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Step ${step(3).number}: ${step(3).title}`);
    await expect(notice(page)).toBeVisible();
    // A screen with no page of its own says the same, instead of "Opening…" for ever.
    await page.goto('/journal');
    await expect(notice(page)).toBeVisible();
    await expect(page.getByText('Opening…')).toBeHidden();
  });

  test('quick exit works by its link and by Shift three times, replacing the page', async ({ page }) => {
    await fakeWeather(page);
    await page.goto('/help');
    await expect(notice(page)).toBeVisible();
    await page.getByRole('link', { name: /^Quick exit/ }).click();
    await expect(page).toHaveURL(EXIT);
    await page.goBack();
    expect(page.url()).not.toContain('/help');

    await page.goto('/privacy');
    await expect(notice(page)).toBeVisible();
    for (let i = 0; i < 3; i++) await page.keyboard.press('Shift');
    await expect(page).toHaveURL(EXIT);
  });

  test('on a phone, the menu still opens', async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto('/');
    await expect(notice(page)).toBeVisible();
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Guide' }).click();
    await expect(page).toHaveURL('/guide');
  });
});

test.describe('with the app', () => {
  test('a static page is the screen itself, taken over without a jump or a second history entry', async ({ page }) => {
    // Real content from the first byte, before any WebAssembly has run.
    const html = await (await page.request.get(`/guide/${step(2).id}`)).text();
    expect(html).toContain(`Step ${step(2).number}: ${step(2).title}`);
    expect(html).toContain('data-rt-static');
    // Its words are not made to share the line with the app's download: no
    // preload of the WebAssembly, which the loader fetches once they are painted.
    expect(html).not.toMatch(/rel="preload"[^>]*_bg\.wasm/);
    expect(await (await page.request.get('/journal')).text(), 'app.html keeps its preload').toMatch(/rel="preload"[^>]*_bg\.wasm/);
    await page.addInitScript(() => {
      (window as any).rtHistory = history.length;
      (window as any).rtShifts = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) (window as any).rtShifts += (entry as any).value;
      }).observe({ type: 'layout-shift', buffered: true });
    });
    await open(page, `/guide/${step(2).id}`);
    await expect(page.locator('[data-rt-static]')).toHaveCount(0);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Step ${step(2).number}: ${step(2).title}`);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    expect(await page.evaluate(() => (window as any).rtShifts), 'layout shift while the app took over').toBe(0);
    expect(await page.evaluate(() => history.length - (window as any).rtHistory), 'history entries the app added').toBe(0);
    // The live screen: quick exit is the app's button, and marking the step works.
    await expect(page.getByRole('button', { name: /^Quick exit/ })).toBeVisible();
    await page.getByLabel('Working on it').check();
    await expect(page.getByLabel('Working on it')).toBeChecked();
  });

  test("a static page's words are painted before the app's files are fetched", async ({ page }) => {
    for (const path of ['/', `/guide/${step(2).id}`]) {
      const html = await (await page.request.get(path)).text();
      expect(html, `${path} preloads a module`).not.toContain('rel="modulepreload"');
      await open(page, path);
      await expect(page.locator('[data-rt-static]')).toHaveCount(0);
      const { paint, files } = await page.evaluate(() => ({
        paint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime,
        files: performance
          .getEntriesByType('resource')
          .filter((e) => /\/rebuild-trust-[^/]*\.(js|wasm)$/.test(e.name))
          .map((e) => ({ name: e.name.replace(/^.*\//, ''), start: e.startTime })),
      }));
      expect(paint, `${path}: first contentful paint`).toBeGreaterThan(0);
      // The glue, the split loader and the WebAssembly, each after the words.
      expect(files.filter((f) => /_bg\.wasm$|-split\.js$|[0-9a-f]{16}\.js$/.test(f.name)), path).toHaveLength(3);
      for (const file of files) expect(file.start, `${path}: ${file.name} began at ${file.start} ms, the words painted at ${paint} ms`).toBeGreaterThanOrEqual(paint!);
    }
  });
});

/** Holds back the app's WebAssembly until the returned function is called. */
async function holdTheApp(page: Page) {
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\.wasm$/, async (route) => {
    await held;
    await route.continue();
  });
  return release;
}

test.describe('a returning visitor', () => {
  // The service worker would serve the WebAssembly this spec holds back.
  test.use({ serviceWorkers: 'block' });
  test("Home's page written at build time does not show the first-run question the app would not", async ({ page }) => {
    await open(page, '/');
    await page.getByRole('button', { name: 'Skip for now' }).click();
    await expect(page.locator('.rt-welcome')).toHaveCount(0);
    // The app's file held back, so what shows is the page written at build time.
    const release = await holdTheApp(page);
    await page.goto('/');
    await expect(page.locator('[data-rt-static="en"]')).toBeVisible();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Rebuild trust, one honest step at a time');
    await expect(page.locator('[data-rt-static="en"] .rt-welcome')).toBeHidden();
    release();
    await expect(page.locator('[data-rt-static]')).toHaveCount(0);
    await expect(page.getByRole('heading', { name: 'Start here' })).toBeVisible();
    await expect(page.locator('.rt-welcome')).toHaveCount(0);
  });

  test("a first visit's page written at build time asks the first-run question", async ({ page }) => {
    const release = await holdTheApp(page);
    await page.goto('/');
    await expect(page.locator('[data-rt-static="en"] .rt-welcome')).toBeVisible();
    release();
    await expect(page.locator('[data-rt-static]')).toHaveCount(0);
    await expect(page.locator('.rt-welcome')).toBeVisible();
  });
});

test.describe('the app taking over', () => {
  test.use({ serviceWorkers: 'block' });
  test('a person who started with the keyboard before the app arrived is still on the same link after', async ({ page }) => {
    const release = await holdTheApp(page);
    await page.goto('/');
    const guideLink = (within: string) => page.locator(`${within} nav a[href="/guide"]`);
    await expect(guideLink('[data-rt-static="en"]')).toBeVisible();
    for (let i = 0; i < 12 && !(await guideLink('[data-rt-static="en"]').evaluate((a) => a === document.activeElement)); i++) {
      await page.keyboard.press('Tab');
    }
    await expect(guideLink('[data-rt-static="en"]')).toBeFocused();
    release();
    await expect(page.locator('[data-rt-static]')).toHaveCount(0);
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Guide' })).toBeFocused();
    // And the next Tab goes on from there, not from the top of the page.
    await page.keyboard.press('Tab');
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Journal' })).toBeFocused();
  });

  test('on a phone, the menu button that had focus has it again (a control with no id or address)', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    const release = await holdTheApp(page);
    await page.goto('/');
    const menu = page.locator('[data-rt-static="en"] .rt-nav__toggle');
    await expect(menu).toBeVisible();
    await menu.focus();
    release();
    await expect(page.locator('[data-rt-static]')).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Menu' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Guide' })).toBeVisible();
  });
});

test.describe('discreet mode', () => {
  // The service worker would serve the WebAssembly this spec refuses.
  test.use({ allowConsoleErrors: [/Failed to load resource|Failed to fetch/], serviceWorkers: 'block' });
  test('no static page paints its subject before the app decides', async ({ page }) => {
    await page.goto('/help');
    await page.evaluate(() => localStorage.setItem('rt-public:discreet', '1'));
    // The app never starts, so what shows is the first paint alone.
    await page.route(/\.wasm$/, (route) => route.abort());
    for (const path of ['/', '/help', '/privacy', '/guide/all', `/guide/${step(4).id}`]) {
      await page.goto(path);
      await expect(page).toHaveTitle('Notes');
      await expect(page.locator('h1:visible')).toHaveText('Notes');
      expect(await page.locator('body').innerText(), path).not.toMatch(/trust|infidelity|affair|unfaithful|Rebuild/i);
    }
  });
});
