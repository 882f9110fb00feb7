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
      const child = spawn(geckodriver, ['--port', String(driverPort), '--websocket-port', String(driverPort + 1), '--log', 'error'], {
        stdio: ['ignore', 'ignore', 'inherit'],
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
      if (!driverBin || !firstExisting(['xvfb-run'])) throw new Error('WebKitWebDriver or xvfb-run is missing: run tools/setup.sh test');
      // Its own home: MiniBrowser keeps its data and downloads there, not in the user's.
      const home = mkdtempSync(join(tmpdir(), 'rt-webkit-home-'));
      const child = spawn(
        'xvfb-run',
        ['-a', '-s', `-screen 0 ${WINDOW.width + 200}x${WINDOW.height + 200}x24`, driverBin, `--port=${driverPort}`],
        { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, HOME: home, XDG_DOWNLOAD_DIR: join(home, 'Downloads') }, detached: true },
      );
      const url = `http://127.0.0.1:${driverPort}`;
      await ready(url, child, 'WebKitWebDriver');
      const binary = miniBrowser();
      return {
        downloads: join(home, 'Downloads'),
        // xvfb-run starts Xvfb and the driver as children: end the whole group.
        stop: () => {
          try {
            process.kill(-child.pid);
          } catch {
            // already gone
          }
        },
        async session() {
          const driver = await new Builder()
            .usingServer(url)
            .withCapabilities({
              browserName: 'MiniBrowser',
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
