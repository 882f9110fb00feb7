// First visit and every screen; a guide step opened by its address.
import { SCREENS, guide } from '../../e2e/shared.mjs';
import { expect } from '../lib/page.mjs';

const step = guide.steps[3];
const next = guide.steps[4];

export default [
  {
    name: 'first visit, then every screen from the menu and by its address',
    async run(page) {
      await page.open('/');
      await page.heading(/Rebuild trust/);
      for (const [link, heading] of [
        ['Readiness check', /readiness|ready/i],
        ['Guide', 'The guide'],
        ['Journal', /journal/i],
        ['Settings', 'Settings'],
        ['Home', /Rebuild trust/],
      ]) {
        await page.click(page.link(link, { within: await page.find('navigation', 'Main') }));
        await page.heading(heading);
      }
      for (const screen of SCREENS) {
        await page.open(screen.path);
        await page.heading(screen.heading);
        const title = `${screen.title} · Rebuild Trust`;
        await page.until(async () => (await page.driver.getTitle()) === title, async () => `${screen.path}: title ${JSON.stringify(await page.driver.getTitle())}, expected ${JSON.stringify(title)}`);
        await page.text(/not therapy/, { within: await page.find('footer', null) });
      }
    },
  },
  {
    name: 'a guide step by its address: progress kept across a reload, then the next step',
    async run(page) {
      await page.open(`/guide/${step.id}`);
      await page.heading(`Step ${step.number}: ${step.title}`);
      await page.check('Working on it');
      await page.reload();
      await page.heading(`Step ${step.number}: ${step.title}`);
      expect(await (await page.find('choice', 'Working on it')).isSelected(), '"Working on it" was not kept across the reload');
      await page.click(page.link(new RegExp(`Next.*${next.title}`)));
      await page.heading(`Step ${next.number}: ${next.title}`);
      expect((await page.path()) === `/guide/${next.id}`, `the address is ${await page.path()}, not /guide/${next.id}`);
    },
  },
];
