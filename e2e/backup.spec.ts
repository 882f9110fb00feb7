import { test, expect, open, axeViolations } from './fixtures';
import { PASS, setLock, writeEntry, writeInApp, dump } from './lock-helpers';
import type { Page } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';

/** Encrypted backups, and merges that respect deletions on both sides. */

const list = (page: Page) => page.locator('.rt-entries > li');
const titles = async (page: Page) => (await list(page).locator('a').allTextContents()).map((t) => t.trim()).sort();

/** Saves a full backup as the page is set, and returns the file's path. */
async function saveBackup(page: Page) {
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save a full backup' }).click();
  const file = await (await download).path();
  await expect(page.getByRole('status').filter({ hasText: /^Backup saved/ })).toBeVisible();
  return file;
}

/** Chooses a backup file in Settings; an encrypted one is opened with `pass`. */
async function chooseBackup(page: Page, file: string, pass?: string) {
  await page.getByLabel('Restore from a backup file').setInputFiles(file);
  if (pass !== undefined) {
    await page.getByLabel('The backup’s passphrase').fill(pass);
    await page.getByRole('button', { name: 'Open the backup' }).click();
  }
}

/** Deletes everything from Settings (already open: with the lock on, a reload would lock it). */
async function deleteEverything(page: Page) {
  await page.getByLabel('Type “delete” to confirm').fill('delete');
  await page.getByRole('button', { name: 'Delete everything' }).click();
  await expect(page.getByText('Everything was deleted from this browser.')).toBeVisible();
}

test('lock on, back up, wipe, restore with the passphrase: every entry is back', async ({ page }) => {
  for (const t of ['Monday', 'Tuesday', 'Wednesday']) await writeEntry(page, t, `words of ${t}`);
  await setLock(page);
  // With the lock on, the backup is encrypted with the lock's passphrase unless chosen otherwise.
  await expect(page.getByLabel('Encrypt it with my lock’s passphrase')).toBeChecked();
  await page.getByLabel('Your lock’s passphrase').fill('not the passphrase');
  await page.getByRole('button', { name: 'Save a full backup' }).click();
  await expect(page.getByText(/The backup could not be saved: that passphrase does not open the lock/)).toBeVisible();
  await page.getByLabel('Your lock’s passphrase').fill(PASS);
  const file = await saveBackup(page);
  await expect(page.getByText(/^Backup saved, encrypted with your passphrase: 3 journal entries/)).toBeVisible();
  const text = readFileSync(file, 'utf8');
  expect(JSON.parse(text).encryption).toMatchObject({ cipher: 'AES-256-GCM', kdf: 'PBKDF2-HMAC-SHA256', iterations: 600000 });
  expect(text).not.toContain('Monday');
  expect(text).not.toContain('words of');

  await deleteEverything(page);
  await open(page, '/settings');
  const before = await dump(page);
  await chooseBackup(page, file, 'quiet river evening');
  await expect(page.getByText(/That passphrase does not open this backup\. .* Nothing was changed\./)).toBeVisible();
  expect(await dump(page)).toBe(before);
  expect(await axeViolations(page)).toEqual([]);
  await page.getByLabel('The backup’s passphrase').fill(PASS);
  await page.getByRole('button', { name: 'Open the backup' }).click();
  await expect(page.getByText(/Merging it with what is here: 3 entries added/)).toBeVisible();
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByText(/^Merged: 3 entries added/)).toBeVisible();
  await open(page, '/journal');
  await expect.poll(() => titles(page)).toEqual(['Monday', 'Tuesday', 'Wednesday']);
});

