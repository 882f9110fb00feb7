// The embed example: a counselling practice's page with the app in a frame
// from the app's own origin (embed.js's default isolation).
import { expect } from '../lib/page.mjs';

// The practice page's widget's frame, in its shadow root (an expression for page.eval).
const FRAME = "(document.querySelector('rebuild-trust')?.shadowRoot?.querySelector('iframe') ?? null)";

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
        frame = await page.eval(`return ${FRAME}`);
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
  {
    name: 'scrolled past the framed widget’s header, the host page keeps a quick exit at the top of the window, and it leaves',
    async run(page, t) {
      await page.driver.get(`${page.origin.replace('127.0.0.1', 'localhost')}/examples/practice.html`);
      const frame = await page.until(() => page.eval(`return ${FRAME}`), 'the widget made no frame');
      await page.driver.switchTo().frame(frame);
      try {
        await page.until(async () => (await page.query('navigation', 'Main')).found.length, 'the widget did not start');
        await page.click(page.link('Help'));
        await page.text(/Our out-of-hours line is below\./);
      } finally {
        await page.driver.switchTo().defaultContent();
      }
      await page.until(() => page.eval(`return ${FRAME}.getBoundingClientRect().height > innerHeight + 600`), 'the frame did not grow to the help page');
      const scrollPast = () => page.eval(`scrollBy(0, ${FRAME}.getBoundingClientRect().top + 300)`);
      await scrollPast();
      // The frame's own quick exit is above the window; the host page's is at its top.
      // (The lookup searches the host page and its shadow roots, not inside the frame.)
      const exit = await page.button('Quick exit');
      const [top, bottom] = await page.eval('const r = arguments[0].getBoundingClientRect(); return [r.top, r.bottom]', exit);
      expect(top >= 0 && bottom <= 64 && bottom - top >= 44, `the host page’s quick exit is not at the top of the window (${top} to ${bottom} px)`);
      // Back at the frame's top, its own header shows, and the host's steps aside.
      await page.eval('scrollTo(0, 0)');
      await page.absent('button', 'Quick exit');
      await scrollPast();
      const requests = await t.expectingOffsite(async () => {
        // Fixed at the top of the window: clicked where it is (scrolling it into view does nothing).
        await (await page.button('Quick exit')).click().catch((e) => {
          if (!/Reached error page/.test(e.message)) throw e;
        });
        await page.until(async () => (await page.driver.getCurrentUrl()).startsWith('https://example.org/'), async () => `quick exit did not leave: the address is ${await page.driver.getCurrentUrl()}`);
      });
      // Firefox asks the proxy for the host; WebKitGTK's TLS to the proxy names none.
      expect(requests.length >= 1 && requests.every((r) => r === 'CONNECT example.org:443' || r.startsWith('HTTPS request, TLS to the proxy')), `quick exit made these requests: ${JSON.stringify(requests)}`);
    },
  },
];
