// Code splitting, run by the post-build hook (tools/postbuild.mjs) on Trunk's
// staging directory.
//
// The app marks split points in src/ui/pages/mod.rs (the guide, the check, the
// journal and Settings). With the `split` feature, the linker keeps its
// relocations, and `wasm-split-cli` (crate wasm_split_cli_support) cuts the
// WebAssembly at those points: a main module with what the first screen needs,
// one file per split point, and shared chunks for code two of them use. This
// step then
//   1. splits Cargo's output,
//   2. runs wasm-bindgen on the main module (as Trunk did on the whole one),
//   3. runs wasm-opt -Oz on every piece (Trunk's own wasm-opt is off),
//   4. names every file by a hash of its contents, so a browser never mixes
//      pieces of two builds, and
//   5. replaces Trunk's JavaScript and WebAssembly in the staging directory
//      and in index.html, with fresh integrity hashes.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { transformSync } from 'esbuild';

const CRATE = 'rebuild-trust';
// What rustc's wasm32-unknown-unknown target enables (its target_features
// section); wasm-opt must know, or it rejects or undoes them.
const FEATURES = [
  '--enable-bulk-memory', '--enable-bulk-memory-opt', '--enable-call-indirect-overlong',
  '--enable-multivalue', '--enable-mutable-globals', '--enable-nontrapping-float-to-int',
  '--enable-reference-types', '--enable-sign-ext',
];

/** The one name in `names` that matches `re`; anything else stops the build. */
export function onlyOne(names, re, what) {
  const found = names.filter((n) => re.test(n));
  if (found.length !== 1) throw new Error(`expected one ${what} in the build, found ${found.length}`);
  return found[0];
}