test('an encrypted backup with one changed byte is refused in words, and nothing is written', async ({ page }, info) => {
  await writeEntry(page, 'Kept', 'as it is');
  await open(page, '/settings');
  await page.getByLabel('Encrypt it with a passphrase for this file').check();
  await page.getByLabel('Passphrase for this backup').fill('harbour lights at dusk');
  await page.getByLabel('The same backup passphrase again').fill('harbour lights at dusk');
  const file = await saveBackup(page);
  const bytes = readFileSync(file);
  // A byte in the sealed data, and one in the header.
  for (const at of [bytes.length - 10, 60]) {
    const changed = Buffer.from(bytes);
    changed[at] = changed[at] === 0x41 ? 0x42 : 0x41;
    const path = info.outputPath(`changed-${at}.json`);
    writeFileSync(path, changed);
    const before = await dump(page);
    await page.getByLabel('Restore from a backup file').setInputFiles(path);
    // Damage in the header is named before any passphrase; in the sealed data it shows on opening.
    const field = page.getByLabel('The backup’s passphrase');
    await expect(field.or(page.getByText(/encrypted backup is damaged/))).toBeVisible();
    if (await field.isVisible()) {
      await page.getByLabel('The backup’s passphrase').fill('harbour lights at dusk');
      await page.getByRole('button', { name: 'Open the backup' }).click();
    }
    await expect(page.getByText(/(does not open this backup|encrypted backup is damaged).*Nothing was changed\./)).toBeVisible();
    await expect(page.getByRole('button', { name: 'Import', exact: true })).toHaveCount(0);
    expect(await dump(page)).toBe(before);
  }
});

test('a plain backup is still possible, with a clear word about it', async ({ page }) => {
  await writeEntry(page, 'Plain', 'readable by anyone with the file');
  await setLock(page);
  await page.getByLabel('No passphrase: plain text').check();
  await expect(page.getByText(/anyone who opens the file can read your journal, even though the app itself is locked/)).toBeVisible();
  const file = await saveBackup(page);
  expect(JSON.parse(readFileSync(file, 'utf8')).journal[0].body).toBe('readable by anyone with the file');
});

test('a backup carries the summary for a counsellor: its choices and the person\'s own words', async ({ page }) => {
  await writeEntry(page, 'Tuesday', 'we talked for an hour');
  await open(page, '/summary');
  const talk = page.getByLabel('What I would like to talk about', { exact: true });
  await talk.fill('How we argue when we are tired.');
  await page.getByRole('checkbox', { name: /Tuesday$/ }).check();
  await page.getByLabel(/The passage from .*Tuesday, as printed/).fill('we talked, and it helped');
  await open(page, '/settings');
  await page.getByLabel('No passphrase: plain text').check();
  const file = await saveBackup(page);
  const saved = JSON.parse(readFileSync(file, 'utf8'));
  expect(saved.summary.talk).toBe('How we argue when we are tired.');

  await deleteEverything(page);
  await open(page, '/summary');
  await expect(talk).toHaveValue('');
  await open(page, '/settings');
  await chooseBackup(page, file);
  await expect(page.getByText(/Merging it with what is here: .*summary for a counsellor restored/)).toBeVisible();
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByText(/^Merged: .*summary for a counsellor restored/)).toBeVisible();
  await open(page, '/summary');
  await expect(talk).toHaveValue('How we argue when we are tired.');
  await expect(page.getByLabel(/The passage from .*Tuesday, as printed/)).toHaveValue('we talked, and it helped');
  await expect(page.locator('.rt-sheet')).toContainText('we talked, and it helped');
});

test('an entry deleted after a backup stays deleted on restore unless asked back', async ({ page }) => {
  await writeEntry(page, 'Oops', 'deleted by mistake');
  await open(page, '/settings');
  const file = await saveBackup(page);
  await open(page, '/journal');
  await list(page).getByRole('link', { name: 'Oops' }).click();
  await page.getByRole('button', { name: 'Delete entry…' }).click();
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  await open(page, '/settings');
  await chooseBackup(page, file);
  await expect(page.getByText(/Merging it with what is here: 1 entry left out \(deleted here\)/)).toBeVisible();
  const back = page.getByLabel('Also bring back what was deleted on this device, if this backup has it');
  await back.check();
  await expect(page.getByText(/Merging it with what is here: 1 entry added/)).toBeVisible();
  await expect(back).toBeFocused();
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await open(page, '/journal');
  await expect.poll(() => titles(page)).toEqual(['Oops']);
});

