// A small static server for the release build, bound to 127.0.0.1 only.
//
//   node tools/serve.mjs [--port 8080] [--dir dist] [--test-hooks] [--frame-ancestors '…']
//
// A path without a file extension is served its page written at build time
// (/guide/tell-the-truth → guide/tell-the-truth.html, / → index.html) or else
// falls back to app.html, so deep links work on reload. /examples/ serves the embedding
// examples from examples/: pages of a counselling site, meant to be opened at
// http://localhost:PORT/examples/ so that the site (localhost) and the app it
// frames (127.0.0.1) are two origins, as they are when deployed. The
// cross-engine tests (engines/) start the same server in-process through
// `createStaticServer`.
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { brotliCompressSync, gzipSync, constants as zlib } from 'node:zlib';

const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

async function file(path) {
  try {
    const info = await stat(path);
    return info.isFile() ? path : null;
  } catch {
    return null;
  }
}

// Resolves a URL path inside `base`, refusing anything that climbs out of it.
function inside(base, urlPath) {
  const target = normalize(join(base, urlPath));
  return target === base || target.startsWith(base + '/') ? target : null;
}

// Compressing a megabyte of WebAssembly at brotli's top quality takes a moment:
// each distinct content is compressed once per encoding.
const cache = new Map();
function compressed(path, body, encoding) {
  const key = `${encoding}:${createHash('sha256').update(body).digest('hex')}`;
  if (!cache.has(key)) {
    cache.set(
      key,
      encoding === 'br'
        ? brotliCompressSync(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: body.length } })
        : gzipSync(body, { level: 9 }),
    );
  }
  return cache.get(key);
}

/**
 * The server, not yet listening. Options: `root` (the build, default dist/),
 * `port` (where it will listen: the examples name the app by its address),
 * `testHooks` (see below), `frameAncestors` (the sites allowed to frame the
 * app), `before(req, res)` (answers a request itself when it returns true) and
 * `html(body, path)` (rewrites every HTML page served).
 */
export function createStaticServer({
  root = resolve('dist'),
  port = 8080,
  testHooks = false,
  frameAncestors = `'self' http://localhost:${port}`,
  before,
  html,
} = {}) {
  const examples = resolve('examples');
  // Host pages: the examples, and with testHooks the end-to-end tests' own (e2e/hosts/).
  const hostDirs = [['/examples', examples], ...(testHooks ? [['/e2e-hosts', resolve('e2e/hosts')]] : [])];
  const appOrigin = `http://127.0.0.1:${port}`;
  return createServer(async (req, res) => {
    if (before?.(req, res)) return;
    let path;
    try {
      path = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname);
    } catch {
      res.writeHead(400).end('Bad request');
      return;
    }
    let found = null;
    const host = hostDirs.find(([prefix]) => path === prefix || path.startsWith(prefix + '/'));
    if (host) {
      const p = inside(host[1], path.slice(host[0].length) || '/');
      found = p && ((await file(p)) || (await file(join(p, 'index.html'))));
    } else {
      const p = inside(root, path);
      found = p && ((await file(p)) || (await file(join(p, 'index.html'))));
      // A page written at build time (/guide/tell-the-truth → guide/tell-the-truth.html),
      // else the single-page fallback, app.html, for every other screen.
      if (!found && p && !extname(path)) found = (await file(p.replace(/\/+$/, '') + '.html')) || (await file(join(root, 'app.html')));
    }
    if (!found) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
      return;
    }
    let body = await readFile(found);
    if (html && extname(found) === '.html') body = Buffer.from(html(body.toString('utf8'), path));
    const example = !!host;
    // The examples name the app as a real site would, by its full address
    // (http://127.0.0.1:8080/embed.js); here it is on this server's port.
    if (example && extname(found) === '.html') {
      body = Buffer.from(body.toString('utf8').replace(/http:\/\/127\.0\.0\.1:8080(?!\d)/g, appOrigin));
    }
    // For the end-to-end tests only (e2e/pwa.spec.ts), and only with
    // --test-hooks: a browser context that carries this cookie gets sw.js under
    // another version, as if from a new build; Playwright cannot intercept the
    // browser's own fetch of a worker.
    const testVersion = testHooks && /(?:^|;\s*)rt-test-sw-version=([0-9a-f]{16})(?:;|$)/.exec(req.headers.cookie ?? '')?.[1];
    if (testVersion && found === join(root, 'sw.js')) {
      body = Buffer.from(body.toString('utf8').replace(/const VERSION = "[0-9a-f]{16}";/, `const VERSION = "${testVersion}";`));
    }
    // Compressed as any real host would serve it, so Lighthouse and the
    // benchmark see what a phone downloads (PNG is compressed already).
    const accepts = req.headers['accept-encoding'] ?? '';
    const encoding = extname(found) === '.png' ? null : /\bbr\b/.test(accepts) ? 'br' : /\bgzip\b/.test(accepts) ? 'gzip' : null;
    if (encoding) body = compressed(found, body, encoding);
    // The app's page is never kept in the browser's history (its back/forward
    // cache), so Back after quick exit cannot bring the open app back as it was
    // (README, Deploying). With --test-hooks, a context carrying this cookie gets
    // the page as a bare static host would send it (e2e/faults.spec.ts).
    const bareHost = testHooks && /(?:^|;\s*)rt-test-history-cache=allow(?:;|$)/.test(req.headers.cookie ?? '');
    const page = extname(found) === '.html' && !example && !bareHost;
    res.writeHead(200, {
      // Everything, sw.js above all, is revalidated on every load, so a new
      // build's worker is found at once.
      'content-type': types[extname(found)] ?? 'application/octet-stream',
      'cache-control': page ? 'no-store' : 'no-cache',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      // Which sites may frame the app (a <meta> policy cannot say this). The
      // examples are a host site's pages, not the app.
      ...(extname(found) === '.html' && !example ? { 'content-security-policy': `frame-ancestors ${frameAncestors}` } : {}),
      vary: 'accept-encoding',
      ...(encoding ? { 'content-encoding': encoding } : {}),
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const arg = (name, fallback) => {
    const i = args.indexOf(name);
    return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
  };
  const port = Number(arg('--port', process.env.PORT ?? 8080));
  const root = resolve(arg('--dir', 'dist'));
  // Only the end-to-end tests pass this (playwright.config.ts); see above.
  const testHooks = args.includes('--test-hooks');
  const frameAncestors = arg('--frame-ancestors', `'self' http://localhost:${port}`);
  createStaticServer({ root, port, testHooks, frameAncestors }).listen(port, '127.0.0.1', () => {
    console.log(`serving ${root} on http://127.0.0.1:${port}`);
    console.log(`embedding examples (another origin, framing the app): http://localhost:${port}/examples/`);
  });
}
