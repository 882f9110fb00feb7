import { test, expect, open, axeViolations } from './fixtures';
import { check, guide } from './content';
import { result } from './seed';
import type { Page } from '@playwright/test';

// pdf.js reads text without drawing anything, but its drawing module expects
// DOMMatrix to exist when it loads; a bare stand-in is enough for text.
(globalThis as { DOMMatrix?: unknown }).DOMMatrix ??= class {};
const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');

const DAY = 86_400_000;
const START = Date.UTC(2026, 7, 3, 9, 0); // a Monday in August 2026

/** Twenty entries, one every fourth day, each with a mood and a body that names its number. */
const ENTRIES = Array.from({ length: 20 }, (_, i) => ({
  id: `seed-${i + 1}`,
  created: START + i * 4 * DAY,
  updated: START + i * 4 * DAY,
  title: `Evening ${i + 1}`,
  body: `Marker${i + 1}x wrote about the week. We talked after dinner and I noticed how tired I was of guessing, `
    + 'so I asked plainly and the answer came without a fight, which surprised us both. '.repeat(3),
  mood: (i % 5) + 1,
  feelings: [],
  tags: [],
}));

/** Stores a history of three checks, guide progress, settings and the journal, as the app stores them. */
async function seed(page: Page, entries = ENTRIES, progress: Record<string, string> = {
  [guide.steps[0].id]: 'solid', [guide.steps[1].id]: 'solid', [guide.steps[2].id]: 'working',
}) {
  const records: Record<string, unknown> = {
    'rt:settings': { theme: 'system', role: 'hurt', situation: 'together', welcomed: true, lock_after_min: 5 },
    'rt:check.history': [result('r1', START, 20), result('r2', START + 30 * DAY, 35), result('r3', START + 75 * DAY, 55)],
    'rt:guide': { states: progress, last_viewed: guide.steps[2].id },
    'rt:journal.index': entries.map((e) => e.id),
  };
  for (const e of entries) records[`rt:journal.e.${e.id}`] = e;
  const raw = Object.fromEntries(Object.entries(records).map(([k, v]) => [k, JSON.stringify({ v: 1, data: v })]));
  await page.addInitScript((raw) => {
    if (localStorage.getItem('rt:settings')) return; // only once: reloads keep what the test changed
    for (const [k, v] of Object.entries(raw)) localStorage.setItem(k, v);
  }, raw);
}

async function openSummary(page: Page) {
  await open(page, '/summary');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Summary for a counsellor');
}

const sheet = (page: Page) => page.locator('.rt-sheet');

/** Prints the page as the browser would, and reads back its pages and text. */
async function printed(page: Page, format: 'A4' | 'Letter') {
  const pdf = await page.pdf({ format, printBackground: true });
  const doc = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false }).promise;
  let text = '';
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    text += content.items.map((it) => ('str' in it ? it.str : '')).join(' ') + '\n';
  }
  const pages = doc.numPages;
  await doc.destroy();
  return { pages, text: text.replace(/\s+/g, ' ') };
}

