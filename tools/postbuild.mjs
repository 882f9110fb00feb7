// Trunk post-build hook: runs on the staging directory (TRUNK_STAGING_DIR)
// before it replaces dist/.
//
// 0. It splits the WebAssembly into the first screen's part and parts
//    fetched on demand (tools/split.mjs), and minifies the stylesheet.
// 1. Trunk writes its loader as an inline <script type="module">. The Content
//    Security Policy allows no inline script, so each inline script moves into
//    its own content-hashed file and index.html points at it.
// 2. It fills in embed.js (template: assets/embed.js), the script counselling
//    sites use to embed the app.
// 3. It writes the static pages: Home, every guide step, the whole guide,
//    Help and Privacy, rendered by the app's own components (src/bin/prerender.rs);
//    Trunk's index.html stays as app.html, the page for every other path.
// 4. It then writes the service worker, sw.js, listing every file of the build
//    (see the end of this file).
import { createHash } from 'node:crypto';
import { readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { MODULES, hash, minifyJs, onlyOne, relink, splitWasm } from './split.mjs';
import { parse as parseToml } from 'smol-toml';
import { transform as transformCss } from 'lightningcss';

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error('postbuild: TRUNK_STAGING_DIR is not set (run it through trunk build)');
  process.exit(1);
}
const { glue, wasm, parts } = await splitWasm(staging);

// The stylesheet without its comments and spaces, most of its bytes, by
// lightningcss (what Trunk's own --minify uses, which would also minify
// index.html, whose tags the steps below read). No browser targets: it
// rewrites nothing newer, such as light-dark(), only shortens. Named by its new
// contents, with index.html's tag and integrity hash to match.
const css = await (async () => {
  const old = onlyOne(await readdir(staging), /^app-[0-9a-f]+\.css$/, 'stylesheet');
  const source = await readFile(join(staging, old));
  const { code } = transformCss({ filename: old, code: source, minify: true });
  const name = `app-${hash(code)}.css`;
  const page = join(staging, 'index.html');
  await writeFile(page, relink(await readFile(page, 'utf8'), old, name, code));
  await writeFile(join(staging, name), code);
  await rm(join(staging, old));
  console.log(`postbuild: stylesheet ${source.length} → ${code.length} bytes (${name})`);
  return name;
})();

// Opened straight at a part of the app (/guide/..., /journal, ...), the page
// fetches that part's files alongside the main module rather than after it.
// The first path segment names the part (src/route.rs); a file fetched here
// is the one the split loader fetches later (same URL, same CORS mode).
const preloadParts = `{
  const parts = ${JSON.stringify(parts)};
  const files = parts[location.pathname.split('/')[1]] ?? [];
  for (const file of files) {
    const link = document.createElement('link');
    link.rel = 'preload';
    link.as = 'fetch';
    link.type = 'application/wasm';
    link.crossOrigin = 'anonymous';
    link.href = '/' + file;
    document.head.append(link);
  }
}
`;

// A page written at build time already shows its words: the app's JavaScript
// and WebAssembly (and a part's files) are fetched once they are on the screen,
// not alongside the stylesheet, which on a slow link they would slow down. So
// the loader waits for the browser's first contentful paint (reported once the
// frame is shown, not merely drawn), then imports the glue (see deferGlue), and
// the preload tags of the glue, the split loader and the WebAssembly are taken
// off those pages below; app.html, whose first paint says only "Opening…",
// keeps them. In a hidden tab, which paints nothing, it starts at once; where
// paints are not reported, after two frames; and in any case within 3 s.
const afterStaticPaint = `if (document.querySelector('[data-rt-static]')) {
  await new Promise((resolve) => {
    if (document.visibilityState === 'hidden') return resolve();
    addEventListener('visibilitychange', resolve, { once: true });
    setTimeout(resolve, 3000);
    if (PerformanceObserver.supportedEntryTypes?.includes('paint')) {
      new PerformanceObserver((list) => {
        if (list.getEntriesByName('first-contentful-paint').length) resolve();
      }).observe({ type: 'paint', buffered: true });
    } else {
      requestAnimationFrame(() => requestAnimationFrame(resolve));
    }
  });
}
`;

// Where WebAssembly is blocked (Lockdown Mode) or fails to start, the loader
// says so to assets/static.js, which explains it on the page, instead of
// leaving an uncaught error and "Opening…" for ever.
function reportFailure(loader) {
  const start = loader.indexOf('const wasm = await init(');
  if (start < 0) {
    console.error('postbuild: the loader has no "const wasm = await init("; has Trunk changed its output?');
    process.exit(1);
  }
  return `${loader.slice(0, start)}try {
${loader.slice(start)}
} catch (error) {
  console.warn('Rebuild Trust could not start its WebAssembly:', error);
  dispatchEvent(new CustomEvent('rt-nowasm'));
}`;
}

