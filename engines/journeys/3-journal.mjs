// The journal: an entry written, kept across a reload, searched; two tabs.
import { expect } from '../lib/page.mjs';

/** Waits for the editor's "Saved at …" status. */
export const saved = (page) => page.find('status', /^Saved at/);

export async function writeEntry(page, title, body) {
  await page.open('/journal');
  await page.click(page.button('New entry'));
  await page.heading('New entry');
  await page.fill(/^Title\b/, title);
  await page.fill('What’s on your mind?', body);
  await page.click(page.button('Save now'));
  await saved(page);
}

export const entries = (page) => page.eval('return [...document.querySelectorAll(".rt-entries > li")].map((li) => li.innerText)');

export async function listed(page, count, message) {
  await page.until(async () => (await entries(page)).length === count, async () => `${message}: the list shows ${JSON.stringify(await entries(page))}`);
}

export default [
  {
    name: 'an entry written, kept across a reload, found by search',
    async run(page) {
      const body = 'We met at the CAFÉ.\nIt felt almost normal.';
      await writeEntry(page, 'Coffee', body);
      await page.reload();
      await page.heading('Coffee');
      const kept = await page.valueOf(await page.field('What’s on your mind?'));
      expect(kept === body, `after a reload the entry reads ${JSON.stringify(kept)}`);
      await page.click(page.link('Done'));
      await writeEntry(page, 'A hard night', 'Nothing helped.');
      await page.click(page.link('Done'));
      await listed(page, 2, 'both entries should be listed');
      await page.fill(await page.find('searchbox', 'Search'), 'cafe');
      await listed(page, 1, 'searching "cafe" should find the entry with "CAFÉ"');
      await page.text('1 of 2 entries matches');
      expect((await entries(page))[0].includes('Coffee'), 'the match should be "Coffee"');
    },
  },
  {
    name: 'an entry saved in one window appears in the other (storage events)',
    // A second window, not a tab: WebKitGTK's MiniBrowser leaves a tab that
    // WebDriver switches to in the background, hidden, where the page does
    // not draw (its list stayed empty, and the journey once stopped there).
    // A window is shown; storage events reach it just as they reach a tab.
    async run(page) {
      await page.open('/journal');
      const first = await page.driver.getWindowHandle();
      await page.driver.switchTo().newWindow('window');
      const second = await page.driver.getWindowHandle();
      await page.open('/journal');
      await page.driver.switchTo().window(first);
      await writeEntry(page, 'From window one', 'hello from the first window');
      await page.driver.switchTo().window(second);
      await listed(page, 1, 'the other window should list the new entry');
      expect((await entries(page))[0].includes('From window one'), 'the other window lists the wrong entry');
    },
  },
];
