// What every journey uses to look at and work the page the way a person does:
// by role and accessible name, by label, by visible text. The lookup runs in the
// page (WebDriver has no role locators), searches open shadow roots too (the embed
// example), and only finds what is visible. Every wait has a timeout and fails
// with a message that names what was looked for and what was there instead.
import { Key } from 'selenium-webdriver';

export const TIMEOUT = 15_000;

// Runs in the page: returns the visible elements of `role` whose accessible name
// matches. A pragmatic subset of the accessible-name rules, enough for this app.
const FIND = `
const [role, want, within, all] = arguments;
const SELECTORS = {
  button: 'button, [role=button], input[type=button], input[type=submit]',
  link: 'a[href], [role=link]',
  heading: 'h1, h2, h3, h4, h5, h6, [role=heading]',
  h1: 'h1, [role=heading][aria-level="1"]',
  field: 'input:not([type=radio]):not([type=checkbox]):not([type=button]):not([type=submit]):not([type=hidden]), textarea, select',
  searchbox: 'input[type=search], [role=searchbox]',
  radio: 'input[type=radio]',
  checkbox: 'input[type=checkbox]',
  choice: 'input[type=radio], input[type=checkbox]',
  status: '[role=status], output',
  alert: '[role=alert]',
  navigation: 'nav, [role=navigation]',
  group: 'fieldset, [role=group], [role=radiogroup]',
  region: 'section[aria-label], section[aria-labelledby], [role=region]',
  text: 'p, li, span, div, dd, dt, td, th, label, strong, em, h1, h2, h3, h4, h5, h6, legend, code, small',
};
const norm = (s) => (s || '').replace(/\\s+/g, ' ').trim();
const textOf = (el) => norm(el.innerText !== undefined && el.offsetParent !== undefined ? el.innerText : el.textContent);
const byId = (el, id) => el.getRootNode().getElementById ? el.getRootNode().getElementById(id) : document.getElementById(id);
function name(el) {
  const labelledby = el.getAttribute('aria-labelledby');
  if (labelledby) return norm(labelledby.split(/\\s+/).map((id) => byId(el, id)).filter(Boolean).map((e) => e.textContent).join(' '));
  const label = el.getAttribute('aria-label');
  if (label) return norm(label);
  if (el.labels && el.labels.length) return norm([...el.labels].map((l) => l.textContent).join(' '));
  if (el.tagName === 'FIELDSET') {
    const legend = el.querySelector(':scope > legend');
    if (legend) return norm(legend.textContent);
  }
  if (el.tagName === 'INPUT' && (el.type === 'submit' || el.type === 'button')) return norm(el.value);
  if (role === 'text') return textOf(el);
  return norm(el.textContent);
}
function visible(el) {
  if (!el.getClientRects().length) return false;
  const style = getComputedStyle(el);
  if (style.visibility === 'hidden') return false;
  // Visually hidden radios and checkboxes still count when their label shows.
  const rect = el.getBoundingClientRect();
  if ((rect.width <= 1 || rect.height <= 1) && !(el.labels && [...el.labels].some((l) => l.getClientRects().length))) return false;
  return true;
}
function* deep(root) {
  for (const el of root.querySelectorAll('*')) {
    yield el;
    if (el.shadowRoot) yield* deep(el.shadowRoot);
  }
}
const matches = (n) => want === null || (want.re ? new RegExp(want.re, want.flags).test(n) : n === want.s);
const root = within ? (within.shadowRoot || within) : document;
const sel = SELECTORS[role] || role;
const found = [];
const seen = [];
for (const el of deep(root)) {
  if (!el.matches(sel) || !visible(el)) continue;
  const n = name(el);
  if (matches(n)) {
    // For plain text, the innermost element that matches.
    if (role === 'text' && [...el.children].some((c) => c.matches(sel) && visible(c) && matches(name(c)))) continue;
    found.push(el);
  } else if (seen.length < 12) seen.push(n.slice(0, 60));
}
return all ? { found, seen } : { found: found.slice(0, 1), seen };
`;

const pattern = (name) =>
  name === undefined || name === null ? null : name instanceof RegExp ? { re: name.source, flags: name.flags } : { s: name };
const show = (name) => (name instanceof RegExp ? String(name) : JSON.stringify(name));

export class Page {
  constructor(driver, origin, engine) {
    this.driver = driver;
    this.origin = origin;
    this.engine = engine;
  }

  async sleep(ms) {
    await new Promise((r) => setTimeout(r, ms));
  }

  /** Polls `probe` until it returns a truthy value; fails with `message()` after the timeout. */
  async until(probe, message, timeout = TIMEOUT) {
    const deadline = Date.now() + timeout;
    let last;
    for (;;) {
      try {
        const value = await probe();
        if (value) return value;
      } catch (e) {
        last = e;
        // A stale element while the page re-renders: try again.
      }
      if (Date.now() > deadline) {
        const why = typeof message === 'function' ? await message().catch(() => '') : message;
        throw new Error(`${why}${last ? ` (last error: ${last.message.split('\n')[0]})` : ''}`);
      }
      await this.sleep(100);
    }
  }

  async query(role, name, { within = null, all = false } = {}) {
    return this.driver.executeScript(FIND, role, pattern(name), within, all);
  }

