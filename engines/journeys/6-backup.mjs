// Backup to a file and restore from it: a real download, a real file chosen.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from '../lib/page.mjs';
import { writeEntry, listed } from './3-journal.mjs';

export default [
  {
    name: 'a full backup saved as a file, the entry deleted, then restored from the file',
    async run(page, t) {
      await writeEntry(page, 'Worth keeping', 'a backup keeps this safe');
      await page.open('/settings');
      const before = new Set(existsSync(t.downloads) ? readdirSync(t.downloads) : []);
      await page.click(page.button('Save a full backup'));
      await page.find('status', /Backup saved: 1 journal entry/);
      const file = await page.until(
        () => {
          const got = existsSync(t.downloads) ? readdirSync(t.downloads).filter((f) => !before.has(f) && /^journal-backup-.*\.json$/.test(f)) : [];
          const path = got[0] && join(t.downloads, got[0]);
          return path && statSync(path).size > 0 && path;
        },
        `no backup file arrived in ${t.downloads}`,
      );
      const saved = readFileSync(file, 'utf8');
      expect(saved.includes('a backup keeps this safe'), `the backup file lacks the entry: ${saved.slice(0, 200)}`);

      await page.open('/journal');
      await page.click(page.link('Worth keeping'));
      await page.click(page.button('Delete entry…'));
      await page.click(page.button('Delete'));
      await listed(page, 0, 'the entry should be deleted');

      await page.open('/settings');
      await (await page.field('Restore from a backup file')).sendKeys(file);
      await page.text(/^This backup is readable.*1 entry left out \(deleted here\)/);
      // Deleted here after the backup was made: it comes back only when asked.
      await page.check('Also bring back what was deleted on this device, if this backup has it');
      await page.text(/^This backup is readable.*1 entry added/);
      await page.click(page.button('Import'));
      await page.open('/journal');
      await listed(page, 1, 'the restored entry should be listed');
    },
  },
];
