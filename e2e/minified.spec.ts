import { test, expect } from './fixtures';
import { parse, type Options } from 'acorn';
import { readFileSync, readdirSync } from 'node:fs';

// The build minifies its scripts (tools/postbuild.mjs, tools/split.mjs). A
// minifier left to its defaults writes the shortest syntax the newest browsers
// read (`catch {}` without a name, say), which an older browser cannot even
// parse: then static.js, written for browsers that cannot run the app, would
// not run either. Each built script must still parse as the version of
// JavaScript its source is written in.

const DIST = new URL('../dist/', import.meta.url);
const ASSETS = new URL('../assets/', import.meta.url);
const built = readdirSync(DIST);
const one = (re: RegExp) => {
  const found = built.filter((n) => re.test(n));
  expect(found, `one file matching ${re} in dist/`).toHaveLength(1);
  return found[0];
};

const SCRIPTS: { file: () => string; source?: string; options: Options }[] = [
  { file: () => 'static.js', source: 'static.js', options: { ecmaVersion: 5, sourceType: 'script' } },
  { file: () => 'discreet.js', source: 'discreet.js', options: { ecmaVersion: 5, sourceType: 'script' } },
  { file: () => 'embed.js', source: 'embed.js', options: { ecmaVersion: 2021, sourceType: 'script' } },
  { file: () => one(/^rebuild-trust-[0-9a-f]+\.js$/), options: { ecmaVersion: 2022, sourceType: 'module' } },
  { file: () => one(/^rebuild-trust-[0-9a-f]+-split\.js$/), options: { ecmaVersion: 2022, sourceType: 'module' } },
  { file: () => one(/^boot-[0-9a-f]+\.js$/), options: { ecmaVersion: 2022, sourceType: 'module' } },
];

test('every built script is minified and still parses as the JavaScript version its source is written in', () => {
  for (const { file, source, options } of SCRIPTS) {
    const name = file();
    const code = readFileSync(new URL(name, DIST), 'utf8');
    expect(() => parse(code, options), `${name} as ECMAScript ${options.ecmaVersion}`).not.toThrow();
    // Minified: no comment left, and no line of the source's own indentation.
    expect(code, `${name} has no comments`).not.toMatch(/^\s*\/\/|\/\*/m);
    if (source) {
      // The version named above is the source's own, not a guess.
      const original = readFileSync(new URL(source, ASSETS), 'utf8');
      expect(() => parse(original, options), `assets/${source} as ECMAScript ${options.ecmaVersion}`).not.toThrow();
      expect(code.length, `${name} is smaller than its source`).toBeLessThan(original.length * 0.8);
    }
  }
});
