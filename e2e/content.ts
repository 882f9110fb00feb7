import { readFileSync } from 'node:fs';

/**
 * Reads the flat tables of a content TOML file (`[[name]]` blocks of
 * `key = "string" | true | false | number` lines), so specs derive their
 * expectations from the same words the app shows instead of copying them.
 */
export function tables(file: string, name: string): Record<string, unknown>[] {
  const text = readFileSync(new URL(`../src/content/en/${file}`, import.meta.url), 'utf8');
  const blocks = text.split(/^\[\[?([\w.]+)\]\]?\s*$/m);
  const out: Record<string, unknown>[] = [];
  for (let i = 1; i < blocks.length; i += 2) {
    if (blocks[i] !== name) continue;
    const record: Record<string, unknown> = {};
    for (const line of blocks[i + 1].split('\n')) {
      const m = /^(\w+) = (".*"|true|false|\d+)\s*$/.exec(line);
      if (m) record[m[1]] = JSON.parse(m[2]);
    }
    out.push(record);
  }
  return out;
}

/** Fills the `{partner}` placeholders as the app does. */
export function words(text: string, situation: 'together' | 'apart' | 'apart-unsure' = 'together') {
  const [lower, upper] = situation === 'together' ? ['your partner', 'Your partner'] : ['your ex', 'Your ex'];
  return text.replaceAll('{partner}', lower).replaceAll('{Partner}', upper);
}

export const check = {
  safety: tables('check.toml', 'safety.questions') as { id: string; text: string; warning_if: boolean }[],
  items: tables('check.toml', 'items') as { id: string; dimension: string; reverse?: boolean; hurt: string; unfaithful: string; both: string }[],
  dimensions: tables('check.toml', 'dimensions') as { id: string; title: string }[],
  bands: tables('check.toml', 'bands') as { id: string; min: number; title: string }[],
};

export const guide = {
  steps: tables('guide.toml', 'steps') as { id: string; number: number; title: string }[],
};
