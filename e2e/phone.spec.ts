import { test, expect, open, axeViolations, SCREENS } from './fixtures';
import { check, guide, words } from './content';
import { seed } from './seed';
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';

// Phone-first (#23): the moments that matter, at the widths of real phones.

const WIDTHS = [320, 390];
const quickExit = (page: Page) => page.getByRole('button', { name: /^Quick exit/ });

/** The step with the most words: the longest page to scroll through. */
const longestStep = (() => {
  const text = readFileSync(new URL('../src/content/en/guide.toml', import.meta.url), 'utf8');
  const blocks = text.split(/^\[\[steps\]\]\s*$/m).slice(1);
  const longest = blocks.reduce((a, b) => (b.length > a.length ? b : a));
  return /^id = "([^"]+)"/m.exec(longest)![1];
})();

/** The quick exit is inside the viewport and nothing covers its centre. */
async function expectQuickExitOnTop(page: Page) {
  const button = quickExit(page);
  await expect(button).toBeInViewport({ ratio: 1 });
  const onTop = await button.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return !!hit && (hit === el || el.contains(hit));
  });
  expect(onTop, 'the quick exit is covered by something').toBe(true);
}

/** Two completed checks, stored as the app stores them. */
async function seedHistory(page: Page) {
  const dims = check.dimensions.map((d, i) => [d.id, 30 + i * 10]);
  const result = (id: string, at: number, overall: number) => ({
    id, taken_at: at, role: 'hurt', situation: 'apart-unsure',
    scores: { dimensions: dims, overall }, band: [...check.bands].reverse().find((b) => overall >= b.min)!.id, answers: {},
  });
  const history = JSON.stringify({ v: 1, data: [result('c-1', Date.UTC(2026, 9, 3, 12), 41), result('c-2', Date.UTC(2026, 10, 20, 12), 58)] });
  await page.addInitScript((h) => {
    if (!localStorage.getItem('rt:check.history')) localStorage.setItem('rt:check.history', h);
  }, history);
}

for (const width of WIDTHS) {
  test.describe(`at ${width} px`, () => {
    test.use({ viewport: { width, height: 640 } });

    test('the header is one line and Help is in it', async ({ page }) => {
      await open(page, '/');
      const header = page.locator('.rt-app > header');
      const box = (await header.boundingBox())!;
      expect(box.height).toBeLessThanOrEqual(64);
      await header.getByRole('link', { name: 'Help' }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(/help/i);
    });

    test('the menu opens the four parts and closes after choosing one', async ({ page }) => {
      await open(page, '/');
      const menu = page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Menu' });
      await expect(menu).toHaveAttribute('aria-expanded', 'false');
      await menu.click();
      await expect(menu).toHaveAttribute('aria-expanded', 'true');
      for (const part of ['Readiness check', 'Guide', 'Journal', 'Settings']) {
        await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: part })).toBeVisible();
      }
      expect(await axeViolations(page)).toEqual([]);
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Journal' }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(/journal/i);
      await expect(menu).toHaveAttribute('aria-expanded', 'false');
      await menu.click();
      await page.keyboard.press('Escape');
      await expect(menu).toHaveAttribute('aria-expanded', 'false');
      await expect(menu).toBeFocused();
    });

    test('the quick exit stays on screen at the bottom of the longest step', async ({ page }) => {
      await open(page, `/guide/${longestStep}`);
      await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
      await expect.poll(() => page.evaluate(() => Math.ceil(window.scrollY + window.innerHeight) >= document.documentElement.scrollHeight - 1)).toBe(true);
      await expectQuickExitOnTop(page);
    });

    test('the quick exit stays on screen while the journal editor has focus', async ({ page }) => {
      await open(page, '/journal');
      await page.getByRole('button', { name: 'New entry' }).click();
      const body = page.getByLabel('What’s on your mind?');
      await body.fill('Line\n'.repeat(60));
      await body.focus();
      // An on-screen keyboard takes about 40% of a phone's height.
      await page.setViewportSize({ width, height: 380 });
      await body.evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(el.value.length, el.value.length));
      await expectQuickExitOnTop(page);
      await expect(body).toBeFocused();
      const exit = (await quickExit(page).boundingBox())!;
      const label = (await page.getByText('What’s on your mind?').boundingBox())!;
      // The button does not sit over the start of the field.
      expect(exit.y + exit.height <= label.y || label.y + label.height <= exit.y || exit.x >= label.x + label.width).toBe(true);
    });

    test('no screen scrolls sideways, the check history included', async ({ page }) => {
      await seedHistory(page);
      const paths = [...SCREENS.map((s) => s.path), '/check/history', '/check/result/c-2', '/guide/all', '/journal/moods', `/guide/${longestStep}`];
      for (const path of paths) {
        await open(page, path);
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, `${path} overflows`).toBeLessThanOrEqual(0);
      }
    });

    test('a long unbroken word someone types (a pasted address) never makes a screen scroll sideways', async ({ page }) => {
      const title = 'https://example.org/' + 'averylongpastedaddresswithnospacesorhyphens'.repeat(2);
      await open(page, '/journal');
      await page.getByRole('button', { name: 'New entry' }).click();
      await page.getByLabel('Title').fill(title);
      await page.getByLabel('What’s on your mind?').fill(title);
      await page.getByRole('button', { name: 'Save now' }).click();
      await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
      const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(await overflow(), 'the editor overflows').toBeLessThanOrEqual(0);
      await page.getByRole('link', { name: 'Done' }).click();
      await expect(page.getByRole('heading', { level: 2, name: title })).toBeVisible();
      expect(await overflow(), 'the list overflows').toBeLessThanOrEqual(0);
    });

    test('the check history is one card per date', async ({ page }) => {
      await seedHistory(page);
      await open(page, '/check/history');
      const cards = page.getByRole('table').locator('tbody tr');
      await expect(cards).toHaveCount(2);
      const [a, b] = [(await cards.nth(0).boundingBox())!, (await cards.nth(1).boundingBox())!];
      expect(a.width).toBeLessThanOrEqual(width);
      expect(b.y).toBeGreaterThanOrEqual(a.y + a.height);
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        expect(await axeViolations(page)).toEqual([]);
      }
    });

    test('fieldset legends sit inside their cards', async ({ page }) => {
      await open(page, '/');
      const form = page.getByRole('form', { name: 'Before you start, if you like' });
      for (const legend of await form.locator('legend').all()) {
        // A legend drawn across the border starts at the fieldset's very top.
        const [box, group] = [(await legend.boundingBox())!, (await legend.locator('xpath=..').boundingBox())!];
        expect(box.y - group.y, 'space between the card’s top edge and its legend').toBeGreaterThanOrEqual(4);
      }
    });
  });
}

