// Rebuild Trust's service worker. This is a template: tools/postbuild.mjs
// fills in the version and the list of files at build time. It only ever
// answers same-origin GET requests, from the files listed here, and never
// touches a request for any other origin.
'use strict';

const VERSION = __RT_VERSION__;
const PREFIX = 'rt-offline-';
const CACHE = PREFIX + VERSION;
// The page for every screen without one of its own written at build time.
const FALLBACK = '/app.html';
const FILES = __RT_FILES__;
// Sent by the page's "Reload to update" (src/pwa.rs, ACTIVATE_MESSAGE).
const ACTIVATE = 'rt-activate';

// Keep every file. The new worker then waits: it takes over only when a page
// asks for it (the "Reload to update" button), never by itself.
self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) =>
      cache.addAll(FILES.map((url) => new Request(url, { cache: 'no-cache' }))),
    ),
  );
});

// Taking over: drop every older cache of ours, and serve the open pages.
self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(keys.filter((k) => k.startsWith(PREFIX) && k !== CACHE).map((k) => caches.delete(k))),
      )
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('message', (event) => {
  if (event.data && event.data.type === ACTIVATE) self.skipWaiting();
});

const pageFor = (pathname) => {
  const path = pathname.replace(/\/+$/, '');
  const page = path === '' ? '/index.html' : path + '.html';
  return FILES.includes(page) ? page : FALLBACK;
};

const fromCache = (key, request) =>
  caches.open(CACHE).then((cache) => cache.match(key)).then((hit) => hit || fetch(request));

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  // A screen is its page written at build time (/guide/tell-the-truth is
  // /guide/tell-the-truth.html), else the app's one page, so a deep link opens
  // offline too. (A path with a file extension is a file, not a screen; the
  // dev server's /examples/ pages are not part of the app.)
  if (request.mode === 'navigate' && !/\.[A-Za-z0-9]+$/.test(url.pathname) && !url.pathname.startsWith('/examples')) {
    event.respondWith(fromCache(pageFor(url.pathname), request));
    return;
  }
  event.respondWith(fromCache(request, request));
});
