// Takes screenshots of the served app for a human look.
//   node tools/screenshots.mjs [base-url] [out-dir] [path ...]
// Each path is shot at 360 px and 1280 px wide (or the widths in WIDTHS, e.g. WIDTHS=320,390), in light and dark.
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.mjs';

// The app once it runs: a page written at build time holds a copy of the
// screen per language (e2e/fixtures.ts's LIVE_NAV says the same).
const LIVE = '#rt-root > .rt-root .rt-app';

const [base = 'http://127.0.0.1:8080', out = 'screenshots', ...paths] = process.argv.slice(2);
const targets = paths.length ? paths : ['/', '/guide', '/guide/take-responsibility', '/settings', '/help'];
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
for (const scheme of ['light', 'dark']) {
  for (const width of (process.env.WIDTHS ?? '360,1280').split(',').map(Number)) {
    const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: scheme });
    const page = await context.newPage();
    for (const path of targets) {
      await page.goto(base + path);
      await page.locator(`${LIVE} nav[aria-label="Main"]`).waitFor();
      await page.locator(`${LIVE} h1`).waitFor(); // a part of the app may still be arriving
      await page.waitForLoadState('networkidle');
      const name = `${out}/${path.replace(/\W+/g, '_') || 'home'}-${width}-${scheme}.png`;
      await page.screenshot({ path: name, fullPage: true });
      console.log(name);
    }
    await context.close();
  }
}
await browser.close();
