// How every tool here starts Debian's Chromium (never a downloaded browser):
// the end-to-end tests, Lighthouse and the benchmark share these flags.
// Without the background-networking ones, Chromium tries to reach Google's
// services, which this project's tests forbid and these machines refuse.
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];
