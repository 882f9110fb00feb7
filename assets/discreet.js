// Runs before the first paint: in discreet mode, the page must not name its
// subject even for the moment before the app starts; for a returning visitor,
// the first-run question is not flashed. Same origin, so the Content Security
// Policy allows it; it reads storage and changes nothing in it.
try {
  // Framed by embed.js, the page's namespace is in its URL fragment (src/config.rs).
  var framed = /^#rt-frame(&|$)/.test(location.hash) && /&namespace=([A-Za-z0-9_-]{1,40})(&|$)/.exec(location.hash);
  var namespace = framed ? framed[1] : 'rt';
  if (localStorage.getItem(namespace + '-public:discreet') === '1') {
    document.documentElement.classList.add('rt-discreet');
    document.title = 'Notes';
    var icon = document.querySelector("link[rel~='icon']");
    if (icon) {
      icon.setAttribute('data-rt-icon', icon.getAttribute('href'));
      icon.setAttribute('href', '/notes.svg');
    }
    // No manifest: the browser would otherwise offer to "Install Rebuild Trust",
    // naming the app on a shared screen. Installing works again with discreet mode off.
    var manifest = document.querySelector("link[rel='manifest']");
    if (manifest) manifest.remove();
  }
  // Someone who has used the app here before: the page written at build time
  // is a first visit's, so its first-run question stays hidden until the app,
  // which knows whether it was answered, decides (no form shown, then gone).
  for (var i = 0; i < localStorage.length; i++) {
    if ((localStorage.key(i) || '').indexOf(namespace + ':') === 0) {
      document.documentElement.classList.add('rt-returning');
      break;
    }
  }
} catch (e) {
  // Storage blocked: nothing to read, nothing to hide.
}
// The language of the first paint (index.html has its words in every locale;
// the stylesheet shows English unless <html data-rt-locale> names another):
// the person's own choice, if their settings are not sealed by the lock, else
// the site's (a frame's URL fragment), else the browser's, as src/locale.rs
// chooses. Its locales are the app's (a test checks this list against them).
(function () {
  var known = ['en', 'es'];
  var choose = function (tag) {
    var primary = String(tag || '').trim().split(/[-_]/)[0].toLowerCase();
    return known.indexOf(primary) >= 0 ? primary : null;
  };
  var framed = /^#rt-frame(&|$)/.test(location.hash);
  var namespace = (framed && /&namespace=([A-Za-z0-9_-]{1,40})(&|$)/.exec(location.hash) || [0, 'rt'])[1];
  var locale = null;
  try {
    var saved = JSON.parse(localStorage.getItem(namespace + ':settings') || 'null');
    locale = choose(saved && saved.data && saved.data.locale);
  } catch (e) {
    // Sealed, unreadable or blocked: not the person's choice to read here.
  }
  var site = framed && /&lang=([A-Za-z_-]{1,20})(&|$)/.exec(location.hash);
  locale = locale || choose(site && site[1]);
  var languages = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language];
  for (var i = 0; !locale && i < languages.length; i++) locale = choose(languages[i]);
  if (locale && locale !== 'en') {
    document.documentElement.setAttribute('data-rt-locale', locale);
    document.documentElement.lang = locale;
    // A page written at build time has its title in every locale
    // (src/ui/prerender.rs); in discreet mode the neutral one stays.
    var title = document.querySelector('meta[name="rt-title"][data-locale="' + locale + '"]');
    if (title && !document.documentElement.classList.contains('rt-discreet')) document.title = title.getAttribute('content');
  }
})();