test('the summary has the chosen sections only, and prints on one A4 and one Letter page with only the chosen words', async ({ page }) => {
  await seed(page);
  await openSummary(page);
  // By default: the checks and the guide, nothing from the journal, no app name.
  for (const d of check.dimensions) await expect(sheet(page).getByRole('rowheader', { name: d.title })).toBeVisible();
  await expect(sheet(page)).toContainText(`Step ${guide.steps[2].number}: ${guide.steps[2].title}`);
  await expect(sheet(page)).toContainText('I was hurt');
  await expect(sheet(page)).not.toContainText('Marker');
  await expect(sheet(page)).not.toContainText('mood', { ignoreCase: true });

  // Untick the guide; tick moods; pick one entry and shorten it here; write what to talk about.
  await page.getByLabel('Where I am in the guide').uncheck();
  await expect(sheet(page)).not.toContainText(guide.steps[2].title);
  await page.getByLabel(/My mood over time/).check();
  await expect(sheet(page).getByRole('heading', { name: 'My mood, week by week' })).toBeVisible();
  await page.getByRole('checkbox', { name: /Evening 7$/ }).check();
  const cut = page.getByLabel(/The passage from .*Evening 7, as printed/);
  await expect(cut).toHaveValue(/^Marker7x wrote about the week/);
  await cut.fill('Marker7x wrote about the week, and I asked plainly.');
  await page.getByLabel('What I would like to talk about', { exact: true }).fill('How to ask about the past without it turning into a fight.');
  await expect(sheet(page).locator('blockquote')).toHaveCount(1);
  await expect(sheet(page)).toContainText('Marker7x wrote about the week, and I asked plainly.');

  for (const format of ['A4', 'Letter'] as const) {
    const { pages, text } = await printed(page, format);
    expect(pages, `${format} pages`).toBe(1);
    for (const d of check.dimensions) expect(text).toContain(d.title);
    expect(text).toContain('Marker7x wrote about the week, and I asked plainly.');
    expect(text).toContain('How to ask about the past without it turning into a fight.');
    expect(text).toContain('I made this page privately, on my own device.');
    for (const e of ENTRIES.filter((e) => e.id !== 'seed-7')) expect(text).not.toContain(`Marker${e.id.slice(5)}x`);
    expect(text).not.toContain(guide.steps[2].title);
    expect(text).not.toContain('Rebuild Trust');
    // None of the screen around the page prints.
    expect(text).not.toContain('What goes on the page');
    expect(text).not.toContain('Quick exit');
  }

  // Choices are kept on the device: a reload shows the same page; the name prints only when chosen.
  await page.reload();
  await expect(sheet(page)).toContainText('Marker7x wrote about the week, and I asked plainly.');
  await page.getByLabel('Print the app’s name on the page').check();
  expect((await printed(page, 'A4')).text).toContain('Made with Rebuild Trust.');
});

test('a safety warning and a partner\'s check appear on the page, and each can be left off', async ({ page }) => {
  // Three of the person's own checks (the second taken after a safety warning),
  // and one of their partner's, entered from a share code.
  const warned = { ...result('r2', START + 30 * DAY, 35), safety_warnings: ['abuse'] };
  const theirs = { ...result('p1', START + 76 * DAY, 70), role: 'unfaithful', partner: true };
  await seed(page);
  // After the seed (init scripts run in order), once: reloads keep what the test changed.
  await page.addInitScript((history) => {
    if (localStorage.getItem('rt-test-history')) return;
    localStorage.setItem('rt-test-history', '1');
    localStorage.setItem('rt:check.history', JSON.stringify({ v: 1, data: history }));
  }, [result('r1', START, 20), warned, result('r3', START + 75 * DAY, 55), theirs]);
  await openSummary(page);
  const safety = page.getByLabel('A reminder that I answered a safety question with a warning sign');
  await expect(safety).toBeChecked();
  await expect(page.getByText(/A counsellor can only make sessions safe for you if they know/)).toBeVisible();
  await expect(sheet(page)).toContainText('I answered at least one safety question');
  const partner = page.getByLabel('The latest comparison of our two checks, biggest differences first');
  await expect(partner).toBeChecked();
  const table = sheet(page).getByRole('table').filter({ has: page.getByRole('columnheader', { name: 'The other check' }) });
  for (const d of check.dimensions) await expect(table.getByRole('rowheader', { name: d.title })).toBeVisible();
  // The person's own checks make the check table: the partner's 70s are not among its scores.
  const { text } = await printed(page, 'A4');
  expect(text).toContain('I answered at least one safety question');
  expect(text).toContain('Our two checks side by side');
  await safety.uncheck();
  await partner.uncheck();
  await expect(sheet(page)).not.toContainText('I answered at least one safety question');
  await expect(sheet(page)).not.toContainText('Our two checks side by side');
  const after = await printed(page, 'Letter');
  expect(after.pages).toBe(1);
  expect(after.text).not.toContain('safety question');
  expect(after.text).not.toContain('Our two checks side by side');
});

