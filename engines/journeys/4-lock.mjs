// The passphrase lock (WebCrypto: PBKDF2, AES-GCM): on, reload, unlock.
import { expect } from '../lib/page.mjs';
import { writeEntry, listed } from './3-journal.mjs';

export const PASS = 'quiet river morning';

export async function setLock(page) {
  await page.open('/settings');
  await page.fill('New passphrase', PASS);
  await page.fill('The same passphrase again', PASS);
  await page.click(page.button('Turn on the lock'));
  await page.text(/^The lock is on\. Everything the app keeps is now encrypted/);
}

export async function unlock(page, pass = PASS) {
  await page.fill('Passphrase', pass);
  await page.click(page.button('Unlock'));
}

export default [
  {
    name: 'the lock turned on, a reload, a wrong passphrase refused, then unlocked',
    async run(page) {
      await writeEntry(page, 'Private title', 'words nobody else should read');
      await setLock(page);
      const stored = await page.eval('return JSON.stringify(localStorage)');
      expect(!stored.includes('Private title') && !stored.includes('nobody else'), 'with the lock on, the entry is still readable in localStorage');
      await page.reload();
      await page.heading('Rebuild Trust is locked');
      await page.absent('navigation', 'Main');
      await unlock(page, 'not the passphrase');
      await page.find('alert', /does not open the lock; nothing was changed/);
      await unlock(page);
      await page.click(page.link('Journal', { within: await page.find('navigation', 'Main') }));
      await listed(page, 1, 'after unlocking, the journal should list the entry');
    },
  },
];
