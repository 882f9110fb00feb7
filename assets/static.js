// The static pages (written at build time, src/ui/prerender.rs) before the
// app takes over, or without it: where WebAssembly is blocked (Lockdown Mode,
// a hardened browser) or fails to start. Same origin, so the Content Security
// Policy allows it. It changes nothing once the app has replaced the page.
(function () {
  'use strict';
  var EXIT = 'https://www.bbc.co.uk/weather'; // src/config.rs, DEFAULT_EXIT_URL
  var root = document.documentElement;
  // What it says where WebAssembly cannot run, per locale, from
  // src/content/<locale>/ui/page.toml (tools/postbuild.mjs fills them in).
  var WORDS = __RT_WORDS__;
  // The page is written once per locale; the one shown is the one
  // assets/discreet.js picked (<html data-rt-locale>), else English.
  function shownCopy() {
    var locale = root.getAttribute('data-rt-locale') || 'en';
    return document.querySelector('[data-rt-static="' + locale + '"]') || document.querySelector('[data-rt-static]');
  }
  // The copies in the other languages are never shown: gone before the page
  // is in use, they cost nothing more to lay out, to read aloud or to replace.
  function keepShownCopy() {
    var shown = shownCopy();
    document.querySelectorAll('[data-rt-static]').forEach(function (copy) {
      if (copy !== shown) copy.remove();
    });
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', keepShownCopy);
  else keepShownCopy();
  // The app replaces [data-rt-static] (or the first paint) when it starts.
  function waiting() {
    return !!document.querySelector('#rt-root > [data-rt-static], #rt-root > .rt-app, #rt-root > .rt-neutral');
  }
  function leave(url) {
    // Replaced, not followed: Back does not come back here.
    location.replace(url || EXIT);
  }

  // Quick exit: the header's link, and Shift pressed three times.
  document.addEventListener('click', function (event) {
    var link = event.target instanceof Element && event.target.closest('[data-rt-static] a.rt-quick-exit');
    if (link && waiting()) {
      event.preventDefault();
      leave(link.href);
    }
  });
  var presses = [];
  addEventListener('keydown', function (event) {
    if (!waiting()) return;
    if (event.key !== 'Shift') {
      presses = [];
      return;
    }
    if (event.repeat) return;
    var now = Date.now();
    presses = presses.filter(function (t) { return now - t < 2000; });
    presses.push(now);
    if (presses.length >= 3) {
      var copy = shownCopy();
      var link = copy && copy.querySelector('a.rt-quick-exit');
      leave(link && link.href);
    }
  });

  // Without the app: a calm word on what needs it, and how to allow it here.
  var told = false;
  function tell() {
    if (told || !waiting()) return;
    told = true;
    root.classList.add('rt-nowasm');
    // The page's main that shows: the static page's, or in discreet mode
    // (or on app.html) the first paint's.
    var copy = root.classList.contains('rt-discreet') ? null : shownCopy();
    var main = (copy && copy.querySelector('main')) || document.querySelector('#rt-root main');
    if (!main) return;
    var locale = copy ? copy.getAttribute('data-rt-static') : root.getAttribute('data-rt-locale') || 'en';
    var words = WORDS[locale] || WORDS.en;
    var notice = document.createElement('section');
    notice.className = 'rt-notice rt-nowasm-notice';
    notice.setAttribute('aria-labelledby', 'rt-nowasm-h');
    words.forEach(function (line, i) {
      var el = document.createElement(i === 0 ? 'h2' : 'p');
      el.textContent = line;
      if (i === 0) el.id = 'rt-nowasm-h';
      notice.append(el);
    });
    main.prepend(notice);
    // The menu, on a phone: the one control the pages need to get around.
    var toggle = copy && copy.querySelector('.rt-nav__toggle');
    var list = toggle && document.getElementById(toggle.getAttribute('aria-controls'));
    if (toggle && list) {
      toggle.addEventListener('click', function () {
        var open = !list.hasAttribute('data-open');
        if (open) list.setAttribute('data-open', '');
        else list.removeAttribute('data-open');
        toggle.setAttribute('aria-expanded', String(open));
      });
    }
  }
  // The app's loader says when WebAssembly fails (tools/postbuild.mjs).
  addEventListener('rt-nowasm', tell);
  if (typeof WebAssembly !== 'object') {
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', tell);
    else tell();
  }
})();
