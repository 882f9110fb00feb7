import { check, guide } from './content';
import type { Page } from '@playwright/test';

// A person who has used the app a while, as the app stores it: two checks,
// two journal entries, the guide begun; and every screen they can open.

const DAY = 86_400_000;
const START = Date.UTC(2026, 7, 3, 9, 0);

/** Every dimension at `base + i`, overall `base + 3`, as src/assessment.rs stores a result. */
export function result(id: string, takenAt: number, base: number) {
  const dimensions = check.dimensions.map((d, i) => [d.id, base + i]);
  const overall = base + 3;
  const band = [...check.bands].reverse().find((b) => overall >= b.min)!.id;
  return { id, taken_at: takenAt, role: 'hurt', situation: 'together', scores: { dimensions, overall }, band, answers: {} };
}

/** Stores what such a person has, before the app starts (once: reloads keep what a test changed); `locale`, their choice of language. */
export async function seed(page: Page, locale?: 'en' | 'es') {
  const entries = [1, 2].map((i) => ({
    id: `e${i}`,
    created: START + i * DAY,
    updated: START + i * DAY,
    title: `Tarde ${i}`,
    body: 'Hablamos después de cenar y fue más fácil de lo que esperaba.',
    mood: i + 2,
    feelings: [],
    tags: ['calma'],
  }));
  const records: Record<string, unknown> = {
    'rt:settings': { theme: 'system', role: 'hurt', situation: 'together', welcomed: true, lock_after_min: 5, ...(locale ? { locale } : {}) },
    'rt:check.history': [result('r1', START, 20), result('r2', START + 30 * DAY, 45)],
    'rt:guide': { states: { [guide.steps[0].id]: 'solid', [guide.steps[1].id]: 'working' }, last_viewed: guide.steps[1].id },
    'rt:journal.index': entries.map((e) => e.id),
  };
  for (const e of entries) records[`rt:journal.e.${e.id}`] = e;
  const raw = Object.fromEntries(Object.entries(records).map(([k, v]) => [k, JSON.stringify({ v: 1, data: v })]));
  await page.addInitScript((raw) => {
    if (localStorage.getItem('rt:settings')) return;
    for (const [k, v] of Object.entries(raw)) localStorage.setItem(k, v);
  }, raw);
}

export const SCREENS = [
  '/',
  '/check',
  '/check/history',
  '/check/result/r2',
  '/check/result/r2/share',
  '/check/compare',
  '/guide',
  '/guide/all',
  `/guide/${guide.steps[1].id}`,
  '/journal',
  '/journal/entry/e1',
  '/journal/moods',
  '/settings',
  '/summary',
  '/privacy',
  '/help',
  '/no-such-page',
];

