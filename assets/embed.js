// Rebuild Trust on a counselling site's page. Add to the page:
//   <script src="https://YOUR-COPY/embed.js" defer referrerpolicy="no-referrer"></script>
//   <rebuild-trust parts="check guide journal"></rebuild-trust>
// or <div data-rebuild-trust data-parts="guide"></div>. Options: see the README.
//
// Each widget is an <iframe> from the app's own origin (where this file came
// from), so this page's scripts can read neither its storage nor its DOM nor
// the keys typed into it. The frame gets its options in the URL fragment (never
// sent to a server) and talks back only by postMessage: its height, warnings
// about bad options, discreet mode, the words on its quick exit, and requests
// for quick exit or the contact link, which only this page can perform.
// isolation="none" renders the app in this page instead, in a shadow root, for
// a site that serves the app from its own origin and accepts that its own
// scripts can then read everything.
//
// tools/postbuild.mjs fills in the build's file names (the __RT_…__ words).
// Everything is inside this function: no globals, and no styles but the
// widget's own, inside its shadow root.
(() => {
  'use strict';
  const script =
    document.currentScript || document.querySelector('script[src$="/embed.js"], script[src="embed.js"]');
  if (!script || !script.src) return;
  const here = new URL('.', script.src);
  const DEFAULT_EXIT = 'https://www.bbc.co.uk/weather';
  const OPTIONS = [
    'parts', 'start', 'accent', 'theme', 'lang', 'practice-name', 'contact-url',
    'crisis-text', 'crisis-number', 'exit-url', 'namespace', 'quick-exit-keys',
  ];
  const option = (host, name) => {
    const value = host.getAttribute(name) ?? host.getAttribute('data-' + name);
    return value === null ? null : value.trim();
  };
  const warn = (text) => console.warn('Rebuild Trust widget: ' + text);

  // What this page needs to act for a frame, even one that has stopped
  // responding: where quick exit goes, and the contact link. Checked as the
  // app checks them (src/config.rs); the app explains any bad value.
  const exitUrl = (host) => {
    const url = option(host, 'exit-url') || '';
    return /^https?:\/\//.test(url) ? url : DEFAULT_EXIT;
  };
  const contactUrl = (host) => {
    const url = option(host, 'contact-url') || '';
    return /^(https:\/\/|mailto:|tel:)/.test(url) && !/[\s"<]/.test(url) ? url : null;
  };

  // Quick exit: hide every widget at once, then replace this page, so Back
  // does not return to it.
  const frames = new Map(); // the frame's window → { host, iframe, exit }
  const leave = (url) => {
    for (const { iframe, exit } of frames.values()) {
      iframe.style.setProperty('visibility', 'hidden', 'important');
      exit.rail.hidden = true;
    }
    location.replace(url);
  };

  // The framed app's quick exit is in its header, at the top of the frame, and
  // the frame is as tall as its content, so on a long screen that header
  // scrolls away with this page. While some of the widget is on screen but the
  // frame's top is not, this page shows a quick exit of its own at the top of
  // the screen, over the widget's right edge, where the header's was. It needs
  // nothing from the frame but its words, so it works even when the app has
  // stopped responding. It covers a corner of the widget only while the
  // header's is gone, and is an opaque, labelled button, never a clear layer.
  //
  // position: fixed, not sticky: a sticky button stops sticking inside any
  // ancestor that clips (overflow: hidden, as sites often round a widget's
  // corners, the practice example among them). Its left edge is where it
  // stands in the widget's column (no left given), its width the column's.
  // Styled by a constructed stylesheet in the shadow root, which a host page's
  // Content Security Policy does not refuse as it would a <style> element.
  // The words this script shows on the host page itself, per locale, from
  // src/content/<locale>/ui/ (tools/postbuild.mjs fills them in). A widget
  // speaks its `lang`, else the browser's first language the app has, as the
  // app chooses; a frame then sends the words its own quick exit shows.
  const WORDS = __RT_WORDS__;
  const words = (host) => {
    const tags = [option(host, 'lang') ?? '', ...(navigator.languages ?? [navigator.language])];
    for (const tag of tags) {
      const id = String(tag ?? '').trim().split(/[-_]/)[0].toLowerCase();
      if (Object.hasOwn(WORDS, id)) return WORDS[id];
    }
    return WORDS.en;
  };
  const EXIT_STRIP = 64; // px at the top of the screen the button may cover
  const EXIT_CSS = `
    .rt-embed { all: initial !important; display: block !important; position: relative !important; }
    .rt-embed-top {
      all: initial !important; display: block !important; position: absolute !important; top: 0 !important;
      left: 0 !important; width: 1px !important; height: 1px !important; visibility: hidden !important;
      pointer-events: none !important;
    }
    .rt-embed-exit {
      --rt-exit-bg: #a4262c; --rt-exit-text: #ffffff; --rt-exit-rim: #ffffff; --rt-exit-ring: #14171b;
      all: initial !important; position: fixed !important; top: 0 !important; z-index: 2147483647 !important;
      display: flex !important; justify-content: flex-end !important; box-sizing: border-box !important;
      max-width: 100vw !important; padding: 6px 8px !important; pointer-events: none !important;
    }
    .rt-embed-exit[data-theme="dark"] {
      --rt-exit-bg: #ff8f8f; --rt-exit-text: #14171b; --rt-exit-rim: #14171b; --rt-exit-ring: #ffffff;
    }
    @media (prefers-color-scheme: dark) {
      .rt-embed-exit:not([data-theme="light"]) {
        --rt-exit-bg: #ff8f8f; --rt-exit-text: #14171b; --rt-exit-rim: #14171b; --rt-exit-ring: #ffffff;
      }
    }
    .rt-embed-exit[hidden] { display: none !important; }
    .rt-embed-exit__button {
      all: initial !important; pointer-events: auto !important; box-sizing: border-box !important;
      display: inline-flex !important; align-items: center !important; justify-content: center !important;
      min-width: 44px !important; min-height: max(44px, 2.75rem) !important; max-width: 100% !important;
      padding: 6px max(12px, 0.75rem) !important; border: 2px solid var(--rt-exit-rim) !important;
      border-radius: 999px !important; background: var(--rt-exit-bg) !important; color: var(--rt-exit-text) !important;
      font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif !important;
      font-size: max(17px, 1.0625rem) !important; font-weight: 700 !important; line-height: 1.2 !important;
      white-space: nowrap !important; overflow: hidden !important; text-overflow: ellipsis !important;
      cursor: pointer !important; box-shadow: 0 2px 8px rgb(0 0 0 / 0.35) !important;
    }
    .rt-embed-exit__button:focus-visible {
      outline: 3px solid var(--rt-exit-rim) !important; outline-offset: 0 !important;
      box-shadow: 0 0 0 6px var(--rt-exit-ring) !important;
    }
    @media print { .rt-embed-exit { display: none !important; } }
  `;
  let exitSheet;
  function exitStyles(root) {
    try {
      if (!exitSheet) {
        exitSheet = new CSSStyleSheet();
        exitSheet.replaceSync(EXIT_CSS);
      }
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, exitSheet];
    } catch {
      // A browser without constructed stylesheets (before 2023).
      const style = document.createElement('style');
      style.textContent = EXIT_CSS;
      root.prepend(style);
    }
  }

  function keepExitInView(host, column) {
    const top = document.createElement('div');
    top.className = 'rt-embed-top';
    const rail = document.createElement('div');
    rail.className = 'rt-embed-exit';
    rail.hidden = true;
    const theme = option(host, 'theme');
    if (theme === 'light' || theme === 'dark') rail.dataset.theme = theme;
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'rt-embed-exit__button';
    button.textContent = words(host).exit;
    button.addEventListener('click', () => leave(exitUrl(host)));
    rail.append(button);
    column.append(top, rail);
    if (typeof IntersectionObserver !== 'function') return { rail, button };
    // Each observer speaks only when its target crosses the screen's edge, so
    // each also says where the frame's top is: one scroll can take the top
    // from below the screen to above it without the marker ever crossing.
    let inView = false;
    let topGone = false;
    const last = (entries) => entries[entries.length - 1];
    const update = () => {
      rail.hidden = !(inView && topGone);
    };
    // Some of the widget is on screen, below the strip the button covers.
    new IntersectionObserver(
      (entries) => {
        const entry = last(entries);
        inView = entry.isIntersecting;
        topGone = entry.boundingClientRect.top < 0;
        update();
      },
      { rootMargin: `-${EXIT_STRIP}px 0px 0px 0px` },
    ).observe(column);
    // The frame's top edge (a marker one pixel high) has gone above the screen.
    new IntersectionObserver((entries) => {
      const entry = last(entries);
      topGone = !entry.isIntersecting && entry.boundingClientRect.top < 0;
      update();
    }).observe(top);
    if (typeof ResizeObserver === 'function') {
      new ResizeObserver((entries) => {
        rail.style.setProperty('width', last(entries).contentRect.width + 'px', 'important');
      }).observe(column);
    }
    return { rail, button };
  }

  // Shift pressed three times, nothing between, within two seconds (as in
  // src/ui: the app does the same for keys pressed inside the frame).
  const shiftThrice = (onExit) => {
    let presses = [];
    return (event) => {
      if (event.key !== 'Shift') return void (presses = []);
      if (event.repeat) return;
      const now = Date.now();
      presses = presses.filter((t) => now - t < 2000).concat(now);
      if (presses.length >= 3) {
        presses = [];
        onExit();
      }
    };
  };

  // Only messages the browser delivered (not events this page's scripts made
  // up), from one of our frames, from the app's origin, in a known shape.
  addEventListener('message', (event) => {
    const widget = frames.get(event.source);
    const data = event.data;
    if (!event.isTrusted || !widget || event.origin !== here.origin || !data || typeof data !== 'object') return;
    const { host, iframe } = widget;
    switch (data.rt) {
      case 'height':
        if (Number.isInteger(data.height) && data.height >= 0 && data.height <= 100000) {
          iframe.style.setProperty('height', data.height + 'px', 'important');
        }
        break;
      case 'warnings':
        if (Array.isArray(data.warnings) && data.warnings.every((w) => typeof w === 'string')) {
          data.warnings.forEach(warn);
        }
        break;
      case 'discreet':
        if (typeof data.on === 'boolean') iframe.title = data.on ? 'Notes' : 'Rebuild Trust';
        break;
      case 'exit-label': {
        // The words on the app's own quick exit, in its language.
        const label = typeof data.label === 'string' ? data.label.trim() : '';
        if (label && label.length <= 40) widget.exit.button.textContent = label;
        break;
      }
      case 'exit':
        leave(exitUrl(host));
        break;
      case 'contact': {
        const url = contactUrl(host);
        if (url) location.assign(url);
        break;
      }
      case 'focus': {
        // A control inside took focus. Where this page's own quick exit shows
        // over the top of the screen, a control under it is brought in below.
        const { top, bottom } = data;
        if (!Number.isInteger(top) || !Number.isInteger(bottom) || widget.exit.rail.hidden) break;
        const frameTop = iframe.getBoundingClientRect().top;
        const below = widget.exit.rail.getBoundingClientRect().bottom;
        if (frameTop + top < below && frameTop + bottom > 0) scrollBy(0, frameTop + top - below - 8);
        break;
      }
    }
  });

  function frame(host, root) {
    if (here.origin === location.origin) {
      warn(
        'this page and the app share the origin ' + location.origin + ', so the frame does not keep ' +
          'what people write from this page\'s scripts. Serve the app from an origin of its own (see the README).',
      );
    }
    if (option(host, 'service-worker')) warn('service-worker: a framed app registers none (see the README), ignored');
    const pairs = ['rt-frame'];
    for (const name of OPTIONS) {
      const value = option(host, name);
      if (value) pairs.push(encodeURIComponent(name) + '=' + encodeURIComponent(value));
    }
    const iframe = document.createElement('iframe');
    iframe.title = 'Rebuild Trust';
    // Scripts; its own origin's storage; its forms (handled by script: the
    // app's policy, form-action 'none', lets none be sent anywhere); downloads
    // for backups; tel: and mailto: links (the crisis line). Never this page:
    // quick exit and the contact link go through this script.
    iframe.sandbox =
      'allow-scripts allow-same-origin allow-forms allow-downloads allow-top-navigation-to-custom-protocols';
    // The camera only for the app's own origin (the frame's src), to scan a
    // partner's share code; the browser still asks the person first.
    iframe.allow = "camera; microphone 'none'; geolocation 'none'; payment 'none'; usb 'none'; fullscreen 'none'; clipboard-read 'none'; display-capture 'none'";
    iframe.referrerPolicy = 'no-referrer';
    for (const [name, value] of [
      ['display', 'block'], ['width', '100%'], ['height', '20rem'], ['border', '0'], ['margin', '0'],
      ['padding', '0'], ['background', 'transparent'], ['box-sizing', 'border-box'], ['visibility', 'visible'],
    ]) {
      iframe.style.setProperty(name, value, 'important');
    }
    // app.html: the app's page with no screen written into it (a static page
    // would show its own screen before the frame's options apply).
    iframe.src = new URL('app.html#' + pairs.join('&'), here).href;
    const column = document.createElement('div');
    column.className = 'rt-embed';
    exitStyles(root);
    const exit = keepExitInView(host, column);
    column.append(iframe);
    root.append(column);
    frames.set(iframe.contentWindow, { host, iframe, exit });
    // Keys on this page work even when the frame has stopped responding.
    if (option(host, 'quick-exit-keys') === 'page') {
      document.addEventListener('keydown', shiftThrice(() => leave(exitUrl(host))), true);
    }
  }

  let started;
  function inPage(host, root) {
    const style = document.createElement('link');
    style.rel = 'stylesheet';
    style.href = new URL(__RT_CSS__, here).href;
    const box = document.createElement('div');
    root.append(style, box);
    started ??= import(new URL(__RT_GLUE__, here).href).then((app) =>
      app.default({ module_or_path: new URL(__RT_WASM__, here) }).then(() => app),
    );
    started
      .then((app) => app.mount_widget(host, box))
      .catch((error) => {
        console.warn('Rebuild Trust widget could not start:', error);
        box.textContent = words(host).failed;
      });
  }

  function mount(host) {
    if (host.shadowRoot || host.dataset.rtMounted) return;
    host.dataset.rtMounted = '1';
    const root = host.attachShadow({ mode: 'open' });
    const isolation = option(host, 'isolation') || 'frame';
    if (isolation === 'none') return inPage(host, root);
    if (isolation !== 'frame') warn(`isolation: ${JSON.stringify(isolation)} is not frame or none, using frame`);
    frame(host, root);
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
})();
