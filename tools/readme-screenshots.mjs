// The README's screenshots: Home, a guide step, a check result and the journal,
// at 390 x 844 (a common phone), light and dark, as a person who has only just
// found out would see them after a first evening with the app.
//   node tools/readme-screenshots.mjs [base-url] [out-dir]
// Serve the release build first (./run serve, or node tools/serve.mjs).
// The shots are of the screen, not the whole page: what a phone shows first.
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.mjs';

// The app once it runs: a page written at build time holds a copy of the
// screen per language (e2e/fixtures.ts's LIVE_NAV says the same).
const LIVE = '#rt-root > .rt-root .rt-app';
import { readFileSync } from 'node:fs';

// Safety answers in content order, none of them a warning sign.
const checkToml = readFileSync(new URL('../src/content/en/check.toml', import.meta.url), 'utf8');
const safeAnswers = [...checkToml.matchAll(/^\[\[safety\.questions\]\][^[]*?warning_if = (true|false)/gms)].map((m) => (m[1] === 'true' ? 'No' : 'Yes'));

const [base = 'http://127.0.0.1:8080', out = 'docs/screenshots'] = process.argv.slice(2);
const record = (data) => JSON.stringify({ v: 1, data });
const seed = {
  'rt:settings': record({
    theme: 'system', role: 'hurt', situation: 'apart-unsure', moment: 'just-found-out', welcomed: true,
    last_backup: null, backup_reminder_dismissed: null, lock_after_min: 5,
  }),
  'rt:guide': record({ states: {}, last_viewed: 'emotional-waves' }),
  'rt:check.history': record([{
    id: 'example', taken_at: Date.UTC(2026, 10, 21, 21, 40), role: 'hurt', situation: 'apart-unsure',
    scores: { dimensions: [], overall: 0 }, band: '', answers: {},
  }]),
};

const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
for (const scheme of ['light', 'dark']) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, colorScheme: scheme, deviceScaleFactor: 1 });
  const page = await context.newPage();
  await page.goto(base + '/');
  await page.locator(`${LIVE} nav[aria-label="Main"]`).waitFor();
  await page.evaluate((s) => { localStorage.clear(); for (const [k, v] of Object.entries(s)) localStorage.setItem(k, v); }, seed);
  // A real result, scored by the app, in place of the placeholder above.
  await page.goto(base + '/check');
  await page.getByRole('button', { name: 'Start the check' }).click();
  const groups = await page.locator('main fieldset').all();
  for (const [i, group] of groups.entries()) await group.getByLabel(safeAnswers[i], { exact: true }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  const scale = ['Disagree', 'Neither agree nor disagree', 'Agree'];
  for (let i = 0; ; i++) {
    await page.getByLabel(scale[i % 3], { exact: true }).check();
    const next = page.getByRole('button', { name: 'Next' });
    if (!(await next.isVisible())) break;
    await next.click();
  }
  await page.getByRole('button', { name: 'See my results' }).click();
  await page.locator('.rt-band').waitFor();
  const result = page.url();
  await page.evaluate(() => {
    const h = JSON.parse(localStorage.getItem('rt:check.history'));
    h.data = h.data.filter((r) => r.id !== 'example');
    localStorage.setItem('rt:check.history', JSON.stringify(h));
  });
  // Two journal entries, written as a person would.
  for (const [title, body] of [['Couldn’t sleep', 'Woke at three and read the step about waves. It helped to know this is normal.'], ['Walk', 'A long walk. Calmer afterwards.']]) {
    await page.goto(base + '/journal');
    await page.getByRole('button', { name: 'New entry' }).click();
    await page.getByLabel('Title').fill(title);
    await page.getByLabel('What’s on your mind?').fill(body);
    await page.getByRole('status').filter({ hasText: /^Saved at/ }).waitFor();
  }
  const shots = [['home', base + '/'], ['step', base + '/guide/emotional-waves'], ['result', result], ['journal', base + '/journal']];
  for (const [name, url] of shots) {
    await page.goto(url);
    await page.locator(`${LIVE} h1`).waitFor();
    await page.waitForLoadState('networkidle');
    if (name === 'home') await page.getByRole('region', { name: 'Start here' }).getByRole('link').first().waitFor();
    const file = `${out}/${name}-390-${scheme}.png`;
    await page.screenshot({ path: file });
    console.log(file);
  }
  await context.close();
}
await browser.close();
