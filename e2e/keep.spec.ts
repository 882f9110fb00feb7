import { test, expect, open, axeViolations } from './fixtures';
import { setLock, writeEntry, writeInApp } from './lock-helpers';
import type { Page } from '@playwright/test';

/** Keeping the journal from being cleared: persistent storage, Safari's word, the backup reminder. */

/** Counts the app's calls to navigator.storage.persist(), which answers `grant`. */
async function watchPersist(page: Page, grant: boolean) {
  await page.addInitScript((grant) => {
    const w = window as unknown as { rtPersistCalls: number };
    w.rtPersistCalls = 0;
    let granted = false;
    navigator.storage.persist = async () => {
      w.rtPersistCalls += 1;
      granted = grant;
      return grant;
    };
    navigator.storage.persisted = async () => granted;
  }, grant);
}
const persistCalls = (page: Page) => page.evaluate(() => (window as unknown as { rtPersistCalls: number }).rtPersistCalls);

test('the browser is asked to keep the data at the first entry, and Settings says it agreed', async ({ page }) => {
  await watchPersist(page, true);
  await writeEntry(page, 'First', 'the first words');
  await expect.poll(() => persistCalls(page)).toBe(1);
  await writeInApp(page, 'Second', 'more words');
  expect(await persistCalls(page), 'asked once, at the first entry').toBe(1);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByText(/^Kept for good: this browser has agreed/)).toBeVisible();
});

test('turning the lock on asks again, and a refusal is said plainly', async ({ page }) => {
  await watchPersist(page, false);
  await setLock(page);
  await expect.poll(() => persistCalls(page)).toBe(1);
  await expect(page.getByText(/^Not kept for good yet: this browser may clear the app’s data/)).toBeVisible();
});

test.describe('in Safari on an iPhone, not added to the Home Screen', () => {
  test.use({
    userAgent:
      'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
  });

  test('the journal explains once, kindly, that Safari may clear it, with how to install and a backup', async ({ page }) => {
    await writeEntry(page, 'Words', 'worth keeping');
    await open(page, '/journal');
    const note = page.getByRole('complementary', { name: 'Keeping your journal in Safari' });
    await expect(note).toContainText('Add to Home Screen');
    await expect(note.getByRole('link', { name: 'save a backup' })).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);
    await note.getByRole('button', { name: 'Got it' }).click();
    await expect(note).toHaveCount(0);
    await page.reload();
    await expect(page.locator('.rt-entries > li')).toHaveCount(1);
    await expect(note, 'once is enough').toHaveCount(0);
  });
});

test('no Safari word in Chromium', async ({ page }) => {
  await writeEntry(page, 'Words', 'worth keeping');
  await open(page, '/journal');
  await expect(page.locator('.rt-entries > li')).toHaveCount(1);
  await expect(page.getByRole('complementary', { name: 'Keeping your journal in Safari' })).toHaveCount(0);
});

test('the backup reminder comes after 20 new entries, not only after 30 days', async ({ page }) => {
  const now = Date.now();
  const seed = (n: number) => {
    const entries = Array.from({ length: n }, (_, i) => ({
      id: `seed-${i}`, created: now - 3600_000 + i, updated: now - 3600_000 + i, title: `Entry ${i}`, body: 'words',
      mood: null, feelings: [], tags: [], step: null, prompt: null, rev: 1,
    }));
    const rec: Record<string, string> = { 'rt:journal.index': JSON.stringify({ v: 1, data: entries.map((e) => e.id) }) };
    for (const e of entries) rec[`rt:journal.e.${e.id}`] = JSON.stringify({ v: 1, data: e });
    return rec;
  };
  const reminder = page.getByRole('complementary', { name: 'Backup reminder' });
  for (const [n, shown] of [[19, 0], [20, 1]] as const) {
    await open(page, '/');
    await page.evaluate((rec) => {
      localStorage.clear();
      for (const [k, v] of Object.entries(rec)) localStorage.setItem(k, v);
    }, seed(n));
    await open(page, '/journal');
    await expect(page.locator('.rt-entries > li').first()).toBeVisible();
    await expect(reminder, `${n} entries written today`).toHaveCount(shown);
  }
});
