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