// Trunk's loader imports the glue with a static import, which the browser
// fetches before the loader runs at all, so before any wait. A dynamic import
// after the wait fetches it after the first paint; the bindings are the same
// module namespace.
function deferGlue(loader) {
  const re = /import init, \* as bindings from '([^']+)';/;
  const found = loader.match(re);
  if (!found) {
    console.error('postbuild: the loader has no "import init, * as bindings from"; has Trunk changed its output?');
    process.exit(1);
  }
  return loader.replace(re, `const bindings = await import('${found[1]}');\nconst init = bindings.default;`);
}

const indexPath = join(staging, 'index.html');
const html = await readFile(indexPath, 'utf8');

const files = [];
const rewritten = html.replace(/<script\b([^>]*)>([\s\S]*?)<\/script>/g, (tag, attrs, body) => {
  if (/\bsrc=/.test(attrs) || !body.trim()) return tag;
  const loader = /\binit\b/.test(body);
  const module = /type="module"/.test(attrs);
  const code = minifyJs(loader ? afterStaticPaint + preloadParts + reportFailure(deferGlue(body.trim())) : body.trim(), MODULES, module);
  const name = `boot-${hash(code)}.js`;
  files.push([name, code]);
  const type = module ? ' type="module"' : '';
  return `<script${type} src="/${name}"></script>`;
});

if (files.length === 0) {
  console.error('postbuild: found no inline loader script in index.html; has Trunk changed its output?');
  process.exit(1);
}
for (const [name, code] of files) await writeFile(join(staging, name), code);
await writeFile(indexPath, rewritten);
console.log(`postbuild: moved ${files.length} inline script(s) into ${files.map(([n]) => n).join(', ')}`);

// embed.js: what a counselling site loads to show the app on its page. The
// template, assets/embed.js, frames the app from its own origin by default; for
// isolation="none" it imports the very same hashed JavaScript, WebAssembly and
// stylesheet as the standalone app (no second copy). Only the file names are filled in.
const template = await readFile(new URL('../assets/embed.js', import.meta.url), 'utf8');
// The words embed.js shows on the host page, per locale: every file of
// src/content/<locale>/ui/ read as the build reads them.
const contentDir = new URL('../src/content/', import.meta.url);
const words = {};
const noWasm = {}; // what assets/static.js says where WebAssembly cannot run
for (const entry of await readdir(contentDir, { withFileTypes: true })) {
  if (!entry.isDirectory()) continue;
  const ui = {};
  const dir = new URL(`${entry.name}/ui/`, contentDir);
  for (const file of (await readdir(dir)).filter((f) => f.endsWith('.toml'))) {
    Object.assign(ui, parseToml(await readFile(new URL(file, dir), 'utf8')));
  }
  const exit = ui.components?.quick_exit;
  const failed = ui.embed?.load_failed;
  if (typeof exit !== 'string' || typeof failed !== 'string') {
    console.error(`postbuild: src/content/${entry.name}/ui/ lacks [components] quick_exit or [embed] load_failed`);
    process.exit(1);
  }
  words[entry.name] = { exit, failed };
  const said = ui.no_wasm ?? {};
  const lines = ['heading', 'can_read', 'lockdown', 'nothing_sent'].map((key) => said[key]);
  if (lines.some((line) => typeof line !== 'string')) {
    console.error(`postbuild: src/content/${entry.name}/ui/ lacks a line of [no_wasm]`);
    process.exit(1);
  }
  noWasm[entry.name] = lines;
}
const embed = fill('assets/embed.js', template, {
  __RT_GLUE__: JSON.stringify(glue),
  __RT_WASM__: JSON.stringify(wasm),
  __RT_CSS__: JSON.stringify(css),
  __RT_WORDS__: JSON.stringify(words),
});
// ES2021 (`??=`): it runs on the host's page, whatever that page needs.
await writeFile(join(staging, 'embed.js'), minifyJs(embed, 'es2021'));
console.log(`postbuild: wrote embed.js (${glue}, ${wasm}, ${css})`);

// static.js: its words where WebAssembly cannot run, in every locale.
{
  const path = join(staging, 'static.js');
  const script = fill('assets/static.js', await readFile(path, 'utf8'), { __RT_WORDS__: JSON.stringify(noWasm) });
  await writeFile(path, minifyJs(script, 'es5'));
}
// discreet.js runs before the first paint: the smaller, the sooner.
await writeFile(join(staging, 'discreet.js'), minifyJs(await readFile(join(staging, 'discreet.js'), 'utf8'), 'es5'));

