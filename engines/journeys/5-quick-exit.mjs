// Quick exit, by the button and by Shift pressed three times. It leaves for
// another origin (a weather page), so these journeys expect exactly that one
// request to leave; the test proxy refuses it, so the browser shows an error
// page at that address.
import { expect } from '../lib/page.mjs';
import { writeEntry, listed } from './3-journal.mjs';
import { setLock } from './4-lock.mjs';

const EXIT = 'https://www.bbc.co.uk/weather';

/** Runs `leave` and checks that it went to the exit page, and only there. */
async function leaves(page, t, leave) {
  const requests = await t.expectingOffsite(async () => {
    // The exit page is refused by the test proxy: Firefox's click reports its error page.
    await leave().catch((e) => {
      if (!/Reached error page/.test(e.message)) throw e;
    });
    await page.until(async () => (await page.driver.getCurrentUrl()).startsWith(EXIT), async () => `quick exit did not leave: the address is ${await page.driver.getCurrentUrl()}`);
  });
  // Firefox asks the proxy for the host; WebKitGTK's TLS to the proxy names none.
  expect(requests.length >= 1 && requests.every((r) => r === 'CONNECT www.bbc.co.uk:443' || r.startsWith('HTTPS request, TLS to the proxy')), `quick exit made these requests: ${JSON.stringify(requests)}`);
}

export default [
  {
    name: 'quick exit by the button leaves at once, and nothing is lost',
    async run(page, t) {
      await writeEntry(page, 'Still mine', 'nothing deleted');
      await leaves(page, t, () => page.click(page.button(/^Quick exit/)));
      // The tab remembers that the person left: a neutral cover until they choose to come back.
      await page.driver.get(`${page.origin}/journal`);
      await page.heading('This page was closed');
      await page.click(page.button('Open again'));
      await page.heading(/journal/i);
      await listed(page, 1, 'after quick exit the entry should still be there');
    },
  },
  {
    name: 'quick exit by Shift three times leaves and locks',
    async run(page, t) {
      await writeEntry(page, 'Locked away', 'y');
      await setLock(page);
      await page.click(page.link('Journal', { within: await page.find('navigation', 'Main') }));
      await page.heading(/journal/i);
      await leaves(page, t, () => page.pressShift(3));
      await page.driver.get(`${page.origin}/journal`);
      await page.heading('Rebuild Trust is locked');
    },
  },
];