  /** The first visible element of `role` named `name` (a string matches exactly, a RegExp partly). */
  async find(role, name, { within = null, timeout = TIMEOUT } = {}) {
    let seen = [];
    return this.until(
      async () => {
        const r = await this.query(role, name, { within });
        seen = r.seen;
        return r.found[0];
      },
      async () => `no visible ${role} named ${show(name)} on ${await this.path()} (heading: ${show(await this.h1Text())}; other ${role}s: ${seen.map((s) => JSON.stringify(s)).join(', ') || 'none'})`,
      timeout,
    );
  }

  async count(role, name, opts = {}) {
    return (await this.query(role, name, { ...opts, all: true })).found.length;
  }

  async absent(role, name, opts = {}) {
    await this.until(async () => (await this.count(role, name, opts)) === 0, `expected no visible ${role} named ${show(name)} on ${await this.path()}`);
  }

  button(name, opts) {
    return this.find('button', name, opts);
  }
  link(name, opts) {
    return this.find('link', name, opts);
  }
  field(label, opts) {
    return this.find('field', label, opts);
  }
  text(text, opts) {
    return this.find('text', text, opts);
  }

  async path() {
    try {
      const url = new URL(await this.driver.getCurrentUrl());
      return url.origin === this.origin ? url.pathname : url.href;
    } catch {
      return '(unknown)';
    }
  }

  async h1Text(within = null) {
    try {
      const r = await this.query('h1', null, { within });
      return r.found[0] ? await r.found[0].getText() : null;
    } catch {
      return null;
    }
  }

  /** Waits for the screen's one level-1 heading to read `text`. */
  async heading(text, opts = {}) {
    await this.until(async () => {
      const got = await this.h1Text(opts.within);
      return got !== null && (text instanceof RegExp ? text.test(got) : got.trim() === text);
    }, async () => `expected the heading ${show(text)} on ${await this.path()}, found ${show(await this.h1Text(opts.within))}`);
  }

  /** Opens a path of the app and waits until the app itself (not the static first paint) runs. */
  async open(path) {
    await this.driver.get(this.origin + path);
    await this.appReady();
  }

  async appReady() {
    await this.until(
      // Not a static page written at build time ([data-rt-static]), which the app replaces.
      async () => (await this.query('#rt-root > .rt-root .rt-app nav[aria-label="Main"], #rt-root > .rt-root .rt-app form', null)).found.length > 0,
      async () => `the app did not start on ${await this.path()} (heading: ${show(await this.h1Text())})`,
      30_000,
    );
  }

  /**
   * Reloads as a person does (F5). Not WebDriver's refresh: Firefox's bypasses
   * the service worker, as a forced reload (Ctrl+Shift+R) would.
   */
  async reload() {
    await this.eval('window.__enginesBeforeReload = true; setTimeout(() => location.reload(), 0)');
    await this.until(async () => this.eval('return !window.__enginesBeforeReload && document.readyState !== "loading"'), 'the reload did not finish');
    // A page written at build time shows first; its controls are not the app's.
    await this.appReady();
  }

  /** Clicks like a person would; if something covers the element, scrolls it to the middle and tries again. */
  async click(elOrPromise) {
    const el = await elOrPromise;
    // Mid-screen, clear of the sticky header, as a person would scroll to it.
    await this.driver.executeScript('arguments[0].scrollIntoView({ block: "center" })', el);
    try {
      await el.click();
    } catch (e) {
      // WebKitWebDriver names the error but gives it no message (an element under
      // the sticky header, say): then the name tells.
      const covered = /intercept|not interactable|obscured|could not be scrolled/i.test(e.message)
        || ['ElementNotInteractableError', 'ElementClickInterceptedError'].includes(e.name);
      if (!covered) throw e;
      await this.driver.executeScript('arguments[0].scrollIntoView({ block: "center" })', el);
      await el.click();
    }
  }

  /** Checks a radio button or checkbox found by its label (clicking the label if the input is hidden). */
  async check(label, opts) {
    const el = await this.find('choice', label, opts);
    if (await el.isSelected()) return;
    try {
      await el.click();
    } catch {
      await this.driver.executeScript('arguments[0].labels[0].click()', el);
    }
    await this.until(() => el.isSelected(), `${show(label)} did not become checked`);
  }

  /** Replaces a field's text by typing, as a person would. */
  async fill(label, text, opts) {
    const el = typeof label === 'string' || label instanceof RegExp ? await this.field(label, opts) : label;
    // Mid-screen, clear of the sticky header (WebKitWebDriver will not type under it).
    await this.driver.executeScript('arguments[0].scrollIntoView({ block: "center" })', el);
    await el.clear();
    // A line break as the Enter key: WebKitWebDriver drops a typed "\n".
    const lines = (text ?? '').split('\n');
    const keys = lines.flatMap((line, i) => (i ? [Key.ENTER, line] : [line])).filter((k) => k !== '');
    if (keys.length) await el.sendKeys(...keys);
    return el;
  }

  async valueOf(el) {
    return this.driver.executeScript('return arguments[0].value', el);
  }

  async select(label, optionText, opts) {
    const el = await this.field(label, opts);
    const options = await el.findElements({ css: 'option' });
    for (const option of options) {
      if ((await option.getText()).trim() === optionText) {
        await option.click();
        return;
      }
    }
    throw new Error(`${show(label)} has no option ${show(optionText)}`);
  }

  async pressShift(times) {
    for (let i = 0; i < times; i++) {
      await this.driver.actions().keyDown(Key.SHIFT).keyUp(Key.SHIFT).perform();
    }
  }

  async eval(script, ...args) {
    return this.driver.executeScript(script, ...args);
  }
}

/** Fails with `message` unless `ok`. */
export function expect(ok, message) {
  if (!ok) throw new Error(message);
}
