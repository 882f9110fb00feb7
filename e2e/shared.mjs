// The app's own words, read from the content files, and every screen it has:
// the one source for both test layers. The Playwright specs import it through
// e2e/content.ts and e2e/fixtures.ts (which add types); the cross-engine
// journeys (engines/) import it directly, as plain JavaScript.
import { readFileSync } from 'node:fs';

/**
 * Reads the flat tables of a content TOML file (`[[name]]` or `[name]` blocks of
 * `key = "string" | true | false | number` lines; `''` names the keys before the
 * first block), so tests derive their expectations from the same words the app
 * shows instead of copying them; from `src/content/<locale>/`, English unless said.
 * @param {string} file
 * @param {string} name
 * @param {string} [locale]
 * @returns {Record<string, unknown>[]}
 */
export function tables(file, name, locale = 'en') {
  const text = readFileSync(new URL(`../src/content/${locale}/${file}`, import.meta.url), 'utf8');
  const blocks = text.split(/^\[\[?([\w.]+)\]\]?\s*$/m);
  const record = (body) => {
    const r = {};
    for (const line of body.split('\n')) {
      const m = /^(\w+) = (".*"|true|false|\d+)\s*$/.exec(line);
      if (m) r[m[1]] = JSON.parse(m[2]);
    }
    return r;
  };
  if (name === '') return [record(blocks[0])];
  const out = [];
  for (let i = 1; i < blocks.length; i += 2) {
    if (blocks[i] === name) out.push(record(blocks[i + 1]));
  }
  return out;
}

/**
 * Fills the placeholders as the app does (`content::words`).
 * @param {string} text
 * @param {'together' | 'apart' | 'apart-unsure'} [situation]
 */
export function words(text, situation = 'together') {
  const who = situation === 'together' ? 'partner' : 'ex';
  return text
    .replaceAll('{partner}', `your ${who}`)
    .replaceAll('{Partner}', `Your ${who}`)
    .replaceAll('{my_partner}', `my ${who}`)
    .replaceAll('{My_partner}', `My ${who}`);
}

const one = (file, name) => tables(file, name)[0];

export const check = {
  safety: tables('check.toml', 'safety.questions'),
  safetyScreen: {
    reminder: one('check.toml', 'safety').reminder,
    alone: one('check.toml', 'safety.alone').title,
    next: one('check.toml', 'safety.next').title,
    help: one('check.toml', 'safety.help').title,
    crisis: one('check.toml', 'safety.crisis').title,
  },
  items: tables('check.toml', 'items'),
  dimensions: tables('check.toml', 'dimensions'),
  bands: tables('check.toml', 'bands'),
};

/** The digits of a number as the app dials it (a leading + kept). */
export const dial = (number) => number.replace(/(?!^\+)[^\d]/g, '');

export const help = {
  lines: tables('help.toml', 'help.lines'),
};

export const privacy = {
  title: tables('privacy.toml', '')[0].title,
  headings: tables('privacy.toml', 'sections').map((s) => s.heading),
};

export const guide = {
  steps: tables('guide.toml', 'steps'),
};

const truth = guide.steps.find((s) => s.id === 'tell-the-truth');

/** Every screen of the app, by path and the heading it shows. */
export const SCREENS = [
  { path: '/', title: 'Home', heading: /Rebuild trust/ },
  { path: '/check', title: 'Readiness check', heading: /readiness|ready/i },
  { path: '/guide', title: 'Guide', heading: /guide/i },
  { path: '/guide/tell-the-truth', title: 'Guide', heading: `Step ${truth.number}: ${truth.title}` },
  { path: '/journal', title: 'Journal', heading: /journal/i },
  { path: '/settings', title: 'Settings', heading: /Settings/ },
  { path: '/summary', title: 'Summary for a counsellor', heading: /Summary for a counsellor/ },
  { path: '/privacy', title: 'Privacy', heading: /privacy/i },
  { path: '/help', title: 'Help and support', heading: /help/i },
  { path: '/no-such-page', title: 'Page not found', heading: /isn’t here/ },
];
