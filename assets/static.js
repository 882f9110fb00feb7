// The static pages (written at build time, src/ui/prerender.rs) before the
// app takes over, or without it: where WebAssembly is blocked (Lockdown Mode,
// a hardened browser) or fails to start. Same origin, so the Content Security
// Policy allows it. It changes nothing once the app has replaced the page.
(function () {
  'use strict';
  var EXIT = 'https://www.bbc.co.uk/weather'; // src/config.rs, DEFAULT_EXIT_URL
  var root = document.documentElement;
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
      var link = document.querySelector('[data-rt-static] a.rt-quick-exit');
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
    var shown = root.classList.contains('rt-discreet') ? null : document.querySelector('[data-rt-static] main');
    var main = shown || document.querySelector('#rt-root main');
    if (!main) return;
    var notice = document.createElement('section');
    notice.className = 'rt-notice rt-nowasm-notice';
    notice.setAttribute('aria-labelledby', 'rt-nowasm-h');
    var lines = [
      ['h2', 'You can read here, and the rest needs one more step'],
      ['p', 'The guide, help and privacy pages work as they are. The readiness check and the journal need WebAssembly, which this browser is not allowing for this site.'],
      ['p', 'In Lockdown Mode on an iPhone, iPad or Mac, you can allow it for this site only: in Safari, open the settings for this website and turn Lockdown Mode off for it. The rest of your device stays protected.'],
      ['p', 'Nothing you read here is sent anywhere.'],
    ];
    lines.forEach(function (line) {
      var el = document.createElement(line[0]);
      el.textContent = line[1];
      if (line[0] === 'h2') el.id = 'rt-nowasm-h';
      notice.append(el);
    });
    main.prepend(notice);
    // The menu, on a phone: the one control the pages need to get around.
    var toggle = document.querySelector('[data-rt-static] .rt-nav__toggle');
    var list = document.getElementById('rt-nav-list');
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
