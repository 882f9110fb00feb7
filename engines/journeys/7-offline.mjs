// Offline after the first visit: the service worker serves every file. The
// test server stops answering (everything but the probe), as if the network
// were gone.
import { guide } from '../../e2e/shared.mjs';
import { writeEntry, listed } from './3-journal.mjs';

export async function controlled(page) {
  const ready = () => page.eval('return navigator.serviceWorker.ready.then(() => navigator.serviceWorker.controller !== null)');
  if (await page.until(ready, 'no service worker became ready').catch(() => false)) return;
  await page.reload();
  await page.until(ready, 'no service worker controls the page after a reload');
}

export default [
  {
    name: 'offline after the first visit: reload, a guide step by address, a journal entry kept',
    async run(page, t) {
      await page.open('/');
      await controlled(page);
      t.server.offline = true;
      try {
        await page.reload();
        await page.appReady();
        await page.heading(/Rebuild trust/);
        const step = guide.steps[0];
        await page.open(`/guide/${step.id}`);
        await page.heading(`Step ${step.number}: ${step.title}`);
        await writeEntry(page, 'Written on the train', 'No signal, and that was fine.');
        await page.open('/journal');
        // The journal's own files are still arriving when the menu shows; a
        // reload then would cut them off (Firefox reports each as failed).
        await listed(page, 1, 'offline, the entry should be listed');
        await page.reload();
        await listed(page, 1, 'offline, the entry should be listed after a reload');
      } finally {
        t.server.offline = false;
      }
    },
  },
];