// The static pages, by the app's own components, natively (src/bin/prerender.rs).
execFileSync('cargo', ['run', '--locked', '--quiet', '--bin', 'prerender', '--', staging], { stdio: 'inherit' });
{
  // Their words come first: no preload of the main WebAssembly, the glue or
  // the split loader (see afterStaticPaint).
  const preloadTag = new RegExp(`<link rel="preload" href="/${wasm.replace(/[.]/g, '\\.')}"[^>]*>`);
  const modulePreloads = /<link rel="modulepreload"[^>]*>/g;
  let pages = 0;
  for (const name of await readdir(staging, { recursive: true })) {
    if (!name.endsWith('.html') || name === 'app.html') continue;
    const page = await readFile(join(staging, name), 'utf8');
    if (!page.includes('data-rt-static')) continue;
    if (!preloadTag.test(page)) {
      console.error(`postbuild: ${name} has no preload tag for ${wasm}; has Trunk changed its output?`);
      process.exit(1);
    }
    // The glue and the split loader: the loader imports them after the paint.
    const modules = page.match(modulePreloads) ?? [];
    if (modules.length !== 2) {
      console.error(`postbuild: ${name} has ${modules.length} module preload tags, not the glue's and the split loader's; has Trunk changed its output?`);
      process.exit(1);
    }
    await writeFile(join(staging, name), page.replace(preloadTag, '').replace(modulePreloads, ''));
    pages++;
  }
  console.log(`postbuild: ${pages} pages written at build time fetch the WebAssembly after their first paint`);
}

// ---------- the service worker ----------
//
// Writes sw.js: every file of the build the app needs, and a version computed
// from their contents, baked in. A build that changes any file changes the
// version, so browsers install the new worker, which keeps its files in a new
// cache; the old cache is deleted only once the new worker takes over, and it
// takes over only when the page asks (src/pwa.rs: "Reload to update").
const SW = 'sw.js';
const precached = (name) =>
  name !== SW && /\.(html|js|wasm|css|svg|png|webmanifest)$/.test(name);

async function listFiles(dir, prefix = '') {
  const out = [];
  for (const entry of await readdir(join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...(await listFiles(dir, rel)));
    else if (entry.isFile() && precached(rel)) out.push(rel);
  }
  return out;
}

const names = (await listFiles(staging)).sort();
for (const needed of ['index.html', 'app.html', 'guide/all.html', 'manifest.webmanifest', 'discreet.js', 'static.js', 'notes.svg']) {
  if (!names.includes(needed)) {
    console.error(`postbuild: ${needed} is missing from the build; the offline copy would be incomplete`);
    process.exit(1);
  }
}
if (!names.some((n) => n.endsWith('.wasm'))) {
  console.error('postbuild: found no .wasm in the build; has Trunk changed its output?');
  process.exit(1);
}
const whole = createHash('sha256');
for (const name of names) {
  const digest = createHash('sha256').update(await readFile(join(staging, name))).digest('hex');
  whole.update(`${name}\0${digest}\n`);
}
const version = whole.digest('hex').slice(0, 16);
const urls = names.map((n) => `/${n}`);
await writeFile(join(staging, SW), await serviceWorker(version, urls));
console.log(`postbuild: wrote ${SW} (version ${version}, ${urls.length} files)`);

// The worker itself is assets/sw.js, a template: its two placeholders take
// the version and the list of files.
async function serviceWorker(version, urls) {
  const template = await readFile(new URL('../assets/sw.js', import.meta.url), 'utf8');
  return fill('assets/sw.js', template, {
    __RT_VERSION__: JSON.stringify(version),
    __RT_FILES__: JSON.stringify(urls, null, 2),
  });
}

/**
 * Fills a script template's placeholders, the `__RT_NAME__` words, with
 * `fills` (each already written as the JavaScript it stands for). The build
 * stops on a placeholder with no value, and on a value the template no longer
 * asks for: either means the template and this step have drifted apart.
 */
function fill(name, template, fills) {
  const used = new Set();
  const filled = template.replace(/__RT_[A-Z]+__/g, (word) => {
    if (!Object.hasOwn(fills, word)) {
      console.error(`postbuild: ${name} has a placeholder this step does not fill: ${word}`);
      process.exit(1);
    }
    used.add(word);
    return fills[word];
  });
  for (const word of Object.keys(fills)) {
    if (!used.has(word)) {
      console.error(`postbuild: ${name} no longer uses ${word}; has the template changed?`);
      process.exit(1);
    }
  }
  return filled;
}
