import { test, expect, open, axeViolations } from './fixtures';
import { guide } from './content';
import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';

async function newEntry(page: Page, title: string, body: string) {
  await open(page, '/journal');
  await page.getByRole('button', { name: 'New entry' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('New entry');
  await page.getByLabel('Title').fill(title);
  await page.getByLabel('What’s on your mind?').fill(body);
  await expect(page.getByRole('status').filter({ hasText: /^Saved at/ })).toBeVisible();
}

const list = (page: Page) => page.locator('.rt-entries > li');

test('an entry saves itself, survives a reload and shows in the list', async ({ page }) => {
  await newEntry(page, 'A calmer evening', 'We talked for an hour.\nNobody raised their voice.');
  await page.getByLabel('Steady').check();
  await page.getByLabel('Hopeful').check();
  await page.getByLabel('Tags').fill('talks, evening');
  await expect(page.getByRole('status').filter({ hasText: /^Saved at/ })).toBeVisible();
  await page.reload();
  await expect(page.getByLabel('What’s on your mind?')).toHaveValue('We talked for an hour.\nNobody raised their voice.');
  await expect(page.getByLabel('Steady')).toBeChecked();
  await expect(page.getByLabel('Hopeful')).toBeChecked();
  expect(await axeViolations(page)).toEqual([]);
  await page.getByRole('link', { name: 'Done' }).click();
  await expect(list(page)).toHaveCount(1);
  await expect(list(page).first()).toContainText('A calmer evening');
  await expect(list(page).first()).toContainText('Mood: Steady');
  await expect(list(page).first()).toContainText('Tags: talks, evening');
  expect(await axeViolations(page)).toEqual([]);
});

test('words typed and not yet saved are kept as a draft at once', async ({ page, context }) => {
  await page.clock.install();
  await open(page, '/journal');
  await page.getByRole('button', { name: 'New entry' }).click();
  // Time held still: this window never gets to its automatic save, as if it had crashed.
  await page.clock.pauseAt(Date.now() + 60_000);
  await page.getByLabel('What’s on your mind?').pressSequentially('Half a thought', { delay: 5 });
  // Before any autosave: the draft is already in storage.
  const drafts = await page.evaluate(() =>
    Object.keys(localStorage).filter((k) => k.startsWith('rt:journal.draft.')).map((k) => localStorage.getItem(k)),
  );
  expect(drafts).toHaveLength(1);
  expect(drafts[0]).toContain('Half a thought');
  // The same entry opened in another window offers the words back.
  const other = await context.newPage();
  await other.goto(page.url());
  const offer = other.getByRole('region', { name: 'Words from another window' });
  await expect(offer).toContainText('Half a thought');
  await offer.getByRole('button', { name: 'Bring them back' }).click();
  await expect(other.getByLabel('What’s on your mind?')).toHaveValue('Half a thought');
  await other.close();
});

/** The saved entry records' raw text (not drafts). */
const savedRecords = (page: Page) =>
  page.evaluate(() =>
    Object.keys(localStorage).filter((k) => k.startsWith('rt:journal.e.')).map((k) => localStorage.getItem(k) ?? ''),
  );

const restoreNotice = (page: Page) => page.getByText('Words you had not saved yet were kept');

test('closing or reloading the tab saves what was typed', async ({ page, context }) => {
  await page.clock.install();
  await open(page, '/journal');
  await page.getByRole('button', { name: 'New entry' }).click();
  // Time stands still from here (in every window of this context): no
  // automatic save can run, so only leaving the page can save.
  await page.clock.pauseAt(Date.now() + 60_000);
  await page.getByLabel('What’s on your mind?').pressSequentially('Typed just before reloading', { delay: 5 });
  await page.reload();
  await expect(page.getByLabel('What’s on your mind?')).toHaveValue('Typed just before reloading');
  // Saved as the page went away, before any automatic save could run: the
  // entry's record holds the words, and nothing had to be put back from a draft.
  expect(await savedRecords(page)).toEqual([expect.stringContaining('Typed just before reloading')]);
  await expect(restoreNotice(page)).toHaveCount(0);

  const other = await context.newPage();
  await open(other, '/journal');
  await other.getByRole('button', { name: 'New entry' }).click();
  await other.getByLabel('What’s on your mind?').pressSequentially('Typed just before closing', { delay: 5 });
  await other.close({ runBeforeUnload: true });
  await expect.poll(() => savedRecords(page)).toContainEqual(expect.stringContaining('Typed just before closing'));
  expect(await savedRecords(page)).toHaveLength(2);
});

test('an entry opened empty from a guide prompt does not say words were restored', async ({ page }) => {
  const step = guide.steps[1];
  await open(page, `/guide/${step.id}`);
  await page.getByRole('button', { name: /^Write about this/ }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('New entry');
  await expect(page.getByText(`Writing about step ${step.number}: ${step.title}`)).toBeVisible();
  await expect(restoreNotice(page)).toHaveCount(0);
  // Nor after a reload: the link to the step is kept, and there are still no words.
  await page.reload();
  await expect(page.getByText(`Writing about step ${step.number}: ${step.title}`)).toBeVisible();
  await expect(restoreNotice(page)).toHaveCount(0);
});

test('editing an entry keeps its changes', async ({ page }) => {
  await newEntry(page, 'Before', 'first version');
  await page.getByRole('link', { name: 'Done' }).click();
  await list(page).getByRole('link', { name: 'Before' }).click();
  await page.getByLabel('Title').fill('After');
  await page.getByLabel('What’s on your mind?').fill('second version');
  await page.getByRole('button', { name: 'Save now' }).click();
  await expect(page.getByRole('status').filter({ hasText: /^Saved at/ })).toBeVisible();
  await page.getByRole('link', { name: 'Done' }).click();
  await expect(list(page)).toHaveCount(1);
  await expect(list(page).first()).toContainText('After');
  await expect(list(page).first()).toContainText('second version');
});

test('search ignores case and accents, and filters narrow the list', async ({ page }) => {
  await newEntry(page, 'Coffee', 'We met at the CAFÉ and it felt almost normal.');
  await page.getByLabel('Good').check();
  await page.getByLabel('Tags').fill('outing');
  await page.getByRole('button', { name: 'Save now' }).click();
  await expect(page.getByRole('status').filter({ hasText: /^Saved at/ })).toBeVisible();
  await page.getByRole('link', { name: 'Done' }).click();
  await page.getByRole('button', { name: 'New entry' }).click();
  await page.getByLabel('What’s on your mind?').fill('A hard night. Nothing helped.');
  await page.getByLabel('Very low').check();
  await expect(page.getByRole('status').filter({ hasText: /^Saved at/ })).toBeVisible();
  await page.getByRole('link', { name: 'Done' }).click();
  await expect(list(page)).toHaveCount(2);

  const search = page.getByRole('searchbox', { name: 'Search' });
  await search.fill('cafe');
  await expect(list(page)).toHaveCount(1);
  await expect(page.getByText('1 of 2 entries match')).toBeVisible();
  await search.fill('NIGHT nothing');
  await expect(list(page)).toHaveCount(1);
  await expect(list(page).first()).toContainText('A hard night');
  await search.fill('nowhere-to-be-found');
  await expect(page.getByText('Nothing matches that')).toBeVisible();
  await search.fill('');

  await page.getByLabel('Mood', { exact: true }).selectOption({ label: 'Very low' });
  await expect(list(page)).toHaveCount(1);
  await page.getByLabel('Mood', { exact: true }).selectOption({ label: 'Any mood' });
  await page.getByLabel('Tag', { exact: true }).selectOption({ label: 'outing (1)' });
  await expect(list(page)).toHaveCount(1);
  await expect(list(page).first()).toContainText('Coffee');
  await page.getByRole('button', { name: 'Clear' }).click();
  await expect(list(page)).toHaveCount(2);
  await page.getByLabel('From').fill('2000-01-01');
  await page.getByLabel('To').fill('2000-12-31');
  await expect(list(page)).toHaveCount(0);
});

test('deleting asks first and can be undone', async ({ page }) => {
  await newEntry(page, 'To delete', 'gone soon');
  await page.getByRole('button', { name: 'Delete entry…' }).click();
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your journal');
  await expect(page.getByText('“To delete” was deleted.')).toBeVisible();
  await expect(list(page)).toHaveCount(0);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(list(page)).toHaveCount(1);
  await page.reload();
  await expect(list(page)).toHaveCount(1);
});

test('markup typed into every field is shown as plain text', async ({ page }) => {
  let dialogs = 0;
  page.on('dialog', async (d) => { dialogs++; await d.dismiss(); });
  const evil = '<img src=x onerror=alert(1)><b>bold</b><script>alert(2)</script>';
  await newEntry(page, `T ${evil}`, `B ${evil}`);
  await page.getByLabel('Another feeling').fill(`F<i>x</i>`);
  await page.getByRole('button', { name: 'Add' }).click();
  await page.getByLabel('Tags').fill(`<u>tag</u>`);
  await page.getByRole('button', { name: 'Save now' }).click();
  await expect(page.getByRole('status').filter({ hasText: /^Saved at/ })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`T ${evil}`);
  await expect(page.getByLabel('F<i>x</i>')).toBeChecked();
  await page.getByRole('link', { name: 'Done' }).click();
  await expect(list(page).first()).toContainText(`T ${evil}`);
  await expect(list(page).first()).toContainText('Tags: <u>tag</u>');
  await page.getByRole('searchbox', { name: 'Search' }).fill('<b>bold');
  await expect(list(page)).toHaveCount(1);
  for (const tag of ['img', 'b', 'script', 'i', 'u']) {
    await expect(page.locator(`main ${tag}`)).toHaveCount(0);
  }
  expect(dialogs).toBe(0);
});

test('a prompt in the guide opens a linked journal entry', async ({ page }) => {
  const step = guide.steps[2];
  await open(page, `/guide/${step.id}`);
  await page.getByRole('button', { name: /^Write about this/ }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('New entry');
  await expect(page.getByText(`Writing about step ${step.number}: ${step.title}`)).toBeVisible();
  await expect(page.getByLabel('Linked guide step')).toHaveValue(step.id);
  await page.getByLabel('What’s on your mind?').fill('My answer to the prompt.');
  await expect(page.getByRole('status').filter({ hasText: /^Saved at/ })).toBeVisible();
  await page.getByRole('link', { name: 'Done' }).click();
  await expect(list(page).first()).toContainText(`Step ${step.number}`);
  await page.getByLabel('Guide step').selectOption(step.id);
  await expect(list(page)).toHaveCount(1);
});

test('a change saved in one tab appears in the other', async ({ page, context }) => {
  await open(page, '/journal');
  const other = await context.newPage();
  await open(other, '/journal');
  await newEntry(page, 'From tab one', 'hello from the first tab');
  await expect(other.locator('.rt-entries > li')).toHaveCount(1);
  await expect(other.locator('.rt-entries > li').first()).toContainText('From tab one');
  await other.close();
});

test('editing the same entry in two tabs never silently drops a version', async ({ page, context }) => {
  await newEntry(page, 'Shared', 'original words');
  const url = page.url();
  const other = await context.newPage();
  await other.goto(url);
  await expect(other.getByLabel('What’s on your mind?')).toHaveValue('original words');

  await page.getByLabel('What’s on your mind?').fill('changed in tab one');
  await page.getByRole('button', { name: 'Save now' }).click();
  await expect(page.getByRole('status').filter({ hasText: /^Saved at/ })).toBeVisible();

  await other.getByLabel('What’s on your mind?').fill('changed in tab two');
  await other.getByRole('button', { name: 'Save now' }).click();
  await expect(other.getByRole('heading', { name: 'This entry changed somewhere else' })).toBeVisible();
  await other.getByRole('button', { name: 'Keep both' }).click();
  await expect(other.getByLabel('What’s on your mind?')).toHaveValue('changed in tab two');
  await other.getByRole('link', { name: 'Done' }).click();
  await expect(other.locator('.rt-entries > li')).toHaveCount(2);
  await expect(other.locator('.rt-entries')).toContainText('changed in tab one');
  await expect(other.locator('.rt-entries')).toContainText('changed in tab two');
  await other.close();
});

test('the words of a window closed while its conflict was open come back as a draft', async ({ page, context }) => {
  await newEntry(page, 'Shared', 'original words');
  const url = page.url();
  const other = await context.newPage();
  await other.goto(url);
  await expect(other.getByLabel('What’s on your mind?')).toHaveValue('original words');

  // Both windows type; window one saves first, window two's automatic save then meets a conflict.
  await page.getByLabel('What’s on your mind?').fill('words from window one');
  await other.getByLabel('What’s on your mind?').fill('newer words from window two');
  await page.getByRole('button', { name: 'Save now' }).click();
  await expect(page.getByRole('status').filter({ hasText: /^Saved at/ })).toBeVisible();
  await expect(other.getByRole('heading', { name: 'This entry changed somewhere else' })).toBeVisible();
  await other.close({ runBeforeUnload: true });

  // The next opening of the entry offers window two's words back.
  await page.getByRole('link', { name: 'Done' }).click();
  await list(page).getByRole('link', { name: 'Shared' }).click();
  await expect(page.getByLabel('What’s on your mind?')).toHaveValue('words from window one');
  const offer = page.getByRole('region', { name: 'Words from another window' });
  await expect(offer).toContainText('newer words from window two');
  expect(await axeViolations(page)).toEqual([]);
  await offer.getByRole('button', { name: 'Bring them back' }).click();
  await expect(page.getByLabel('What’s on your mind?')).toHaveValue('newer words from window two');
  // They were started from the older version, so the choice is offered again, here.
  await expect(page.getByRole('heading', { name: 'This entry changed somewhere else' })).toBeVisible();
  await page.getByRole('button', { name: 'Keep both' }).click();
  await page.getByRole('link', { name: 'Done' }).click();
  await expect(list(page)).toHaveCount(2);
  await expect(page.locator('.rt-entries')).toContainText('words from window one');
  await expect(page.locator('.rt-entries')).toContainText('newer words from window two');
});

test('the journal offers the lock and discreet mode, one tap each, until hidden', async ({ page }) => {
  await open(page, '/journal');
  const offer = page.getByRole('complementary', { name: 'Worried someone might see this?' });
  await expect(offer).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  // Discreet mode, right here.
  const discreet = offer.getByRole('button', { name: 'Discreet mode' });
  await discreet.click();
  await expect(discreet).toHaveAttribute('aria-pressed', 'true');
  await expect(offer.getByRole('status')).toContainText('this tab is called “Notes”');
  await expect(page).toHaveTitle('Notes');
  // The lock: straight to the field where a passphrase is set.
  await offer.getByRole('button', { name: 'Set a passphrase' }).click();
  await expect(page.getByLabel('New passphrase', { exact: true })).toBeFocused();
  // Once hidden, it stays hidden.
  await open(page, '/journal');
  await offer.getByRole('button', { name: 'Hide this' }).click();
  await expect(offer).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your journal');
  await expect(page.getByRole('button', { name: 'New entry' })).toBeVisible();
  await expect(offer).toHaveCount(0);
});

test('the list can show titles only, and keeps that choice', async ({ page }) => {
  await newEntry(page, 'Evening walk', 'private words about the walk');
  await page.getByRole('link', { name: 'Done' }).click();
  await expect(list(page).first()).toContainText('private words about the walk');
  const titlesOnly = page.getByLabel(/Show titles only/);
  await titlesOnly.check();
  await expect(list(page).first()).toContainText('Evening walk');
  await expect(list(page).first()).not.toContainText('private words');
  await page.reload();
  await expect(list(page).first()).toContainText('Evening walk');
  await expect(titlesOnly).toBeChecked();
  await expect(list(page).first()).not.toContainText('private words');
  expect(await axeViolations(page)).toEqual([]);
});

test.describe('on a 320 px wide phone', () => {
  test.use({ viewport: { width: 320, height: 640 } });

  test('“Saved at…” appears beside Save now, announced politely', async ({ page }) => {
    await open(page, '/journal');
    await page.getByRole('button', { name: 'New entry' }).click();
    await page.getByLabel('What’s on your mind?').fill('a few words');
    const save = page.getByRole('button', { name: 'Save now' });
    await save.click();
    const status = page.getByRole('status').filter({ hasText: /^Saved at/ });
    await expect(status).toHaveAttribute('aria-live', 'polite');
    await expect(save).toBeInViewport();
    await expect(status).toBeInViewport();
    const [b, s] = [await save.boundingBox(), await status.boundingBox()];
    expect(Math.abs(s!.y - b!.y), 'the confirmation is not beside the button').toBeLessThan(b!.height + 24);
  });
});

test.describe('when storage is full', () => {
  test('the text stays in the editor, the person is told, and saved entries are untouched', async ({ page }) => {
    await newEntry(page, 'Saved before', 'this was saved earlier');
    await page.getByRole('link', { name: 'Done' }).click();
    await page.getByRole('button', { name: 'New entry' }).click();
    // Fill the rest of the quota with another site's data.
    await page.evaluate(() => {
      let chunk = 'x'.repeat(1 << 20);
      let i = 0;
      while (chunk.length > 16) {
        try {
          localStorage.setItem(`filler-${i++}`, chunk);
        } catch {
          chunk = chunk.slice(0, chunk.length / 2);
        }
      }
    });
    await page.getByLabel('What’s on your mind?').fill('words that do not fit');
    await page.getByRole('button', { name: 'Save now' }).click();
    await expect(page.getByRole('status').filter({ hasText: /storage for the app is full/ })).toBeVisible();
    await expect(page.getByLabel('What’s on your mind?')).toHaveValue('words that do not fit');
    // Make room, and the same words save.
    await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('filler-')).forEach((k) => localStorage.removeItem(k)));
    await page.getByRole('button', { name: 'Save now' }).click();
    await expect(page.getByRole('status').filter({ hasText: /^Saved at/ })).toBeVisible();
    await page.getByRole('link', { name: 'Done' }).click();
    await expect(page.locator('.rt-entries')).toContainText('this was saved earlier');
    await expect(page.locator('.rt-entries')).toContainText('words that do not fit');
  });
});

test('a record that cannot be read is named, left untouched, and can be saved as a file', async ({ page }) => {
  await newEntry(page, 'Fine', 'a good record');
  await page.evaluate(() => localStorage.setItem('rt:journal.e.broken-1', '{"v":1,"data":{"id":'));
  await page.goto('/journal');
  const panel = page.getByRole('region', { name: 'Some entries could not be read' });
  await expect(panel).toContainText('journal.e.broken-1');
  await expect(list(page)).toHaveCount(1);
  const download = page.waitForEvent('download');
  await panel.getByRole('button', { name: 'Save it as a file' }).click();
  expect(readFileSync(await (await download).path(), 'utf8')).toBe('{"v":1,"data":{"id":');
  expect(await page.evaluate(() => localStorage.getItem('rt:journal.e.broken-1'))).toBe('{"v":1,"data":{"id":');
});

test('a backup exports, and imports after everything was deleted', async ({ page }) => {
  await newEntry(page, 'Keep me', 'an entry worth keeping');
  await open(page, '/settings');
  const saved = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save a full backup' }).click();
  const file = await (await saved).path();
  const json = JSON.parse(readFileSync(file, 'utf8'));
  expect(json.format).toBe('rebuild-trust-backup');
  expect(json.journal).toHaveLength(1);

  const markdown = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save the journal as a document' }).click();
  expect(readFileSync(await (await markdown).path(), 'utf8')).toContain('an entry worth keeping');

  await page.getByLabel('Type “delete” to confirm').fill('delete');
  await page.getByRole('button', { name: 'Delete everything' }).click();
  await expect(page.getByText('Everything was deleted from this browser.')).toBeVisible();
  await page.goto('/journal');
  await expect(page.getByText('Nothing here yet')).toBeVisible();

  await page.goto('/settings');
  await page.getByLabel('Restore from a backup file').setInputFiles(file);
  await expect(page.getByText(/Merging it with what is here: 1 entry added/)).toBeVisible();
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByText(/^Merged: 1 entry added/)).toBeVisible();
  await page.goto('/journal');
  await expect(list(page)).toHaveCount(1);
  await expect(list(page).first()).toContainText('Keep me');
});

test('a malformed, foreign or oversized file is refused and nothing changes', async ({ page }) => {
  await newEntry(page, 'Untouched', 'stays as it is');
  await open(page, '/settings');
  const before = await page.evaluate(() => JSON.stringify(localStorage));
  const input = page.getByLabel('Restore from a backup file');
  await input.setInputFiles({ name: 'b.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"rebuild-trust-backup","version":1,"journal":[') });
  await expect(page.getByText(/incomplete|not a Rebuild Trust backup/)).toBeVisible();
  await input.setInputFiles({ name: 'c.json', mimeType: 'application/json', buffer: Buffer.from('{"hello":"world"}') });
  await expect(page.getByText(/This file is not a Rebuild Trust backup/)).toBeVisible();
  await input.setInputFiles({ name: 'd.json', mimeType: 'application/json', buffer: Buffer.alloc(21 * 1024 * 1024, 32) });
  await expect(page.getByText(/larger than a Rebuild Trust backup can be/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Import', exact: true })).toHaveCount(0);
  expect(await page.evaluate(() => JSON.stringify(localStorage))).toBe(before);
});

test('mood over time has a chart and a table', async ({ page }) => {
  await newEntry(page, 'Mood', 'a mood entry');
  await page.getByLabel('Mixed').check();
  await expect(page.getByRole('status').filter({ hasText: /^Saved at/ })).toBeVisible();
  await open(page, '/journal/moods');
  await expect(page.getByRole('img', { name: /Mood by day/ })).toBeVisible();
  await expect(page.getByRole('table')).toContainText('3.0 (Mixed)');
  expect(await axeViolations(page)).toEqual([]);
});

test.describe('across daylight saving (Berlin)', () => {
  test.use({ timezoneId: 'Europe/Berlin' });

  // Two entries written half an hour either side of local midnight, one in
  // winter (UTC+1) and one in summer (UTC+2): whatever today's offset is, one
  // of them would land on the wrong day if a single offset were used.
  const winter = Date.UTC(2026, 0, 10, 22, 30); // 23:30 on 10 January, Berlin
  const summer = Date.UTC(2026, 6, 10, 22, 30); // 00:30 on 11 July, Berlin
  test.beforeEach(async ({ page }) => {
    const entry = (id: string, created: number, title: string, mood: number) =>
      JSON.stringify({ v: 1, data: { id, created, updated: created, title, body: title, mood, feelings: [], tags: [] } });
    await page.addInitScript(
      ([index, a, b]) => {
        if (localStorage.getItem('rt:journal.index')) return;
        localStorage.setItem('rt:journal.index', index);
        localStorage.setItem('rt:journal.e.dst-winter', a);
        localStorage.setItem('rt:journal.e.dst-summer', b);
      },
      [
        JSON.stringify({ v: 1, data: ['dst-winter', 'dst-summer'] }),
        entry('dst-winter', winter, 'Late winter evening', 2),
        entry('dst-summer', summer, 'Just after midnight in July', 4),
      ],
    );
  });

  test('moods count each entry on the day it was written there', async ({ page }) => {
    await open(page, '/journal/moods');
    const table = page.getByRole('table');
    await expect(table).toContainText('10 Jan 2026');
    await expect(table).toContainText('11 Jul 2026');
    await expect(table).not.toContainText('11 Jan 2026');
    await expect(table).not.toContainText('10 Jul 2026');
  });

  test('a date filter keeps the entry written on that local day', async ({ page }) => {
    await open(page, '/journal');
    await expect(list(page)).toHaveCount(2);
    await page.getByLabel('From').fill('2026-07-11');
    await page.getByLabel('To').fill('2026-07-11');
    await expect(list(page)).toHaveCount(1);
    await expect(list(page).first()).toContainText('Just after midnight in July');
    await page.getByLabel('From').fill('2026-01-10');
    await page.getByLabel('To').fill('2026-01-10');
    await expect(list(page)).toHaveCount(1);
    await expect(list(page).first()).toContainText('Late winter evening');
  });
});

test('too many tags, or one too long, is refused in words and nothing typed is dropped', async ({ page }) => {
  await newEntry(page, 'Lists', 'Sorting things out.');
  const tags = [...Array.from({ length: 20 }, (_, i) => `tag${i}`), 'one more'].join(', ');
  await page.getByLabel('Tags').fill(tags);
  await page.getByRole('button', { name: 'Save now' }).click();
  await expect(page.getByRole('status')).toContainText('Not saved: an entry can have at most 20 tags, this one has 21. Your text is still here.');
  await expect(page.getByLabel('Tags')).toHaveValue(tags);
  const stored = () => page.evaluate(() => Object.keys(localStorage)
    .filter((k) => k.startsWith('rt:journal.e.')).map((k) => JSON.parse(localStorage.getItem(k)!).data.tags));
  expect(await stored()).toEqual([[]]);

  const long = 'x'.repeat(41);
  await page.getByLabel('Tags').fill(`calm, ${long}`);
  await page.getByRole('button', { name: 'Save now' }).click();
  await expect(page.getByRole('status')).toContainText(`the tag “${'x'.repeat(40)}…” is 41 characters long; a tag can have at most 40`);
  expect(await stored()).toEqual([[]]);

  await page.getByLabel('Tags').fill(`calm, ${'x'.repeat(40)}`);
  await page.getByRole('button', { name: 'Save now' }).click();
  await expect(page.getByRole('status').filter({ hasText: /^Saved at/ })).toBeVisible();
  expect(await stored()).toEqual([['calm', 'x'.repeat(40)]]);
});

test('at 320 px a long tag wraps, and words written right to left read right to left', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 700 });
  await newEntry(page, 'מה שלומך?', 'היום דיברנו שעה (בלי לצעוק).');
  await page.getByLabel('Tags').fill('y'.repeat(40));
  await expect(page.getByRole('status').filter({ hasText: /^Saved at/ })).toBeVisible();
  await page.getByRole('link', { name: 'Done' }).click();
  await expect(list(page)).toHaveCount(1);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  const direction = (selector: string) => page.locator(selector).evaluate((el) => getComputedStyle(el).direction);
  expect(await direction('.rt-entry-card__title')).toBe('rtl');
  expect(await direction('.rt-entry-card__excerpt')).toBe('rtl');
  await list(page).first().getByRole('link').click();
  expect(await direction('#rt-entry-title')).toBe('rtl');
  expect(await direction('#rt-entry-body')).toBe('rtl');
});
