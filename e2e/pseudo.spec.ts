import { test, expect, open } from './fixtures';
import { seed, SCREENS } from './seed';
import type { Page } from '@playwright/test';

// The pseudo-locale: every screen as a longer, right-to-left language would
// draw it. The spec rewrites the rendered screen in place (the app ships no
// such locale: it would cost every phone its bytes): each text, button label
// and placeholder gets accented letters and 40% more length, in words short
// enough to wrap, and the app's root gets dir="rtl". Then nothing may be
// clipped, nothing may overlap, and the page may not scroll sideways, at a
// 320 px phone's width and on a desktop.

/** Rewrites the app's words in the pseudo-locale and turns it right to left. */
async function pseudo(page: Page) {
  await page.evaluate(() => {
    const accents: Record<string, string> = {
      a: 'á', e: 'é', i: 'í', o: 'ö', u: 'ü', c: 'ç', n: 'ñ', y: 'ý', s: 'š', z: 'ž',
      A: 'Å', E: 'É', I: 'Î', O: 'Ö', U: 'Û', C: 'Ç', N: 'Ñ', Y: 'Ý', S: 'Š', Z: 'Ž',
    };
    const longer = (s: string) => {
      // Numbers and marks stay as they are: only words are translated.
      const letters = (s.match(/\p{L}/gu) ?? []).length;
      if (!letters) return s;
      const extra = Math.ceil(letters * 0.4);
      const words = Array.from({ length: Math.ceil(extra / 5) }, (_, i) => 'ẋẋẋẋẋ'.slice(0, Math.min(5, extra - i * 5)));
      const body = s.replace(/[A-Za-z]/g, (c) => accents[c] ?? c);
      const lead = body.match(/^\s*/)![0];
      const trail = body.match(/\s*$/)![0];
      return `${lead}${body.trim()} ${words.join(' ')}${trail}`;
    };
    const root = document.querySelector('#rt-root .rt-app') as HTMLElement;
    root.setAttribute('dir', 'rtl');
    root.setAttribute('lang', 'en-XA');
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const texts: Text[] = [];
    while (walker.nextNode()) texts.push(walker.currentNode as Text);
    for (const t of texts) if (t.data.trim()) t.data = longer(t.data);
    for (const el of root.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('[placeholder]')) {
      el.placeholder = longer(el.placeholder);
    }
  });
}

/** What is clipped or overlaps on the screen as drawn now, in words. */
async function faults(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const name = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : ''} “${(el.textContent ?? '').trim().slice(0, 40)}”`;
    const doc = document.scrollingElement!;
    if (doc.scrollWidth > doc.clientWidth + 1) found.push(`the page scrolls sideways: ${doc.scrollWidth} > ${doc.clientWidth}`);
    const root = document.querySelector('#rt-root .rt-app')!;
    // Inside a box of a pixel or less that hides its overflow: the visually
    // hidden pattern (a table's headers on a phone, read but not shown).
    const tucked = (el: Element | null): boolean => {
      if (!el || el === root) return false;
      const r = el.getBoundingClientRect();
      const s = getComputedStyle(el);
      return ((r.width <= 1 || r.height <= 1) && s.overflow === 'hidden') || tucked(el.parentElement);
    };
    const visible = (el: Element) => {
      if (tucked(el)) return false;
      const r = el.getBoundingClientRect();
      // Visually hidden text (for screen readers) is 1 px and clipped by design.
      // checkVisibility() also leaves out what a closed <details> holds.
      return r.width > 2 && r.height > 2 && el.checkVisibility({ opacityProperty: true, visibilityProperty: true });
    };
    // Clipped: a box that hides what overflows it, holding text wider or taller than itself.
    for (const el of root.querySelectorAll('*')) {
      if (!visible(el) || el.matches('input, textarea, select, svg, svg *, pre, .rt-skip')) continue;
      const s = getComputedStyle(el);
      const hides = (v: string) => v === 'hidden' || v === 'clip';
      if (!(hides(s.overflowX) || hides(s.overflowY)) || !(el.textContent ?? '').trim()) continue;
      if (hides(s.overflowX) && el.scrollWidth > el.clientWidth + 1) found.push(`clipped across: ${name(el)}`);
      if (hides(s.overflowY) && el.scrollHeight > el.clientHeight + 1) found.push(`clipped down: ${name(el)}`);
    }
    // Overlapping: two lines of text from different elements drawn over each other.
    const lines: { el: Element; r: DOMRect }[] = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const t = walker.currentNode as Text;
      const el = t.parentElement!;
      if (!t.data.trim() || !visible(el) || el.closest('[aria-hidden="true"], .rt-skip')) continue;
      const range = document.createRange();
      range.selectNodeContents(t);
      for (const r of range.getClientRects()) if (r.width > 1 && r.height > 1) lines.push({ el, r });
    }
    // Off the screen's sides: cut off by the window (the page does not
    // scroll sideways, so nobody can reach it).
    // (Inside a box that scrolls sideways, such as the summary's paper
    // preview, it is reached by scrolling that box.)
    const scrolls = (el: Element | null): boolean =>
      !!el && (['auto', 'scroll'].includes(getComputedStyle(el).overflowX) || scrolls(el.parentElement));
    for (const { el, r } of lines) {
      if ((r.left < -1 || r.right > innerWidth + 1) && !scrolls(el)) found.push(`off the screen: ${name(el)}`);
    }
    for (let i = 0; i < lines.length; i++) {
      for (let j = i + 1; j < lines.length; j++) {
        const [a, b] = [lines[i], lines[j]];
        if (a.el === b.el) continue;
        const x = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
        const y = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
        // More than a sliver: glyphs' boxes may touch where lines are set tight.
        if (x > 2 && y > Math.min(a.r.height, b.r.height) / 3) {
          found.push(`overlap: ${name(a.el)} and ${name(b.el)}`);
        }
      }
    }
    return [...new Set(found)];
  });
}

for (const width of [320, 1280]) {
  test(`the pseudo-locale (longer, accented, right to left) fits every screen at ${width} px`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width, height: 800 });
    await seed(page);
    const all: Record<string, string[]> = {};
    for (const path of SCREENS) {
      await open(page, path);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expect(page.locator('.rt-pending')).toHaveCount(0);
      await pseudo(page);
      const found = await faults(page);
      if (found.length) all[path] = found;
    }
    expect(all).toEqual({});
  });
}

test('the fault finder sees clipped and overlapping text', async ({ page }) => {
  // The checks above must be able to fail: a heading squeezed into a clipped
  // box, and a line drawn over another.
  await open(page, '/help');
  await page.evaluate(() => {
    const h1 = document.querySelector('#rt-root .rt-app h1') as HTMLElement;
    Object.assign(h1.style, { width: '40px', overflow: 'hidden', whiteSpace: 'nowrap' });
    const p = document.querySelector('#rt-root .rt-app main p') as HTMLElement;
    Object.assign(p.style, { position: 'relative', top: '-2em' });
    const h2 = document.querySelector('#rt-root .rt-app main h2') as HTMLElement;
    Object.assign(h2.style, { position: 'relative', insetInlineStart: '-200vw' });
  });
  const found = await faults(page);
  expect(found.some((f) => f.startsWith('clipped across: h1'))).toBe(true);
  expect(found.some((f) => f.startsWith('overlap:'))).toBe(true);
  expect(found.some((f) => f.startsWith('off the screen: h2'))).toBe(true);
});
