// The readiness check from the safety screen to the result.
import { check, words } from '../../e2e/shared.mjs';
import { expect } from '../lib/page.mjs';

const SCALE = ['Strongly disagree', 'Disagree', 'Neither agree nor disagree', 'Agree', 'Strongly agree'];

export default [
  {
    name: 'the check: safety screen, every question, the result',
    async run(page) {
      await page.open('/check');
      await page.check('I was hurt');
      await page.check('We are still together');
      await page.click(page.button('Start the check'));
      await page.heading('First, your safety');
      for (const q of check.safety) {
        const group = await page.find('group', words(q.text));
        await page.check(q.warning_if ? 'No' : 'Yes', { within: group });
      }
      await page.click(page.button('Continue'));
      for (let i = 0; i < check.items.length; i++) {
        await page.heading(`Question ${i + 1} of ${check.items.length}`);
        await page.check(SCALE[3]);
        if (i + 1 < check.items.length) await page.click(page.button('Next'));
      }
      await page.click(page.button('See my results'));
      await page.heading('Your readiness check');
      expect(/^\/check\/result\/[a-z0-9-]+$/.test(await page.path()), `the result's address is ${await page.path()}`);
      for (const d of check.dimensions) await page.find('heading', d.title);
      await page.text(/not a validated test/);
    },
  },
];
