// The app's own words for the Playwright specs: e2e/shared.mjs (shared with the
// cross-engine journeys) with types.
import * as shared from './shared.mjs';
import { readFileSync, readdirSync } from 'node:fs';
import { parse as parseToml } from 'smol-toml';

export const tables: (file: string, name: string, locale?: string) => Record<string, unknown>[] = shared.tables;

/** Fills the placeholders as the app does (`content::words`). */
export const words: (text: string, situation?: 'together' | 'apart' | 'apart-unsure') => string = shared.words;

export const check = shared.check as {
  safety: { id: string; kind: 'abuse' | 'self-harm'; text: string; warning_if: boolean }[];
  safetyScreen: { reminder: string; alone: string; next: string; help: string; crisis: string };
  items: { id: string; dimension: string; reverse?: boolean; hurt: string; unfaithful: string; both: string }[];
  dimensions: { id: string; title: string }[];
  bands: { id: string; min: number; title: string }[];
};

export type Line = { kind: 'emergency' | 'crisis' | 'abuse'; name: string; region: string; number: string; texts?: boolean; note?: string };

/** The digits of a number as the app dials it (a leading + kept). */
export const dial: (number: string) => string = shared.dial;

export const help = shared.help as { lines: Line[] };

export const privacy = shared.privacy as { title: string; headings: string[] };

export const guide = shared.guide as { steps: { id: string; number: number; title: string }[] };

/** The interface's own words in a locale, by section and key (src/content/<locale>/ui/*.toml). */
export function ui(locale = 'en'): Record<string, Record<string, string>> {
  const dir = new URL(`../src/content/${locale}/ui/`, import.meta.url);
  const all: Record<string, Record<string, string>> = {};
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.toml'))) {
    Object.assign(all, parseToml(readFileSync(new URL(file, dir), 'utf8')));
  }
  return all;
}

/** A text with its `{name}` placeholders filled. */
export const fill = (text: string, values: Record<string, string | number>) =>
  text.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? `{${name}}`));