for (const locale of ['en-GB', 'es-ES']) {
  test.describe(`in ${locale}`, () => {
    test.use({ locale });
    test('from 352 px up, where the app’s name shows, it breaks only between words', async ({ page }) => {
      await open(page, '/');
      for (const width of [352, 360, 375, 390]) {
        await page.setViewportSize({ width, height: 640 });
        const { box, longest } = await page.evaluate(() => {
          const brand = document.querySelector('#rt-root > .rt-root .rt-brand') as HTMLElement;
          const word = document.createElement('span');
          word.style.whiteSpace = 'nowrap';
          let longest = 0;
          for (const w of (brand.textContent ?? '').split(/\s+/)) {
            word.textContent = w;
            brand.append(word);
            longest = Math.max(longest, word.getBoundingClientRect().width);
            word.remove();
          }
          return { box: brand.getBoundingClientRect().width, longest };
        });
        expect(box, `${width} px: the name's box against its longest word`).toBeGreaterThanOrEqual(longest);
      }
    });

    test('at 320 px the mood table fits the screen, its headers whole, with nothing to scroll sideways', async ({ page }) => {
      await seed(page);
      await page.setViewportSize({ width: 320, height: 640 });
      await open(page, '/journal/moods');
      const wrap = page.locator('.rt-table-wrap');
      await expect(wrap.locator('tbody tr')).toHaveCount(2);
      const { scroll, client } = await wrap.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
      expect(scroll, 'the table is wider than its place').toBeLessThanOrEqual(client);
    });
  });
}

