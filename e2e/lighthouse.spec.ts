import { test, expect } from './fixtures';
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { CHROMIUM_ARGS } from '../playwright.config';

// Lighthouse (mobile, its default) on the release build: accessibility and
// best practices must both score 100. Performance is reported by the
// benchmark, not asserted here: CI machines vary too much for timing.
// Lighthouse drives its own Chromium, which the page fixture cannot watch, so
// its own record of every request the page made is checked instead: all of
// them must be for this server.
test.describe.configure({ mode: 'serial' });
test.setTimeout(180_000);

for (const path of ['/', '/guide/tell-the-truth', '/check']) {
  test(`Lighthouse scores 100 for accessibility and best practices on ${path}`, async ({ baseURL }) => {
    const chrome = await chromeLauncher.launch({
      chromePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      chromeFlags: ['--headless=new', ...CHROMIUM_ARGS],
    });
    try {
      const result = await lighthouse(baseURL + path, {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: ['accessibility', 'best-practices'],
        // Not part of a category; listed so it runs beside them.
        onlyAudits: ['network-requests'],
      });
      const lhr = result!.lhr;
      const requests = (lhr.audits['network-requests'].details as { items: { url: string }[] }).items.map((i) => i.url);
      expect(requests.length, 'Lighthouse recorded the page loading').toBeGreaterThan(0);
      const origin = new URL(baseURL!).origin;
      expect(requests.filter((url) => !url.startsWith(origin + '/')), 'requests that left 127.0.0.1').toEqual([]);
      // The audits that count towards each score and did not pass, to say why when one is below 100.
      const failing = (category: string) =>
        lhr.categories[category].auditRefs
          .filter((ref) => ref.weight > 0 && (lhr.audits[ref.id].score ?? 1) < 1)
          .map((ref) => `${ref.id}: ${lhr.audits[ref.id].title}`);
      expect({
        accessibility: lhr.categories['accessibility'].score,
        bestPractices: lhr.categories['best-practices'].score,
        failing: [...failing('accessibility'), ...failing('best-practices')],
      }).toEqual({ accessibility: 1, bestPractices: 1, failing: [] });
    } finally {
      await chrome.kill();
    }
  });
}
