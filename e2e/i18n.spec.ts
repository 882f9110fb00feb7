import { test, expect, open, axeViolations, browserPrefers, LIVE_NAV } from './fixtures';
import { tables, words, ui, fill } from './content';
import { PORT } from '../playwright.config';
import type { Page } from '@playwright/test';

// The app in the reader's own language: chosen from the browser's preferred
// languages, from Settings, or by an embedding site's `lang` option. The
// expected words come from src/content/es/, as the app reads them: the
// content's and the interface's own (src/content/es/ui/).

const es = {
  steps: tables('guide.toml', 'steps', 'es') as { id: string; number: number; title: string }[],
  intro: tables('check.toml', 'intro', 'es')[0] as { title: string },
  safety: tables('check.toml', 'safety.questions', 'es') as { text: string; warning_if: boolean }[],
  items: tables('check.toml', 'items', 'es') as { hurt: string }[],
};
const enGuideTitle = (tables('guide.toml', 'steps')[0] as { title: string }).title;
const en = ui('en');
const t = ui('es');
/** "Step n: title" as the guide's list names a step, in a locale's words. */
const stepLink = (words: typeof t, step: { number: number; title: string }) =>
  fill(words.guide_overview.step_prefix, { number: step.number }) + step.title;

/** Fills the placeholders as the Spanish app does. */
const palabras = (text: string) =>
  words(text)
    .replaceAll('your partner', 'tu pareja')
    .replaceAll('Your partner', 'Tu pareja')
    .replaceAll('my partner', 'mi pareja')
    .replaceAll('My partner', 'Mi pareja');

const documentLang = (page: Page) => page.evaluate(() => document.documentElement.lang);

test.describe('a browser that prefers Spanish', () => {
  test.use({ locale: 'es-ES' });

  test('opens the guide and the check in Spanish, with lang="es", and axe passes', async ({ page }) => {
    await open(page, '/guide');
    await expect.poll(() => documentLang(page)).toBe('es');
    await expect(page.locator('.rt-app')).toHaveAttribute('lang', 'es');
    const first = es.steps[0];
    await expect(page.getByRole('link', { name: stepLink(t, first) })).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('navigation', { name: t.shell.main_nav }).getByRole('link', { name: t.shell.check }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(es.intro.title);
    await expect(page.getByText('no ha sido validada clínicamente')).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel(t.choices_role.hurt).check();
    await page.getByLabel(t.choices_situation.together).check();
    await page.getByRole('button', { name: t.check_intro.start }).click();
    for (const q of es.safety) {
      await page.getByRole('group', { name: palabras(q.text) }).getByLabel(q.warning_if ? t.check_safety.no : t.check_safety.yes).check();
    }
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: t.check_safety.next }).click();
    await expect(page.getByRole('group', { name: palabras(es.items[0].hurt) })).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);
  });
});