test.describe('at 390 px', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('“I have only just found out” leads to a Start here card with the step on emotional waves and help', async ({ page }) => {
    const waves = guide.steps.find((s) => s.id === 'emotional-waves')!;
    await open(page, '/');
    const form = page.getByRole('form', { name: 'Before you start, if you like' });
    await form.getByLabel('I was hurt').check();
    await form.getByLabel('We are apart and I am not sure what I want').check();
    await form.getByLabel('I have only just found out').check();
    await form.getByRole('button', { name: 'Save and continue' }).click();
    // The confirmation appears where the button was, and is announced.
    await expect(page.getByRole('status').filter({ hasText: /kept on this device/ })).toBeVisible();
    const card = page.getByRole('region', { name: 'Start here' });
    await expect(card).toContainText('You do not have to decide anything now');
    await expect(card.getByRole('link', { name: `Step ${waves.number}: ${waves.title}` })).toBeVisible();
    await expect(card.getByRole('link', { name: /help/i })).toBeVisible();
    // Undecided and apart: the other person is "your ex".
    await expect(page.locator('main')).not.toContainText('your partner');
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      expect(await axeViolations(page)).toEqual([]);
    }
    await card.getByRole('link', { name: `Step ${waves.number}: ${waves.title}` }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Step ${waves.number}: ${waves.title}`);
  });

  test('the unfaithful partner who just told sees a card written for them', async ({ page }) => {
    await open(page, '/');
    const form = page.getByRole('form', { name: 'Before you start, if you like' });
    await form.getByLabel('I was unfaithful').check();
    await form.getByLabel('We are still together').check();
    await form.getByLabel('It has only just come out').check();
    await form.getByRole('button', { name: 'Save and continue' }).click();
    const card = page.getByRole('region', { name: 'Start here' });
    await expect(card).toContainText(words('{Partner} may swing between anger, grief and numbness'));
    await expect(card).not.toContainText('your ex');
  });

  test('the guide shows no progress bar until a step is marked, and its introduction is folded', async ({ page }) => {
    await open(page, '/guide');
    await expect(page.getByRole('progressbar')).toHaveCount(0);
    const intro = page.locator('details.rt-intro');
    await expect(intro).not.toHaveAttribute('open', '');
    await open(page, `/guide/${guide.steps[2].id}`);
    await page.getByLabel('Working on it').check();
    await open(page, '/guide');
    await expect(page.getByRole('progressbar')).toBeVisible();
    await expect(page.getByText(`0 of ${guide.steps.length} steps feel solid, 1 in progress`)).toBeVisible();
  });

  test('a result leads with its band and “Start with step N”, the parts folded below', async ({ page }) => {
    await seedHistory(page);
    await open(page, '/check/result/c-2');
    const lead = page.getByRole('region', { name: 'In short' });
    await expect(lead).toBeInViewport();
    const startWith = lead.getByRole('link', { name: /^Start with step \d+/ });
    await expect(startWith).toBeInViewport();
    const parts = page.locator('details.rt-dims-fold');
    await expect(parts).not.toHaveAttribute('open', '');
    await parts.locator('summary').click();
    for (const d of check.dimensions) {
      await expect(page.getByRole('heading', { name: d.title, level: 3 })).toBeVisible();
    }
    await startWith.click();
    await expect(page).toHaveURL(/\/guide\/[a-z0-9-]+$/);
  });

  test('Home shows the last check’s date and band, and where to continue the guide', async ({ page }) => {
    await seedHistory(page);
    const band = [...check.bands].reverse().find((b) => 58 >= b.min)!;
    const step = guide.steps[5];
    await open(page, `/guide/${step.id}`);
    await page.getByRole('link', { name: 'Rebuild Trust' }).first().click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Rebuild trust/);
    await expect(page.getByRole('link', { name: `Step ${step.number}: ${step.title}` })).toBeVisible();
    const last = page.locator('.rt-last-check');
    await expect(last).toContainText(band.title);
    await expect(last).toContainText('2026');
    await last.getByRole('link').click();
    await expect(page).toHaveURL(/\/check\/result\/c-2$/);
  });

  test('saving a backup of one entry says “1 journal entry”, right below the button', async ({ page }) => {
    await open(page, '/journal');
    await page.getByRole('button', { name: 'New entry' }).click();
    await page.getByLabel('What’s on your mind?').fill('One thing.');
    await expect(page.getByRole('status').filter({ hasText: /^Saved at/ })).toBeVisible();
    await open(page, '/journal');
    await expect(page.getByText(/^1 entry$/)).toBeVisible();
    await open(page, '/settings');
    const download = page.waitForEvent('download');
    const button = page.getByRole('button', { name: 'Save a full backup' });
    await button.click();
    await download;
    const message = page.getByRole('status').filter({ hasText: 'Backup saved: 1 journal entry and everything else that could be read.' });
    await expect(message).toBeInViewport();
    // Below the whole row of buttons, which wraps on a phone.
    const [b, m] = [(await button.locator('xpath=..').boundingBox())!, (await message.boundingBox())!];
    expect(m.y - (b.y + b.height), 'the confirmation sits just below the buttons').toBeLessThan(120);
  });

  test('the restore preview is information, not an error', async ({ page }) => {
    await open(page, '/settings');
    // The colour the app uses for danger, read from its own theme.
    const danger = await page.evaluate(() => {
      const probe = document.createElement('div');
      probe.className = 'rt-button--danger';
      document.querySelector('.rt-app')!.append(probe);
      const colour = getComputedStyle(probe).color;
      probe.remove();
      return colour;
    });
    const saved = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Save a full backup' }).click();
    const file = await (await saved).path();
    await page.getByLabel('Restore from a backup file').setInputFiles(file);
    const preview = page.getByRole('group').filter({ hasText: 'This backup is readable' });
    await expect(preview).toBeVisible();
    expect(await preview.evaluate((el) => getComputedStyle(el).borderTopColor)).not.toBe(danger);
  });
});

test('a chart’s labels stay readable on a phone, and the wide picture shows on a desktop', async ({ page }) => {
  await seedHistory(page);
  /** The font size each shown label is drawn at, in CSS pixels, and how many pictures show. */
  const drawn = () => page.locator('.rt-chart').evaluate((figure) => {
    const shown = [...figure.querySelectorAll('svg[role="img"]')].filter((svg) => svg.checkVisibility());
    const sizes = shown.flatMap((svg) => [...svg.querySelectorAll('text')].map((t) => {
      const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
      return parseFloat(getComputedStyle(t).fontSize) * scale;
    }));
    return { pictures: shown.length, smallest: Math.min(...sizes) };
  });
  for (const width of [320, 390, 600, 1280]) {
    await page.setViewportSize({ width, height: 800 });
    await open(page, '/check/history');
    await expect(page.getByRole('img', { name: /Overall score across 2 checks/ })).toBeVisible();
    const { pictures, smallest } = await drawn();
    expect(pictures, `${width} px`).toBe(1);
    expect(smallest, `${width} px: the smallest label`).toBeGreaterThanOrEqual(11);
  }
});
