// The app's own words for the Playwright specs: e2e/shared.mjs (shared with the
// cross-engine journeys) with types.
import * as shared from './shared.mjs';

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