test('switching to Spanish in Settings redraws without a reload and keeps the entry being written', async ({ page }) => {
  await open(page, '/journal');
  await expect.poll(() => documentLang(page)).toBe('en');
  await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
  await page.getByRole('button', { name: en.journal_list.new_entry }).click();
  await page.getByLabel(en.journal_editor.title_label).fill('Una tarde tranquila');
  await page.getByLabel(en.journal_editor.body_label).fill('Half a thought, not saved by hand');
  // The same navigation in either language (its own label changes with it).
  const nav = page.locator(LIVE_NAV);
  await nav.getByRole('link', { name: en.shell.settings }).click();
  // A click, not check(): the group it is in is drawn again, named in Spanish.
  await page.getByRole('group', { name: en.settings_language.legend }).getByLabel('Español').click();
  // Settings is drawn again in Spanish, focus back on the language just picked.
  const picker = page.getByRole('group', { name: t.settings_language.legend });
  await expect(picker.getByLabel('Español')).toBeFocused();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(t.settings_page.title);
  await expect.poll(() => documentLang(page)).toBe('es');
  // Dates in the journal are written the Spanish way, by the browser's Intl.
  await nav.getByRole('link', { name: t.shell.journal }).click();
  const today = await page.evaluate(() =>
    new Date().toLocaleDateString('es', { day: 'numeric', month: 'short', year: 'numeric' }),
  );
  const entry = page.locator('.rt-entries > li').first();
  await expect(entry).toContainText(today);
  await entry.getByRole('link', { name: /Una tarde tranquila/ }).click();
  await expect(page.getByLabel(t.journal_editor.body_label)).toHaveValue('Half a thought, not saved by hand');
  await expect(page.getByLabel(t.journal_editor.title_label)).toHaveValue('Una tarde tranquila');
  await nav.getByRole('link', { name: t.shell.guide }).click();
  await expect(page.getByRole('link', { name: stepLink(t, es.steps[0]) })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
  // Remembered with the other settings; and back to the browser's language.
  await page.reload();
  await expect(page.getByRole('link', { name: stepLink(t, es.steps[0]) })).toBeVisible();
  await nav.getByRole('link', { name: t.shell.settings }).click();
  await page.getByRole('group', { name: t.settings_language.legend }).getByLabel(t.settings_language.follow_browser).click();
  await expect.poll(() => documentLang(page)).toBe('en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(en.settings_page.title);
  await nav.getByRole('link', { name: en.shell.guide }).click();
  await expect(page.getByRole('link', { name: stepLink(en, { number: 1, title: enGuideTitle }) })).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
});

test('a language picked in another tab redraws an open entry in place, words and all', async ({ page, context }) => {
  await open(page, '/journal');
  await page.getByRole('button', { name: 'New entry' }).click();
  // Found by where it is, not by its label, which changes language with it.
  const body = page.locator('.rt-main textarea').first();
  await body.fill('Still typing when the language changes');
  const other = await context.newPage();
  await open(other, '/settings');
  await other.getByRole('group', { name: en.settings_language.legend }).getByLabel('Español').click();
  await expect(other.getByRole('group', { name: t.settings_language.legend })).toBeVisible();
  await other.close();
  await expect.poll(() => documentLang(page)).toBe('es');
  await expect(body).toHaveValue('Still typing when the language changes');
  await body.pressSequentially(', y sigo.');
  await expect(body).toHaveValue('Still typing when the language changes, y sigo.');
});

test('a change of the browser’s languages while the app is open is followed at once, unless a language was picked in Settings', async ({ page }) => {
  await open(page, '/guide');
  await expect.poll(() => documentLang(page)).toBe('en');
  await browserPrefers(page, ['es-ES', 'es']);
  await expect(page.getByRole('link', { name: stepLink(t, es.steps[0]) })).toBeVisible();
  await expect.poll(() => documentLang(page)).toBe('es');
  await expect(page).toHaveTitle(new RegExp(`^${t.route_titles.guide}`));
  // Picked in Settings, a language stays, whatever the browser says next.
  const nav = page.locator(LIVE_NAV);
  await nav.getByRole('link', { name: t.shell.settings }).click();
  await page.getByRole('group', { name: t.settings_language.legend }).getByLabel('English').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(en.settings_page.title);
  await browserPrefers(page, ['es']);
  await nav.getByRole('link', { name: en.shell.guide }).click();
  await expect(page.getByRole('link', { name: stepLink(en, { number: 1, title: enGuideTitle }) })).toBeVisible();
  expect(await documentLang(page)).toBe('en');
});

test.describe('embedded', () => {
  // The counselling site's page is this server as http://localhost:PORT, a
  // second origin, framing the app from 127.0.0.1 (as in embed.spec.ts).
  const HOST = `http://localhost:${PORT}`;
  test.use({ hostOrigins: [HOST], thirdPartyStorage: true });

  test('an embedding site’s lang option opens the widget in Spanish, and an unknown language is explained', async ({ page }) => {
    await page.addInitScript(() => {
      if (window.top !== window) return;
      const warnings: string[] = ((window as unknown as { warnings: string[] }).warnings = []);
      const warn = console.warn.bind(console);
      console.warn = (...args: unknown[]) => {
        warnings.push(args.join(' '));
        warn(...args);
      };
    });
    await page.goto(`${HOST}/e2e-hosts/lang.html`);
    const spanish = page.locator('rebuild-trust').nth(0).locator('iframe').contentFrame();
    await expect(spanish.getByRole('heading', { level: 1 })).toHaveText(es.intro.title);
    await expect(spanish.locator('html')).toHaveAttribute('lang', 'es');
    await expect(spanish.locator('.rt-app')).toHaveAttribute('lang', 'es');
    const other = page.locator('rebuild-trust').nth(1).locator('iframe').contentFrame();
    await expect(other.getByRole('heading', { level: 1 })).not.toHaveText(es.intro.title);
    await expect(other.locator('.rt-app')).toHaveAttribute('lang', 'en');
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { warnings: string[] }).warnings))
      .toContain('Rebuild Trust widget: lang: "fr" is not a language the app has (en, es), using the person\'s own');
    expect(await axeViolations(page)).toEqual([]);
  });
});
