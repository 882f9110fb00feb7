import { test as base, chromium, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../tools/chromium.mjs';
import * as shared from './shared.mjs';

/**
 * Every spec imports `test` from here. For every test, every request that
 * reaches the network layer and is not for this server is recorded and
 * aborted, and fails the test; so does any console error or uncaught
 * exception. (A request the Content Security Policy refuses never reaches
 * the network layer, which is the point of the policy.)
 *
 * A spec that deliberately serves a host page from a second loopback origin
 * (this server as http://localhost:PORT, framing the app on 127.0.0.1) names
 * it in `hostOrigins`; only then does that origin count as not leaving.
 */
export const test = base.extend<{ allowConsoleErrors: RegExp[]; hostOrigins: string[]; thirdPartyStorage: boolean }>({
  allowConsoleErrors: [[], { option: true }],
  hostOrigins: [[], { option: true }],
  /**
   * Let a frame from another site keep data (partitioned by the top-level
   * site, as Chrome does by default and Safari and Firefox always do). This
   * Chromium blocks third-party cookies and site data by default, as Chrome
   * does in Incognito windows; a spec that needs a framed app's storage sets
   * this, and runs in a fresh profile whose cookie setting allows it.
   */
  thirdPartyStorage: [false, { option: true }],
  context: async ({ context, thirdPartyStorage, baseURL, viewport }, use) => {
    if (!thirdPartyStorage) {
      await use(context);
      return;
    }
    const profile = await mkdtemp(join(tmpdir(), 'rt-e2e-profile-'));
    await mkdir(join(profile, 'Default'));
    await writeFile(join(profile, 'Default', 'Preferences'), JSON.stringify({ profile: { cookie_controls_mode: 0 } }));
    const allowing = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      args: CHROMIUM_ARGS,
      baseURL,
      viewport,
    });
    await use(allowing);
    await allowing.close();
    await rm(profile, { recursive: true, force: true });
  },
  page: async ({ page, baseURL, allowConsoleErrors, hostOrigins }, use) => {
    const origin = new URL(baseURL!).origin;
    const offsite: string[] = [];
    const errors: string[] = [];
    const local = (url: URL) => url.origin === origin || hostOrigins.includes(url.origin);
    await page.context().route((url) => !local(url), async (route) => {
      offsite.push(route.request().url());
      await route.abort('blockedbyclient');
    });
    const allowed = (text: string) => allowConsoleErrors.some((re) => re.test(text));
    page.on('console', (msg) => {
      if (msg.type() === 'error' && !allowed(msg.text())) errors.push(msg.text());
    });
    page.on('pageerror', (err) => {
      if (!allowed(err.message)) errors.push(`uncaught: ${err.message}`);
    });
    await use(page);
    expect(offsite, 'requests that left 127.0.0.1').toEqual([]);
    expect(errors, 'console errors').toEqual([]);
  },
});
export { expect };

/** Every screen of the app, by path and the heading it shows (e2e/shared.mjs). */
export const SCREENS = shared.SCREENS as { path: string; title: string; heading: RegExp | string }[];

/**
 * The running app's main navigation: not the static first paint's, nor a
 * static page's (written at build time, `[data-rt-static]`), which the app replaces.
 */
export const LIVE_NAV = '#rt-root > .rt-root .rt-app nav.rt-nav';

/**
 * What changing the preferred languages in the browser's settings does to a
 * page: new `navigator.languages` (and `language`), then `languagechange`.
 */
export async function browserPrefers(page: Page, tags: string[]) {
  await page.evaluate((tags) => {
    Object.defineProperty(navigator, 'languages', { configurable: true, get: () => tags });
    Object.defineProperty(navigator, 'language', { configurable: true, get: () => tags[0] });
    dispatchEvent(new Event('languagechange'));
  }, tags);
}

/** Opens a path and waits until the app (not the static first paint) is running. */
export async function open(page: Page, path: string) {
  await page.goto(path);
  await expect(page.locator(LIVE_NAV)).toBeVisible();
}

/**
 * Runs axe with the WCAG 2.2 A and AA rules and returns the violations,
 * summarised. `{ here: true }` reads the page where it is scrolled, for what
 * shows only there (an embedded widget's quick exit once its top has scrolled away).
 */
export async function axeViolations(page: Page, { here = false } = {}) {
  // Colours fade for 0.15 s after a change (a theme switched, a hover): axe
  // must read them once settled, not halfway (getAnimations() flushes styles,
  // so a fade that is about to start is waited for too).
  for (const frame of page.frames()) {
    await frame
      .evaluate(() =>
        Promise.all(
          document
            .getAnimations()
            .filter((a) => a.effect?.getComputedTiming().endTime !== Infinity)
            .map((a) => a.finished.catch(() => undefined)),
        ),
      )
      .catch(() => undefined);
  }
  // The header stays on screen as the page scrolls, so wherever the last click
  // left the page, a link can be half under it, and axe's target-size rule
  // counts that against the link. Read the page from its top (as it opens),
  // then put the scroll back.
  const scrolled = await page.evaluate((here) => {
    const y = scrollY;
    if (!here) scrollTo(0, 0);
    return y;
  }, here);
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'])
    .analyze();
  await page.evaluate((y) => scrollTo(0, y), scrolled);
  return results.violations.map((v) => ({
    rule: v.id,
    impact: v.impact,
    nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary}`),
  }));
}
