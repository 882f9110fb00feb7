// The embed examples: the shadow-root widget (embed.js) on a counselling
// practice's page.
import { expect } from '../lib/page.mjs';

export default [
  {
    name: 'the practice page’s widget: its settings, moving inside it, the host page untouched',
    async run(page) {
      await page.driver.get(`${page.origin}/examples/practice.html`);
      const widget = await page.find('rebuild-trust', null);
      await page.until(async () => (await page.query('navigation', 'Main', { within: widget })).found.length, 'the widget did not start');
      await page.heading('Readiness check', { within: widget });
      const contact = await page.link('talk to Harbour Counselling', { within: widget });
      expect((await contact.getAttribute('href')) === 'https://example.org/book', 'the contact link is wrong');
      const url = await page.driver.getCurrentUrl();
      const title = await page.driver.getTitle();
      const entries = await page.eval('return history.length');
      await page.click(page.link('Guide', { within: await page.find('navigation', 'Main', { within: widget }) }));
      await page.heading('The guide', { within: widget });
      await page.click(page.link('Help and support', { within: widget }));
      await page.text(/Our out-of-hours line is below\./, { within: widget });
      expect((await page.driver.getCurrentUrl()) === url, 'moving inside the widget changed the host page’s address');
      expect((await page.driver.getTitle()) === title, 'moving inside the widget changed the host page’s title');
      expect((await page.eval('return history.length')) === entries, 'moving inside the widget added history entries');
    },
  },
  {
    name: 'the framed (iframe) embed example',
    // Framed embedding is being built on the `embed` branch; when it lands,
    // this journey opens its example in both modes.
    pending: 'framed embedding has not landed on main yet',
  },
];
