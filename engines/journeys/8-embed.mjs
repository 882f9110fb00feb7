// The embed example: a counselling practice's page with the app in a frame
// from the app's own origin (embed.js's default isolation).
import { expect } from '../lib/page.mjs';

export default [
  {
    name: 'the practice page’s framed widget: its settings, moving inside it, the host page untouched',
    async run(page) {
      // The site at localhost, the app it frames at 127.0.0.1: two origins, as when deployed.
      await page.driver.get(`${page.origin.replace('127.0.0.1', 'localhost')}/examples/practice.html`);
      const url = await page.driver.getCurrentUrl();
      const title = await page.driver.getTitle();
      const entries = await page.eval('return history.length');
      // embed.js puts the frame in the widget element's own shadow root.
      let frame = null;
      await page.until(async () => {
        frame = await page.eval("const w = document.querySelector('rebuild-trust'); return (w && w.shadowRoot && w.shadowRoot.querySelector('iframe')) || null");
        return frame !== null;
      }, 'the widget made no frame');
      expect((await frame.getAttribute('title')) === 'Rebuild Trust', 'the frame is not named for screen readers');
      await page.driver.switchTo().frame(frame);
      try {
        await page.until(async () => (await page.query('navigation', 'Main')).found.length, 'the widget did not start');
        await page.heading('Readiness check');
        const contact = await page.link('talk to Harbour Counselling');
        expect((await contact.getAttribute('href')) === 'https://example.org/book', 'the contact link is wrong');
        await page.click(page.link('Guide', { within: await page.find('navigation', 'Main') }));
        await page.heading('The guide');
        // The header's Help: the footer's link sits below the host page's fold.
      await page.click(page.link('Help'));
        await page.text(/Our out-of-hours line is below\./);
      } finally {
        await page.driver.switchTo().defaultContent();
      }
      expect((await page.driver.getCurrentUrl()) === url, 'moving inside the widget changed the host page’s address');
      expect((await page.driver.getTitle()) === title, 'moving inside the widget changed the host page’s title');
      expect((await page.eval('return history.length')) === entries, 'moving inside the widget added history entries');
      // The host page's own script cannot read what the frame keeps.
      expect((await page.eval("return Object.keys(localStorage).filter((k) => k.startsWith('harbour:')).length")) === 0, 'the host page can see the widget’s storage');
    },
  },
];