test('two devices diverge, move by encrypted backup both ways, and deletions are respected', async ({ browser, page, baseURL }) => {
  // The second device: its own browser context, held to the same rules as every page.
  const laptopContext = await browser.newContext({ baseURL });
  const origin = new URL(baseURL!).origin;
  const offsite: string[] = [];
  const errors: string[] = [];
  await laptopContext.route((url) => url.origin !== origin, async (route) => {
    offsite.push(route.request().url());
    await route.abort('blockedbyclient');
  });
  const laptop = await laptopContext.newPage();
  laptop.on('console', (msg) => msg.type() === 'error' && errors.push(msg.text()));
  laptop.on('pageerror', (err) => errors.push(`uncaught: ${err.message}`));
  const MOVE = 'copper kettle on the stove';
  /** Moves everything from one device to the other with an encrypted file. */
  async function move(from: Page, to: Page, summary: RegExp) {
    await open(from, '/settings');
    await from.getByLabel('Encrypt it with a passphrase for this file').check();
    await from.getByLabel('Passphrase for this backup').fill(MOVE);
    await from.getByLabel('The same backup passphrase again').fill(MOVE);
    const file = await saveBackup(from);
    await open(to, '/settings');
    await chooseBackup(to, file, MOVE);
    await expect(to.getByText(summary)).toBeVisible();
    await to.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(to.getByText(/^Merged:/)).toBeVisible();
  }
  async function edit(p: Page, title: string, body: string) {
    await open(p, '/journal');
    await list(p).getByRole('link', { name: title }).click();
    await p.getByLabel('What’s on your mind?').fill(body);
    await p.getByRole('button', { name: 'Save now' }).click();
    await expect(p.getByRole('status').filter({ hasText: /^Saved at/ })).toBeVisible();
  }
  async function remove(p: Page, title: string) {
    await open(p, '/journal');
    await list(p).getByRole('link', { name: title }).click();
    await p.getByRole('button', { name: 'Delete entry…' }).click();
    await p.getByRole('button', { name: 'Delete', exact: true }).click();
    await expect(p.getByText(`“${title}” was deleted.`)).toBeVisible();
  }

  // The phone starts; the laptop gets a copy.
  for (const t of ['One', 'Two', 'Three']) await writeEntry(page, t, `first words of ${t}`);
  await move(page, laptop, /Merging it with what is here: 3 entries added/);
  await open(laptop, '/journal');
  await expect.poll(() => titles(laptop)).toEqual(['One', 'Three', 'Two']);

  // Apart, each changes things.
  await remove(page, 'One');
  await edit(page, 'Two', 'the phone changed this');
  await writeInApp(page, 'Phone only', 'written on the phone');
  await remove(laptop, 'Three');
  await writeEntry(laptop, 'Laptop only', 'written on the laptop');

  await move(page, laptop, /1 entry added, 1 entry updated, 1 entry removed \(deleted on the other device\), 1 entry left out \(deleted here\)/);
  await move(laptop, page, /1 entry added, 1 entry removed \(deleted on the other device\)/);
  for (const p of [page, laptop]) {
    await open(p, '/journal');
    await expect.poll(() => titles(p)).toEqual(['Laptop only', 'Phone only', 'Two']);
    await list(p).getByRole('link', { name: 'Two' }).click();
    await expect(p.getByLabel('What’s on your mind?')).toHaveValue('the phone changed this');
  }
  await laptopContext.close();
  expect(offsite, 'requests from the second device that left 127.0.0.1').toEqual([]);
  expect(errors, 'console errors on the second device').toEqual([]);
});

