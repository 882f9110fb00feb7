import { test, expect, axeViolations } from './fixtures';
import { PASS, writeEntry, writeInApp, setLock, unlock, dump } from './lock-helpers';

const NEW = 'a new phrase to remember';

/** The recovery key as shown in Settings, its groups joined by dashes. */
async function shownKey(page: import('@playwright/test').Page) {
  const text = (await page.locator('.rt-recovery__key').textContent()) ?? '';
  const groups = text.trim().split(/\s+/);
  expect(groups).toHaveLength(8);
  return groups.join('-');
}

test('a forgotten passphrase and the recovery key set a new passphrase, and nothing is lost', async ({ page }) => {
  await writeEntry(page, 'First entry', 'words one');
  await writeInApp(page, 'Second entry', 'words two');
  await writeInApp(page, 'Third entry', 'words three');
  await setLock(page);
  await expect(page.getByRole('heading', { name: 'Your recovery key' })).toBeVisible();
  await expect(page.getByText('Anyone who has this key can open your journal.')).toBeVisible();
  expect(await axeViolations(page)).toEqual([]); // Settings, the key shown once
  const key = await shownKey(page);
  await page.getByRole('button', { name: 'I’ve kept it somewhere safe' }).click();
  await expect(page.getByText('Your recovery key is saved with the lock.')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Your recovery key' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Replace the recovery key' })).toBeVisible();
  const stored = await dump(page);
  for (const secret of [key, key.replace(/-/g, ''), 'words one']) expect(stored).not.toContain(secret);

  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Rebuild Trust is locked');
  await page.getByRole('button', { name: 'Forgot your passphrase?' }).click();
  await expect(page.getByRole('heading', { name: 'Use your recovery key' })).toBeVisible();
  expect(await axeViolations(page)).toEqual([]); // the lock screen with recovery open

  // A wrong key is refused in words, and nothing is written.
  const before = await dump(page);
  const wrong = (key[0] === 'A' ? 'B' : 'A') + key.slice(1);
  await page.getByLabel('Recovery key').fill(wrong);
  await page.getByLabel('New passphrase', { exact: true }).fill(NEW);
  await page.getByLabel('The same new passphrase again').fill(NEW);
  await page.getByRole('button', { name: 'Set the new passphrase' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'That recovery key does not open the lock' })).toBeVisible();
  expect(await dump(page)).toBe(before);

  // Typed back by hand: lower case, spaces for dashes.
  await page.getByLabel('Recovery key').fill(key.toLowerCase().replace(/-/g, ' '));
  await page.getByRole('button', { name: 'Set the new passphrase' }).click();
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Journal' }).click();
  for (const title of ['First entry', 'Second entry', 'Third entry']) {
    await expect(page.locator('.rt-entries')).toContainText(title);
  }

  // The old passphrase no longer opens it; the new one does, with everything there.
  await page.reload();
  await unlock(page, PASS);
  await expect(page.getByRole('alert')).toContainText('That passphrase does not open the lock');
  await unlock(page, NEW);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Journal' }).click();
  await expect(page.locator('.rt-entries')).toContainText('Third entry');
  expect(await dump(page)).not.toContain('words two');
});

test('skipping saves no recovery key; Settings makes one later after checking the passphrase', async ({ page }) => {
  await setLock(page);
  await page.getByRole('button', { name: 'Skip: no recovery key' }).click();
  await expect(page.getByText('No recovery key was saved.')).toBeVisible();
  await page.reload();
  await page.getByRole('button', { name: 'Forgot your passphrase?' }).click();
  await expect(page.getByLabel('Recovery key')).toHaveCount(0);
  await unlock(page);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await page.getByLabel('Your passphrase').fill('not the passphrase');
  await page.getByRole('button', { name: 'Make a recovery key' }).click();
  await expect(page.getByRole('alert')).toContainText('That passphrase does not open the lock');
  await expect(page.getByRole('heading', { name: 'Your recovery key' })).toHaveCount(0);
  await page.getByLabel('Your passphrase').fill(PASS);
  await page.getByRole('button', { name: 'Make a recovery key' }).click();
  await shownKey(page);
  await page.getByRole('button', { name: 'I’ve kept it somewhere safe' }).click();
  await expect(page.getByRole('button', { name: 'Replace the recovery key' })).toBeVisible();
  await page.reload();
  await page.getByRole('button', { name: 'Forgot your passphrase?' }).click();
  await expect(page.getByLabel('Recovery key')).toBeVisible();
});
