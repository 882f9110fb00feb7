// Trunk post-build hook: runs on the staging directory (TRUNK_STAGING_DIR)
// before it replaces dist/.
//
// Trunk writes its loader as an inline <script type="module">. The Content
// Security Policy allows no inline script, so each inline script moves into
// its own content-hashed file and index.html points at it.
import { createHash } from 'node:crypto';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error('postbuild: TRUNK_STAGING_DIR is not set (run it through trunk build)');
  process.exit(1);
}
const indexPath = join(staging, 'index.html');
const html = await readFile(indexPath, 'utf8');

const files = [];
const rewritten = html.replace(/<script\b([^>]*)>([\s\S]*?)<\/script>/g, (tag, attrs, body) => {
  if (/\bsrc=/.test(attrs) || !body.trim()) return tag;
  const code = body.trim() + '\n';
  const name = `boot-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.js`;
  files.push([name, code]);
  const type = /type="module"/.test(attrs) ? ' type="module"' : '';
  return `<script${type} src="/${name}"></script>`;
});

if (files.length === 0) {
  console.error('postbuild: found no inline loader script in index.html; has Trunk changed its output?');
  process.exit(1);
}
for (const [name, code] of files) await writeFile(join(staging, name), code);
await writeFile(indexPath, rewritten);
console.log(`postbuild: moved ${files.length} inline script(s) into ${files.map(([n]) => n).join(', ')}`);

// embed.js: what a counselling site loads to show the app in its own page. It
// imports the very same hashed JavaScript and WebAssembly as the standalone
// app (no second copy), relative to its own URL, and gives each widget a
// shadow root with the app's stylesheet, so neither page's CSS reaches the other.
const names = await readdir(staging);
const pick = (re, what) => {
  const found = names.filter((n) => re.test(n));
  if (found.length !== 1) {
    console.error(`postbuild: expected one ${what} in the build, found ${found.length}`);
    process.exit(1);
  }
  return found[0];
};
const glue = pick(/^rebuild-trust-[0-9a-f]+\.js$/, 'JavaScript glue file');
const wasm = pick(/^rebuild-trust-[0-9a-f]+_bg\.wasm$/, 'WebAssembly file');
const css = pick(/^app-[0-9a-f]+\.css$/, 'stylesheet');
const embed = `// Rebuild Trust embed. Add to a page:
//   <script type="module" src="https://YOUR-COPY/embed.js"></script>
//   <rebuild-trust parts="check guide journal"></rebuild-trust>
// or <div data-rebuild-trust data-parts="guide"></div>. Options: see the README.
import init, { mount_widget } from './${glue}';

const here = new URL('.', import.meta.url);
let started;
const start = () => (started ??= init({ module_or_path: new URL('${wasm}', here) }));

function mount(host) {
  if (host.shadowRoot || host.dataset.rtMounted) return;
  host.dataset.rtMounted = '1';
  const root = host.attachShadow({ mode: 'open' });
  const style = document.createElement('link');
  style.rel = 'stylesheet';
  style.href = new URL('${css}', here).href;
  const box = document.createElement('div');
  root.append(style, box);
  start()
    .then(() => mount_widget(host, box))
    .catch((error) => {
      console.warn('Rebuild Trust widget could not start:', error);
      box.textContent = 'This tool could not be loaded. Please try again later.';
    });
}

if (!customElements.get('rebuild-trust')) {
  customElements.define('rebuild-trust', class extends HTMLElement {
    connectedCallback() {
      mount(this);
    }
  });
}
const mountDivs = () => document.querySelectorAll('div[data-rebuild-trust]').forEach(mount);
if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', mountDivs);
else mountDivs();
`;
await writeFile(join(staging, 'embed.js'), embed);
console.log(`postbuild: wrote embed.js (${glue}, ${wasm}, ${css})`);