test('with everything ticked and every text at its longest, the page still prints on one sheet', async ({ page }) => {
  // Every guide step done but one, weeks of moods, three long passages, a long note.
  const progress = Object.fromEntries(guide.steps.map((s, i) => [s.id, i === guide.steps.length - 1 ? 'working' : 'solid']));
  const long = ENTRIES.map((e) => ({ ...e, body: `${e.body} ${'and then we sat with it for a while, quietly, '.repeat(20)}` }));
  await seed(page, long, progress);
  await openSummary(page);
  await page.getByLabel(/My mood over time/).check();
  for (const n of [3, 9, 15]) await page.getByRole('checkbox', { name: new RegExp(`Evening ${n}$`) }).check();
  // A fourth cannot be picked.
  await expect(page.getByRole('checkbox', { name: /Evening 4$/ })).toBeDisabled();
  await page.getByLabel('What I would like to talk about', { exact: true }).fill('I would like to talk about trust and about time. '.repeat(15));
  await page.getByLabel('Print the app’s name on the page').check();
  await expect(sheet(page).locator('blockquote')).toHaveCount(3);
  for (const format of ['A4', 'Letter'] as const) {
    const { pages, text } = await printed(page, format);
    expect(pages, `${format} pages`).toBe(1);
    expect(text).toContain('I made this page privately, on my own device.');
  }
});

test('the summary screen passes axe in light and dark, and its preview stays paper-white', async ({ page }) => {
  await seed(page);
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await openSummary(page);
    await page.getByLabel(/My mood over time/).check();
    await page.getByRole('checkbox', { name: /Evening 2$/ }).check();
    await expect(sheet(page).locator('blockquote')).toHaveCount(1);
    expect(await axeViolations(page), scheme).toEqual([]);
    expect(await sheet(page).evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(255, 255, 255)');
  }
});

test('the summary is reached from the check’s result, the guide and Settings', async ({ page }) => {
  await seed(page);
  for (const path of ['/check/result/r3', '/guide', '/settings']) {
    await open(page, path);
    await page.getByRole('link', { name: 'Make a summary for a counsellor' }).click();
    await expect(page).toHaveURL(/\/summary$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Summary for a counsellor');
  }
});

test('with nothing saved yet, the screen says what each section needs and offers printing', async ({ page }) => {
  await openSummary(page);
  await expect(page.getByText('Once you have finished a readiness check')).toBeVisible();
  await expect(page.getByText('Your journal has no entries yet.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Print or save as PDF' })).toBeVisible();
  await expect(sheet(page).getByRole('heading', { name: 'My summary for our session' })).toBeVisible();
});

test('what to talk about follows another tab, and typing in one never saves over the other’s words', async ({ page, context }) => {
  const box = (p: Page) => p.getByLabel('What I would like to talk about', { exact: true });
  await open(page, '/summary');
  const other = await context.newPage();
  await open(other, '/summary');
  await box(page).fill('Written in the first tab.');
  await expect(box(other)).toHaveValue('Written in the first tab.');
  await box(other).press('End');
  await box(other).pressSequentially(' And more.');
  await expect(box(page)).toHaveValue('Written in the first tab. And more.');
  expect(await page.evaluate(() => JSON.parse(localStorage.getItem('rt:summary')!).data.talk)).toBe('Written in the first tab. And more.');
});

test('on a phone the preview shows the whole page, follows the screen turning, and still prints at full size', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 800 });
  await seed(page);
  await openSummary(page);
  await page.getByLabel('What I would like to talk about', { exact: true }).fill('Sleep, and how we speak to each other after a bad night.');
  const frame = page.locator('.rt-sheet-frame');
  await expect(sheet(page)).toContainText('Sleep, and how we speak');
  // Seen whole: the page's edges are inside the frame, and nothing is left to scroll to.
  const seen = async () => {
    const [f, s] = [await frame.boundingBox(), await sheet(page).boundingBox()];
    return { inside: s!.x >= f!.x && s!.x + s!.width <= f!.x + f!.width + 0.5, width: s!.width };
  };
  await expect.poll(async () => (await seen()).inside).toBe(true);
  expect(await frame.evaluate((f) => f.scrollWidth - f.clientWidth)).toBeLessThanOrEqual(0);
  const narrow = (await seen()).width;
  expect(narrow).toBeLessThan(340);
  // Turned sideways: the page is shown larger, and still whole.
  await page.setViewportSize({ width: 800, height: 360 });
  await expect.poll(async () => (await seen()).width).toBeGreaterThan(narrow * 1.8);
  expect((await seen()).inside).toBe(true);
  // Printing is untouched: one sheet, with the words.
  const { pages, text } = await printed(page, 'A4');
  expect(pages).toBe(1);
  expect(text).toContain('Sleep, and how we speak to each other after a bad night.');
});