const run = (cmd, args, options = {}) =>
  execFileSync(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', ...options });
/** The 16 hex digits every content-hashed file name of the build uses. */
export const hash = (bytes) => createHash('sha256').update(bytes).digest('hex').slice(0, 16);
const sri = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;

/**
 * `code` without its comments, spaces and long local names (esbuild).
 * `target` is the newest syntax the file already uses ('es5' for the scripts
 * written to run on old browsers too): the shorter forms esbuild picks are
 * never newer, so minifying never narrows which browsers can run it. `esm`
 * for a module, whose top-level names are its own; a classic script keeps
 * them, as other scripts could read them. Words stay as written (UTF-8).
 */
export function minifyJs(code, target, esm = false) {
  return transformSync(code, { minify: true, target, charset: 'utf8', legalComments: 'none', ...(esm ? { format: 'esm' } : {}) }).code;
}

/** ES2022: the loader's top-level `await`, the newest syntax of the app's modules. */
export const MODULES = 'es2022';

/**
 * `html` with the file `oldName` renamed `newName` everywhere, and the
 * integrity hash of the tag that loads it made that of `bytes`, its new
 * contents. A page with no such tag stops the build.
 */
export function relink(html, oldName, newName, bytes) {
  const re = new RegExp(`(<link\\b[^>]*href="/)${oldName.replace(/[.]/g, '\\.')}("[^>]*integrity=")[^"]*(")`);
  if (!re.test(html)) throw new Error(`index.html has no tag with an integrity hash for ${oldName}`);
  return html.replace(re, `$1${newName}$2${sri(bytes)}$3`).replaceAll(oldName, newName);
}

function cargoWasm() {
  const source = process.env.TRUNK_SOURCE_DIR ?? process.cwd();
  const meta = JSON.parse(run('cargo', ['metadata', '--no-deps', '--format-version', '1'], { cwd: source }));
  const profile = process.env.TRUNK_PROFILE === 'debug' ? 'debug' : 'release';
  return join(meta.target_directory, 'wasm32-unknown-unknown', profile, `${CRATE}.wasm`);
}

/**
 * Splits the app's WebAssembly. Returns the new names of the glue, main module
 * and loader, and `parts`: for each split point, the files it needs.
 */
export async function splitWasm(staging) {
  const built = await readdir(staging);
  const one = (re, what) => onlyOne(built, re, what);
  const oldGlue = one(new RegExp(`^${CRATE}-[0-9a-f]+\\.js$`), 'JavaScript glue file');
  const oldWasm = one(new RegExp(`^${CRATE}-[0-9a-f]+_bg\\.wasm$`), 'WebAssembly file');

  const work = await mkdtemp(join(tmpdir(), 'rt-split-'));
  try {
    run('wasm-split-cli', [cargoWasm(), work, '--out-name', 'main']);
    run('wasm-bindgen', ['--target', 'web', '--no-typescript', '--keep-lld-exports', '--out-dir', join(work, 'bg'), '--out-name', 'main', join(work, 'main.wasm')]);

    const optimise = (from) => {
      const out = `${from}.opt`;
      // RT_SPLIT_DEBUG=1 keeps function names, for readable stack traces.
      run('wasm-opt', ['-Oz', ...FEATURES, ...(process.env.RT_SPLIT_DEBUG ? ['-g'] : []), from, '-o', out]);
      return readFile(out);
    };
    const pieces = (await readdir(work)).filter((n) => n.endsWith('.wasm') && n !== 'main.wasm');
    if (pieces.length === 0) throw new Error('split: wasm-split-cli wrote no split modules; are the split points compiled in?');

    // Split modules and chunks: each named by its own contents.
    let link = await readFile(join(work, '__wasm_split.js'), 'utf8');
    const written = [];
    for (const piece of pieces) {
      const bytes = await optimise(join(work, piece));
      const name = `${CRATE}-${piece.replace(/\.wasm$/, '').replace(/_/g, '-')}-${hash(bytes)}.wasm`;
      const before = link;
      link = link.replaceAll(`"./${piece}"`, `"./${name}"`);
      if (link === before) throw new Error(`split: the loader does not mention ${piece}; has wasm-split-cli changed its output?`);
      await writeFile(join(staging, name), bytes);
      written.push(name);
    }

    // The main module, its glue and the loader refer to each other, so they
    // share one name: a hash over all of them and every split piece.
    const mainWasm = await optimise(join(work, 'bg', 'main_bg.wasm'));
    let glue = await readFile(join(work, 'bg', 'main.js'), 'utf8');
    const id = hash(Buffer.concat([mainWasm, Buffer.from(glue), Buffer.from(link)]));
    const names = { glue: `${CRATE}-${id}.js`, wasm: `${CRATE}-${id}_bg.wasm`, link: `${CRATE}-${id}-split.js` };

    const linkImport = /from "\.\/__wasm_split\.js"/g;
    if (!linkImport.test(glue)) throw new Error('split: the glue does not import the split loader; has wasm-bindgen changed its output?');
    glue = glue.replace(linkImport, `from "./${names.link}"`);
    if (!link.includes('from "./main.js"')) throw new Error('split: the loader does not import the glue; has wasm-split-cli changed its output?');
    link = link.replaceAll('from "./main.js"', `from "./${names.glue}"`);

    // Named by what they were before minifying: the same either way, and
    // `link` is read again below, as wasm-split-cli wrote it.
    const glueOut = minifyJs(glue, MODULES, true);
    const linkOut = minifyJs(link, MODULES, true);
    await writeFile(join(staging, names.glue), glueOut);
    await writeFile(join(staging, names.wasm), mainWasm);
    await writeFile(join(staging, names.link), linkOut);
    await rm(join(staging, oldGlue));
    await rm(join(staging, oldWasm));
    written.push(names.glue, names.wasm, names.link);

    // index.html: Trunk's preload tags and loader point at the old names,
    // with integrity hashes of the old contents.
    const indexPath = join(staging, 'index.html');
    let html = await readFile(indexPath, 'utf8');
    html = relink(html, oldGlue, names.glue, Buffer.from(glueOut));
    html = relink(html, oldWasm, names.wasm, mainWasm);
    // The glue imports the loader; preloading it saves a round trip before start.
    const gluePreload = new RegExp(`<link\\b[^>]*rel="modulepreload"[^>]*href="/${names.glue.replace(/[.]/g, '\\.')}"[^>]*>`);
    if (!gluePreload.test(html)) throw new Error('split: index.html has no modulepreload tag for the glue');
    html = html.replace(gluePreload, (tag) =>
      `${tag}<link rel="modulepreload" href="/${names.link}" crossorigin="anonymous" integrity="${sri(Buffer.from(linkOut))}">`);
    await writeFile(indexPath, html);

    // Which files each split point needs (its own and the shared chunks), as
    // the loader lists them, so a page opened at /guide can fetch them
    // alongside the main module instead of after it (tools/postbuild.mjs).
    const chunks = new Map([...link.matchAll(/const (__chunk_\d+) = makeLoad\(\(\) => \{\s*const src = fetch\(new URL\("\.\/([^"]+)"/g)].map((m) => [m[1], m[2]]));
    const parts = {};
    for (const m of link.matchAll(/export const __wasm_split_load_(\w+) = wrapAsyncCb\(makeLoad\(\(\) => \{\s*const src = fetch\(new URL\("\.\/([^"]+)"[\s\S]*?\n\}\s*, \[([^\]]*)\]\)\);/g)) {
      const deps = m[3].split(',').map((d) => d.trim()).filter(Boolean);
      parts[m[1]] = [m[2], ...deps.map((d) => {
        if (!chunks.has(d)) throw new Error(`split: the loader names ${d} but never defines it`);
        return chunks.get(d);
      })];
    }
    if (Object.keys(parts).length !== pieces.filter((p) => p.startsWith('split_')).length) {
      throw new Error('split: could not read which files each split point needs from the loader; has wasm-split-cli changed its output?');
    }

    const total = (await Promise.all(written.map((n) => readFile(join(staging, n))))).reduce((s, b) => s + b.length, 0);
    console.log(`split: main module ${mainWasm.length} bytes; ${pieces.length} split pieces; ${total} bytes in all`);
    return { ...names, parts };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
