import { test, expect, open, axeViolations, browserPrefers } from './fixtures';
import { setLock } from './lock-helpers';
import { ui, check, guide } from './content';
import { seed, SCREENS } from './seed';
import { readFileSync, readdirSync } from 'node:fs';
import { parse } from 'smol-toml';
import type { Page } from '@playwright/test';

// Every screen in Spanish, with no English left: the words a person reads
// (text, and the labels, placeholders and titles a screen reader or a
// pointer shows) are compared with every string in the English files, the
// interface's (src/content/en/ui/) and the content's (src/content/en/*.toml).

const CONTENT = new URL('../src/content/', import.meta.url);

/** Every string in a TOML value, however deep. */
function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) value.forEach((v) => strings(v, out));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => strings(v, out));
  return out;
}

/** A locale's strings: the interface's, and the content's. */
function locale(id: string) {
  const read = (path: URL) => strings(parse(readFileSync(path, 'utf8')));
  const ui = readdirSync(new URL(`${id}/ui/`, CONTENT))
    .filter((f) => f.endsWith('.toml'))
    .flatMap((f) => read(new URL(`${id}/ui/${f}`, CONTENT)));
  const content = readdirSync(new URL(`${id}/`, CONTENT))
    .filter((f) => f.endsWith('.toml'))
    .flatMap((f) => read(new URL(`${id}/${f}`, CONTENT)));
  return { ui, content };
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Whether `text` holds `piece` as whole words ("Guide" is not in "Guidance"). */
function holds(text: string, piece: string): boolean {
  const edge = (c: string | undefined) => c === undefined || !/[\p{L}\p{N}]/u.test(c);
  for (let at = text.indexOf(piece); at >= 0; at = text.indexOf(piece, at + 1)) {
    if (edge(text[at - 1]) && edge(text[at + piece.length])) return true;
  }
  return false;
}

/**
 * What to look for: each English text's words between placeholders (the
 * app fills those with other words), long enough to mean something, and not
 * also Spanish words (Spanish says "No", and "Date tiempo": proof of nothing).
 * Content strings count only with a space in them: single words there are ids.
 */
function english() {
  const en = locale('en');
  const es = locale('es');
  const spanish = [...es.ui, ...es.content].map(squash).join('\n');
  const pieces = (s: string) => s.split(/\{\w+\}/).map(squash).filter((p) => p.length >= 4 && /[a-z]{2}/i.test(p));
  const found = new Set<string>();
  for (const s of en.ui) pieces(s).forEach((p) => found.add(p));
  for (const s of en.content) pieces(s).filter((p) => p.includes(' ')).forEach((p) => found.add(p));
  return [...found].filter((p) => !holds(spanish, p));
}
const ENGLISH = english();

/** The words on the page a person can read or hear. */
async function shown(page: Page): Promise<string> {
  return page.evaluate(() => {
    const root = document.querySelector('#rt-root') ?? document.body;
    const parts = [(root as HTMLElement).innerText];
    for (const el of root.querySelectorAll('[aria-label], [placeholder], [title], [alt], [aria-description]')) {
      // A page written at build time holds a copy per language; only one shows.
      const copy = el.closest('[data-rt-static]');
      if (copy && !copy.checkVisibility()) continue;
      for (const a of ['aria-label', 'placeholder', 'title', 'alt', 'aria-description']) {
        const v = el.getAttribute(a);
        if (v) parts.push(v);
      }
    }
    parts.push(document.title);
    return parts.join('\n');
  });
}

/** The English strings this page shows. */
async function englishOn(page: Page): Promise<string[]> {
  const text = squash(await shown(page));
  return ENGLISH.filter((s) => holds(text, s));
}

test('a change of the browser’s languages while locked draws the lock screen again in the new one', async ({ page }) => {
  // An English browser, a lock set (the person chose English: sealed until unlock).
  await seed(page, 'en');
  await setLock(page);
  await page.reload();
  await expect(page.getByRole('button', { name: ui('en').lock_screen.unlock })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await browserPrefers(page, ['es-ES', 'es']);
  await expect(page.getByRole('button', { name: ui('es').lock_screen.unlock })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  expect(await englishOn(page)).toEqual([]);
});

test.describe('in Spanish', () => {
  test.use({ locale: 'es-ES' });

  test('every screen speaks Spanish, with no string from the English files, and axe passes', async ({ page }) => {
    test.setTimeout(180_000);
    await seed(page, 'es');
    const left: Record<string, string[]> = {};
    for (const path of SCREENS) {
      await open(page, path);
      await expect(page.locator('.rt-app')).toHaveAttribute('lang', 'es');
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expect(page.locator('.rt-pending')).toHaveCount(0);
      const english = await englishOn(page);
      if (english.length) left[path] = english;
      expect(await axeViolations(page), path).toEqual([]);
    }
    expect(left, 'English strings shown in Spanish').toEqual({});
  });

  test('the check’s steps speak Spanish too', async ({ page }) => {
    test.setTimeout(120_000);
    const t = ui('es');
    await seed(page, 'es');
    await open(page, '/check');
    await page.getByRole('button', { name: t.check_intro.start }).click();
    await expect(page.getByRole('button', { name: t.check_safety.next })).toBeVisible();
    expect(await englishOn(page), 'the safety screen').toEqual([]);
    // The safe answer to each question, in order (the same in every language).
    const groups = page.locator('.rt-main fieldset').filter({ has: page.getByLabel(t.check_safety.no, { exact: true }) });
    await expect(groups).toHaveCount(check.safety.length);
    for (const [i, q] of check.safety.entries()) {
      await groups.nth(i).getByLabel(q.warning_if ? t.check_safety.no : t.check_safety.yes, { exact: true }).check();
    }
    await page.getByRole('button', { name: t.check_safety.next }).click();
    await expect(page.locator('.rt-main input[type=radio]').first()).toBeVisible();
    expect(await englishOn(page), 'the questions').toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
  });

  test('the lock screen speaks the browser’s language, the person’s choice being sealed', async ({ page }) => {
    // The lock is set in English (the person's choice), then the page is
    // opened again: before unlock, only the browser's language is known.
    await seed(page, 'en');
    await setLock(page);
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('lang', 'es');
    await expect(page.getByRole('button', { name: ui('es').lock_screen.unlock })).toBeVisible();
    expect(await englishOn(page)).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
  });

  test('before the app starts, the first paint is in Spanish too', async ({ page }) => {
    // The app's WebAssembly is held back, so the page stays as first painted.
    await page.route('**/*_bg.wasm', () => {});
    await page.goto('/journal');
    const t = ui('es').first_paint;
    await expect(page.locator('html')).toHaveAttribute('lang', 'es');
    // Named (as a screen reader hears it) by the Spanish words alone: the
    // English beside them are not shown.
    await expect(page.getByRole('heading', { level: 1, name: t.title, exact: true })).toBeVisible();
    await expect(page.getByText(t.lead)).toBeVisible();
    await expect(page.getByText(ui('en').first_paint.lead)).toBeHidden();
    expect(await englishOn(page)).toEqual([]);
  });

  test('the pages written at build time are in Spanish, with no English shown, and the app takes one over without a jump', async ({ page }) => {
    test.setTimeout(120_000);
    // The app's WebAssembly is held back, so each page stays as written.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/*_bg.wasm', async (route) => {
      await held;
      await route.continue();
    });
    const step = guide.steps[1];
    for (const path of ['/', '/help', '/privacy', '/guide/all', `/guide/${step.id}`]) {
      await page.goto(path);
      await expect(page.locator('html')).toHaveAttribute('lang', 'es');
      await expect(page.locator('[data-rt-static="es"]'), path).toBeVisible();
      await expect(page.locator('[data-rt-static="en"]'), path).toBeHidden();
      await expect(page.locator('[data-rt-static="es"] h1'), path).toBeVisible();
      expect(await englishOn(page), path).toEqual([]);
      expect(await axeViolations(page), path).toEqual([]);
    }
    // Still on the step: the app takes it over, in the same words and place.
    const heading = await page.getByRole('heading', { level: 1 }).innerText();
    await page.evaluate(() => {
      (window as any).rtShifts = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) (window as any).rtShifts += (entry as any).value;
      }).observe({ type: 'layout-shift' });
    });
    release();
    await expect(page.locator('[data-rt-static]')).toHaveCount(0);
    await expect(page.locator('.rt-app')).toHaveAttribute('lang', 'es');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    expect(await page.evaluate(() => (window as any).rtShifts), 'layout shift while the app took over').toBe(0);
  });

  test('without WebAssembly, a page written at build time reads in Spanish, says so in Spanish, and its menu opens', async ({ page }) => {
    await page.setViewportSize({ width: 320, height: 640 });
    await page.addInitScript(() => {
      delete (window as any).WebAssembly;
    });
    const t = ui('es');
    await page.goto(`/guide/${guide.steps[1].id}`);
    await expect(page.getByRole('heading', { level: 2, name: t.no_wasm.heading })).toBeVisible();
    await expect(page.getByText(t.no_wasm.lockdown)).toBeVisible();
    expect(await englishOn(page)).toEqual([]);
    const menu = page.getByRole('button', { name: t.shell.menu });
    await menu.click();
    await expect(menu).toHaveAttribute('aria-expanded', 'true');
    await page.getByRole('link', { name: t.shell.help, exact: true }).first().click();
    await expect(page).toHaveURL('/help');
    await expect(page.getByRole('heading', { level: 2, name: t.no_wasm.heading })).toBeVisible();
  });

  test('a damaged backup is refused in Spanish, naming what is wrong in words, and nothing changes', async ({ page }) => {
    const t = ui('es');
    await seed(page, 'es');
    await open(page, '/settings');
    const stored = () => page.evaluate(() => JSON.stringify(localStorage));
    const before = await stored();
    const entry = { id: 'b1', created: 1, updated: 1, title: 'Una', body: 'texto' };
    const cases: [unknown[], string][] = [
      [[entry, { id: 'b2', title: 'Sin fecha' }], 'le falta el campo “created”'],
      [[entry, { ...entry, id: 'b3', created: 'lunes' }], t.shape_problems.wrong_kind],
    ];
    for (const [n, [journal, detail]] of cases.entries()) {
      const text = JSON.stringify({ format: 'rebuild-trust-backup', version: 3, journal });
      await page.getByLabel(t.settings_backup.restore).setInputFiles({ name: `copia-${n}.json`, mimeType: 'application/json', buffer: Buffer.from(text) });
      const message = page.getByText(/No se puede leer la entrada 2 \(id “b[23]”\)/);
      await expect(message).toContainText(`(${detail})`);
      // Not serde's English, nor Rust's names for types.
      await expect(message).not.toContainText(/missing|invalid|expected|field|sequence|u64/);
      expect(await englishOn(page)).toEqual([]);
      expect(await stored()).toBe(before);
    }
  });

  test('the detector finds English when the interface speaks it', async ({ page }) => {
    // The same walk's detector on the English app: it must find the words,
    // or the test above could pass on an English screen.
    await seed(page, 'en');
    await open(page, '/journal');
    await expect(page.locator('.rt-app')).toHaveAttribute('lang', 'en');
    expect((await englishOn(page)).length).toBeGreaterThan(5);
  });
});
