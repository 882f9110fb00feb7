import { readFileSync } from 'node:fs';

/**
 * Reads the flat tables of a content TOML file (`[[name]]` or `[name]` blocks of
 * `key = "string" | true | false | number` lines; `''` names the keys before the
 * first block), so specs derive their expectations from the same words the app
 * shows instead of copying them.
 */
export function tables(file: string, name: string): Record<string, unknown>[] {
  const text = readFileSync(new URL(`../src/content/en/${file}`, import.meta.url), 'utf8');
  const blocks = text.split(/^\[\[?([\w.]+)\]\]?\s*$/m);
  const record = (body: string) => {
    const r: Record<string, unknown> = {};
    for (const line of body.split('\n')) {
      const m = /^(\w+) = (".*"|true|false|\d+)\s*$/.exec(line);
      if (m) r[m[1]] = JSON.parse(m[2]);
    }
    return r;
  };
  if (name === '') return [record(blocks[0])];
  const out: Record<string, unknown>[] = [];
  for (let i = 1; i < blocks.length; i += 2) {
    if (blocks[i] === name) out.push(record(blocks[i + 1]));
  }
  return out;
}

/** Fills the placeholders as the app does (`content::words`). */
export function words(text: string, situation: 'together' | 'apart' | 'apart-unsure' = 'together') {
  const who = situation === 'together' ? 'partner' : 'ex';
  return text
    .replaceAll('{partner}', `your ${who}`)
    .replaceAll('{Partner}', `Your ${who}`)
    .replaceAll('{my_partner}', `my ${who}`)
    .replaceAll('{My_partner}', `My ${who}`);
}

const one = (file: string, name: string) => tables(file, name)[0] as Record<string, string>;

export const check = {
  safety: tables('check.toml', 'safety.questions') as { id: string; kind: 'abuse' | 'self-harm'; text: string; warning_if: boolean }[],
  safetyScreen: {
    reminder: one('check.toml', 'safety').reminder,
    alone: one('check.toml', 'safety.alone').title,
    next: one('check.toml', 'safety.next').title,
    help: one('check.toml', 'safety.help').title,
    crisis: one('check.toml', 'safety.crisis').title,
  },
  items: tables('check.toml', 'items') as { id: string; dimension: string; reverse?: boolean; hurt: string; unfaithful: string; both: string }[],
  dimensions: tables('check.toml', 'dimensions') as { id: string; title: string }[],
  bands: tables('check.toml', 'bands') as { id: string; min: number; title: string }[],
};

export type Line = { kind: 'emergency' | 'crisis' | 'abuse'; name: string; region: string; number: string; texts?: boolean; note?: string };

/** The digits of a number as the app dials it (a leading + kept). */
export const dial = (number: string) => number.replace(/(?!^\+)[^\d]/g, '');

export const help = {
  lines: tables('help.toml', 'help.lines') as Line[],
};

export const privacy = {
  title: tables('privacy.toml', '')[0].title as string,
  headings: tables('privacy.toml', 'sections').map((s) => s.heading as string),
};

export const guide = {
  steps: tables('guide.toml', 'steps') as { id: string; number: number; title: string }[],
};
