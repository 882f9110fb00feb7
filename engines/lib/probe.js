// Loaded first in every HTML page the cross-engine tests serve (engines/lib/server.mjs
// adds it as a same-origin script, which the app's Content Security Policy allows).
// WebKitGTK's WebDriver offers no log API, so this is how the tests see, in every
// engine: console.error, uncaught errors and rejections, resources that failed to
// load, Content Security Policy refusals, and any resource fetched from another
// origin. Kept in sessionStorage so reloads and navigations within the tab keep them.
(() => {
  const KEY = '__engines_problems';
  const note = (kind, text) => {
    try {
      const list = JSON.parse(sessionStorage.getItem(KEY) || '[]');
      list.push(`${kind}: ${text} (at ${location.pathname})`);
      sessionStorage.setItem(KEY, JSON.stringify(list));
    } catch {
      // Storage refused: nothing better to do than keep going.
    }
  };
  const show = (v) => (v instanceof Error ? `${v.name}: ${v.message}` : typeof v === 'object' ? safeJson(v) : String(v));
  const safeJson = (v) => {
    try {
      return JSON.stringify(v);
    } catch {
      return String(v);
    }
  };
  const error = console.error;
  console.error = function (...args) {
    note('console.error', args.map(show).join(' '));
    return error.apply(this, args);
  };
  addEventListener(
    'error',
    (e) => {
      if (e.target && e.target !== window && (e.target.src || e.target.href)) {
        note('failed to load', e.target.src || e.target.href);
      } else {
        note('uncaught', e.message || show(e.error));
      }
    },
    true,
  );
  addEventListener('unhandledrejection', (e) => note('unhandled rejection', show(e.reason)));
  document.addEventListener('securitypolicyviolation', (e) => note('blocked by CSP', `${e.violatedDirective} ${e.blockedURI}`));
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        if (new URL(entry.name, location.href).origin !== location.origin && !/^(blob|data):/.test(entry.name)) {
          note('request to another origin', entry.name);
        }
      }
    }).observe({ type: 'resource', buffered: true });
  } catch {
    note('probe', 'PerformanceObserver is missing');
  }
  window.__enginesProbe = true;
})();