test('the backup section has no accessibility violations, with the lock on and off', async ({ page }) => {
  await open(page, '/settings');
  await page.getByLabel('Encrypt it with a passphrase for this file').check();
  expect(await axeViolations(page)).toEqual([]);
  await setLock(page);
  expect(await axeViolations(page)).toEqual([]);
});

test.describe('moving to a new device', () => {
  const MOVE = 'copper kettle on the stove';
  async function protect(page: Page) {
    await open(page, '/settings');
    await page.getByLabel('Encrypt it with a passphrase for this file').check();
    await page.getByLabel('Passphrase for this backup').fill(MOVE);
    await page.getByLabel('The same backup passphrase again').fill(MOVE);
  }

  test('where files can be shared, the encrypted file goes to the share sheet and restores on the other device', async ({ page, browser, baseURL }) => {
    await page.addInitScript(() => {
      const w = window as unknown as { rtShared?: { name: string; type: string; text: string } };
      Object.assign(navigator, {
        canShare: (d: { files?: File[] }) => (d.files?.length ?? 0) === 1,
        share: async (d: { files: File[] }) => {
          const f = d.files[0];
          w.rtShared = { name: f.name, type: f.type, text: await f.text() };
        },
      });
    });
    await writeEntry(page, 'Travels', 'words that move house');
    await protect(page);
    await page.getByRole('button', { name: 'Send to another device' }).click();
    await expect(page.getByText(/^Sent, encrypted with your passphrase: 1 journal entry/)).toBeVisible();
    const shared = await page.evaluate(() => (window as unknown as { rtShared: { name: string; type: string; text: string } }).rtShared);
    expect(shared.name).toMatch(/^rebuild-trust-move-\d{4}-\d{2}-\d{2}\.txt$/);
    expect(shared.type).toBe('text/plain');
    expect(shared.text).toContain('"encryption"');
    expect(shared.text).not.toContain('words that move house');

    const other = await browser.newContext({ baseURL });
    const phone = await other.newPage();
    await open(phone, '/settings');
    await phone.getByLabel('Restore from a backup file').setInputFiles({ name: shared.name, mimeType: 'text/plain', buffer: Buffer.from(shared.text) });
    await phone.getByLabel('The backup’s passphrase').fill(MOVE);
    await phone.getByRole('button', { name: 'Open the backup' }).click();
    await expect(phone.getByText(/Merging it with what is here: 1 entry added/)).toBeVisible();
    await phone.getByRole('button', { name: 'Import', exact: true }).click();
    await open(phone, '/journal');
    await expect.poll(() => titles(phone)).toEqual(['Travels']);
    await other.close();
  });

  test('closing the share sheet sends nothing, and says so', async ({ page }) => {
    await page.addInitScript(() => {
      Object.assign(navigator, {
        canShare: () => true,
        share: async () => { throw new DOMException('closed', 'AbortError'); },
      });
    });
    await writeEntry(page, 'Stays', 'here');
    await protect(page);
    await page.getByRole('button', { name: 'Send to another device' }).click();
    await expect(page.getByText('Nothing was sent.')).toBeVisible();
  });

  test('where files cannot be shared, the file is saved to downloads, with the steps in words', async ({ page }) => {
    await writeEntry(page, 'Downloaded', 'words');
    await protect(page);
    await expect(page.getByRole('heading', { name: 'Moving to a new device' })).toBeVisible();
    await expect(page.getByText(/Phone to phone:/)).toBeVisible();
    await expect(page.getByText(/Phone to computer:/)).toBeVisible();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Send to another device' }).click();
    expect(JSON.parse(readFileSync(await (await download).path(), 'utf8')).encryption.cipher).toBe('AES-256-GCM');
    await expect(page.getByText(/^Backup saved, encrypted with your passphrase, to your downloads; send that file to the new device/)).toBeVisible();
  });
});
