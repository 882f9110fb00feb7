// The two engines beyond Chromium, each driven over WebDriver by its own driver
// (selenium-webdriver talks to a driver we start, so Selenium Manager never runs
// and nothing is downloaded): Firefox ESR through geckodriver, WebKitGTK's
// MiniBrowser through WebKitWebDriver under Xvfb (MiniBrowser needs a display).
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Builder } from 'selenium-webdriver';
import getLogInspector from 'selenium-webdriver/bidi/logInspector.js';

export const WINDOW = { width: 1280, height: 900 };

function firstExisting(candidates) {
  for (const c of candidates) {
    try {
      return execFileSync('sh', ['-c', `command -v ${c}`], { encoding: 'utf8' }).trim();
    } catch {
      // try the next one
    }
  }
  return null;
}

function miniBrowser() {
  try {
    return execFileSync('sh', ['-c', 'dpkg -L libwebkit2gtk-4.1-0 | grep "/MiniBrowser$"'], { encoding: 'utf8' }).trim().split('\n')[0];
  } catch {
    return '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
  }
}

/** Waits until a driver answers its status endpoint. */
async function ready(url, child, name) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/status`);
      if (res.ok) return;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) throw new Error(`${name} did not answer on ${url} within 20 s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const proxy = (serverPort) => ({
  proxyType: 'manual',
  httpProxy: `127.0.0.1:${serverPort}`,
  sslProxy: `127.0.0.1:${serverPort}`,
  noProxy: ['127.0.0.1', 'localhost'],
});

export const ENGINES = {
  firefox: {
    label: 'Firefox ESR',
    async start({ driverPort, serverPort }) {
      const binary = firstExisting(['firefox-esr', 'firefox']);
      const geckodriver = firstExisting(['geckodriver', `${process.env.HOME}/.cargo/bin/geckodriver`]);
      if (!binary || !geckodriver) throw new Error('Firefox ESR or geckodriver is missing: run tools/setup.sh test');
      // Quiet: Firefox's own chatter about its internals would bury the report.
      const child = spawn(geckodriver, ['--port', String(driverPort), '--websocket-port', String(driverPort + 1), '--log', 'fatal'], {
        stdio: 'ignore',
      });
      const url = `http://127.0.0.1:${driverPort}`;
      await ready(url, child, 'geckodriver');
      const downloads = mkdtempSync(join(tmpdir(), 'rt-firefox-downloads-'));
      return {
        downloads,
        stop: () => child.kill(),
        // Firefox's own services (remote settings and the like), not the page's:
        // the prefs below turn most off; what still tries is not the app's doing.
        ownTraffic: (request) => /^CONNECT [^ ]+\.(mozilla\.(com|org|net)|firefox\.com):443$/.test(request),
        async session() {
          const driver = await new Builder()
            .usingServer(url)
            .withCapabilities({
              browserName: 'firefox',
              // The journeys wait for what they need (the app running), not for every load event.
              pageLoadStrategy: 'eager',
              timeouts: { pageLoad: 60_000, script: 30_000 },
              webSocketUrl: true,
              proxy: proxy(serverPort),
              'moz:firefoxOptions': {
                binary,
                args: ['-headless', `-width=${WINDOW.width}`, `-height=${WINDOW.height}`],
                prefs: {
                  'browser.download.dir': downloads,
                  'browser.download.folderList': 2,
                  'browser.download.useDownloadDir': true,
                  'browser.download.always_ask_before_handling_new_types': false,
                  'browser.helperApps.neverAsk.saveToDisk': 'application/json,text/markdown',
                  'browser.download.manager.showWhenStarting': false,
                  'services.settings.server': 'data:,#remote-settings-off',
                  'browser.safebrowsing.malware.enabled': false,
                  'browser.safebrowsing.phishing.enabled': false,
                  'network.captive-portal-service.enabled': false,
                  'network.connectivity-service.enabled': false,
                },
              },
            })
            .build();
          // What the engine itself reports, through WebDriver BiDi: console
          // errors and uncaught exceptions, including those the page's own
          // probe cannot see (a refused resource, a CSP report).
          const logged = [];
          const inspector = await getLogInspector(driver);
          await inspector.onLog((entry) => {
            if (entry.level === 'error') logged.push(`${entry.type ?? 'log'} error: ${entry.text}`);
          });
          return { driver, logged };
        },
      };
    },
  },
  webkit: {
    label: 'WebKitGTK',
    async start({ driverPort, serverPort }) {
      const driverBin = firstExisting(['WebKitWebDriver']);
      if (!driverBin || !firstExisting(['Xvfb'])) throw new Error('WebKitWebDriver or Xvfb is missing: run tools/setup.sh test');
      // Its own home: MiniBrowser keeps its data and downloads there, not in the user's.
      const home = mkdtempSync(join(tmpdir(), 'rt-webkit-home-'));
      // Its own X display (what xvfb-run does, with both processes ours to stop).
      const display = `:${driverPort}`;
      const xvfb = spawn('Xvfb', [display, '-screen', '0', `${WINDOW.width + 200}x${WINDOW.height + 200}x24`, '-nolisten', 'tcp'], { stdio: 'ignore' });
      const driverProcess = () =>
        spawn(driverBin, [`--port=${driverPort}`], {
          stdio: 'ignore',
          env: { ...process.env, DISPLAY: display, HOME: home },
        });
      let child = driverProcess();
      const url = `http://127.0.0.1:${driverPort}`;
      await ready(url, child, 'WebKitWebDriver');
      const binary = miniBrowser();
      return {
        // MiniBrowser saves downloads straight into its home.
        downloads: home,
        stop: () => {
          child.kill();
          xvfb.kill();
        },
        // A driver that left a request for a session unanswered can stay stuck
        // on it; a new driver process on the same port starts afresh.
        async restart() {
          const old = child;
          if (old.exitCode === null && old.signalCode === null) {
            const exited = new Promise((resolve) => old.once('exit', resolve));
            old.kill('SIGKILL');
            await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
          }
          child = driverProcess();
          await ready(url, child, 'WebKitWebDriver');
        },
        async session() {
          const driver = await new Builder()
            .usingServer(url)
            .withCapabilities({
              browserName: 'MiniBrowser',
              timeouts: { pageLoad: 60_000, script: 30_000 },
              proxy: proxy(serverPort),
              'webkitgtk:browserOptions': { binary, args: ['--automation'] },
            })
            .build();
          await driver.manage().window().setRect(WINDOW);
          // WebKitWebDriver has no log API and no BiDi: only the page's probe reports.
          return { driver, logged: [] };
        },
      };
    },
  },
};

/** The versions tested, for the report and the README. */
export async function versionOf(driver) {
  const caps = await driver.getCapabilities();
  return `${caps.get('browserName')} ${caps.get('browserVersion')}`;
}
