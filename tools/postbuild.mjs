// Trunk post-build hook: runs on the staging directory (TRUNK_STAGING_DIR)
// before it replaces dist/.
//
// Trunk writes its loader as an inline <script type="module">. The Content
// Security Policy allows no inline script, so each inline script moves into
// its own content-hashed file and index.html points at it.
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
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
