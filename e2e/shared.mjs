// What the cross-engine journeys (engines/) read: the app's own words, from the
// content files, and every screen it has. e2e/content.ts and e2e/fixtures.ts hold
// the Playwright specs' typed versions; keep the two in step (or merge them).
import { readFileSync } from 'node:fs';

/**
 * Reads the flat tables of a content TOML file (`[[name]]` blocks of
 * `key = "string" | true | false | number` lines), so tests derive their
 * expectations from the same words the app shows instead of copying them.
 */
export function tables(file, name) {
  const text = readFileSync(new URL(`../src/content/en/${file}`, import.meta.url), 'utf8');
  const blocks = text.split(/^\[\[?([\w.]+)\]\]?\s*$/m);
  const out = [];
  for (let i = 1; i < blocks.length; i += 2) {
    if (blocks[i] !== name) continue;
    const record = {};
    for (const line of blocks[i + 1].split('\n')) {
      const m = /^(\w+) = (".*"|true|false|\d+)\s*$/.exec(line);
      if (m) record[m[1]] = JSON.parse(m[2]);
    }
    out.push(record);
  }
  return out;
}

/** Fills the placeholders as the app does (`content::words`). */
export function words(text, situation = 'together') {
  const who = situation === 'apart' ? 'ex' : 'partner';
  return text
    .replaceAll('{partner}', `your ${who}`)
    .replaceAll('{Partner}', `Your ${who}`)
    .replaceAll('{my_partner}', `my ${who}`)
    .replaceAll('{My_partner}', `My ${who}`);
}

export const check = {
  safety: tables('check.toml', 'safety.questions'),
  items: tables('check.toml', 'items'),
  dimensions: tables('check.toml', 'dimensions'),
  bands: tables('check.toml', 'bands'),
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
  { path: '/privacy', title: 'Privacy', heading: /privacy/i },
  { path: '/help', title: 'Help and support', heading: /help/i },
  { path: '/no-such-page', title: 'Page not found', heading: /isn’t here/ },
];
