// The cross-engine layer: the important journeys in Firefox ESR and WebKitGTK,
// over WebDriver, against the release build in dist/ (build it first: ./run build).
//
//   node engines/run.mjs [--engine firefox|webkit]... [--serial] [name filter]...
//
// Each journey gets a fresh browser session and fails on any problem the
// engine lets the test see: console errors, uncaught errors, failed loads,
// CSP refusals (engines/lib/probe.js; in Firefox also WebDriver BiDi's log),
// and any request for another origin (the test server is the browsers' proxy).
// Ports: from ENGINES_PORT (else E2E_PORT, else 4310), five in a row: Firefox's
// server, driver and BiDi socket, then WebKit's server and driver.
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { ENGINES, versionOf } from './lib/browsers.mjs';
import { Page } from './lib/page.mjs';
import { startServer } from './lib/server.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RESULTS = join(ROOT, 'engines-results');
const args = process.argv.slice(2);
const chosen = args.flatMap((a, i) => (args[i - 1] === '--engine' ? [a] : []));
const filters = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--engine');
const serial = args.includes('--serial');
const engines = chosen.length ? chosen : Object.keys(ENGINES);
for (const e of engines) if (!ENGINES[e]) throw new Error(`unknown engine ${e}: use ${Object.keys(ENGINES).join(' or ')}`);
const base = Number(process.env.ENGINES_PORT ?? process.env.E2E_PORT ?? 4310);

// ENGINES_DIST tests another build than dist/.
const DIST = process.env.ENGINES_DIST ?? join(ROOT, 'dist');
if (!existsSync(join(DIST, 'index.html'))) {
  console.error(`${DIST} has no build: run ./run build first`);
  process.exit(1);
}

// Every file in journeys/ exports a list of { name, run(page, t) }: `page` is
// engines/lib/page.mjs, `t` the Journey below; `pending: why` marks one not yet possible.
const journeyDir = join(ROOT, 'engines/journeys');
const journeys = [];
for (const file of readdirSync(journeyDir).filter((f) => f.endsWith('.mjs')).sort()) {
  const mod = await import(pathToFileURL(join(journeyDir, file)).href);
  for (const j of mod.default) journeys.push({ ...j, file });
}
const selected = journeys.filter((j) => !filters.length || filters.some((f) => `${j.file} ${j.name}`.includes(f)));
if (!selected.length) {
  console.error(`no journey matches ${filters.join(' ')}`);
  process.exit(1);
}

const JOURNEY_LIMIT = 180_000;
const secs = (ms) => `${(ms / 1000).toFixed(1)} s`;

async function runEngine(name, index) {
  const engine = ENGINES[name];
  const serverPort = base + index * 3;
  const driverPort = serverPort + 1;
  const server = await startServer(serverPort, DIST);
  const started = Date.now();
  const results = [];
  let version = '?';
  let browser;
  try {
    browser = await engine.start({ driverPort, serverPort });
    for (const journey of selected) {
      // What the report says of this journey (one fresh record per attempt).
      const fresh = () => ({ engine: name, journey: `${journey.file.replace('.mjs', '')}: ${journey.name}`, problems: [] });
      const result = fresh();
      if (journey.only && !journey.only.engines.includes(name)) {
        result.skipped = journey.only.why;
        results.push(result);
        console.log(`  - ${name.padEnd(7)} ${result.journey}: not in this engine (${journey.only.why})`);
        continue;
      }
      if (journey.pending) {
        result.skipped = journey.pending;
        results.push(result);
        console.log(`  - ${name.padEnd(7)} ${result.journey}: not yet (${journey.pending})`);
        continue;
      }
      // One attempt: a fresh session, the journey, what the probe saw.
      const attempt = async () => {
        const t0 = Date.now();
        const result = fresh();
        let session;
        try {
          // A driver that never answers a new session must not stop the layer
          // either. WebKitWebDriver now and then leaves a request for a session
          // unanswered (seen with both engines running, and once on CI three
          // times in a row); a second request is usually answered, and a third
          // goes to a restarted driver.
          for (let ask = 1; !session; ask++) {
            let sessionTimer;
            try {
              session = await Promise.race([
                browser.session(),
                new Promise((_, reject) => {
                  sessionTimer = setTimeout(() => reject(new Error('the browser did not start a session within 45 s')), 45_000);
                }),
              ]).finally(() => clearTimeout(sessionTimer));
            } catch (e) {
              if (ask >= 3) throw e;
              // From the second failure on, a driver that can be restarted is.
              if (ask >= 2 && browser.restart) {
                console.log(`      ${name}: no session after attempt ${ask}, restarting the driver and asking again`);
                await browser.restart();
              } else {
                console.log(`      ${name}: no session after attempt ${ask}, asking again`);
              }
            }
          }
          version = await versionOf(session.driver);
          server.take();
          const page = new Page(session.driver, server.origin, name);
          const t = new Journey(page, server, browser, journey);
          t.browserOwn = browser.ownTraffic ?? (() => false);
          // A journey that hangs (a driver that never answers) fails instead of stopping the layer.
          let timer;
          await Promise.race([
            journey.run(page, t),
            new Promise((_, reject) => {
              timer = setTimeout(() => reject(new Error(`the journey did not finish within ${JOURNEY_LIMIT / 1000} s`)), JOURNEY_LIMIT);
            }),
          ]).finally(() => clearTimeout(timer));
          await t.collect();
          result.problems.push(...t.problems, ...session.logged.filter((p) => !t.allowed(p)));
          const offsite = [...t.offsite, ...server.take()].filter((r) => !t.browserOwn(r));
          result.problems.push(...offsite.map((r) => `request to another origin: ${r}`));
        } catch (e) {
          result.error = e;
          if (session) await screenshot(session.driver, name, journey.name).catch(() => {});
        } finally {
          if (session) await session.driver.quit().catch(() => {});
        }
        result.ms = Date.now() - t0;
        const ok = !result.error && !result.problems.length;
        console.log(`  ${ok ? '✓' : '✗'} ${name.padEnd(7)} ${result.journey} (${secs(result.ms)})`);
        // Some driver errors carry no message: then their name and where they came from.
        if (result.error) console.log(indent(result.error.message || `${result.error.name}\n${result.error.stack ?? ''}`));
        for (const p of result.problems) console.log(indent(p));
        return { result, ok };
      };
      let { result: tried, ok } = await attempt();
      // On CI (as Playwright's retries there), a journey that fails once runs
      // once more; passing then, it is reported as flaky, with the first
      // failure printed above. Failing twice, it fails the layer.
      if (!ok && process.env.CI) {
        console.log(`      ${name}: running it once more (CI)`);
        const again = await attempt();
        if (again.ok) again.result.flaky = true;
        ({ result: tried, ok } = again);
      }
      results.push(tried);
    }
  } catch (e) {
    results.push({ engine: name, journey: '(starting the engine)', error: e, problems: [] });
    console.log(`  ✗ ${name} could not start: ${e.message}`);
  } finally {
    browser?.stop();
    await server.close();
  }
  return { name, label: engine.label, version, ms: Date.now() - started, results };
}

const indent = (text) => text.split('\n').map((l) => `      ${l}`).join('\n');

async function screenshot(driver, engine, journey) {
  mkdirSync(RESULTS, { recursive: true });
  const file = join(RESULTS, `${engine}-${journey.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.png`);
  writeFileSync(file, Buffer.from(await driver.takeScreenshot(), 'base64'));
  console.log(indent(`screenshot: ${file.slice(ROOT.length)}`));
}

/** What a journey may tell the runner, and the problems the page's probe reported. */
class Journey {
  constructor(page, server, browser, journey) {
    this.page = page;
    this.server = server;
    this.downloads = browser.downloads;
    this.problems = [];
    this.offsite = [];
    this.allowedProblems = journey.allowProblems ?? [];
  }

  allowed(problem) {
    return this.allowedProblems.some((re) => re.test(problem));
  }

  /** Reads (and clears) what the probe noted in every tab that shows the app; call before leaving its origin. */
  async collect() {
    const driver = this.page.driver;
    const current = await driver.getWindowHandle();
    for (const handle of await driver.getAllWindowHandles()) {
      if (handle !== current) await driver.switchTo().window(handle);
      const url = await driver.getCurrentUrl().catch(() => '');
      if (!url.startsWith(this.server.origin)) continue;
      const noted = await this.page.eval(
        `const k = '__engines_problems'; const v = sessionStorage.getItem(k); sessionStorage.removeItem(k);
         return { list: JSON.parse(v || '[]'), probe: window.__enginesProbe === true };`,
      );
      if (!noted.probe) this.problems.push(`the probe did not run on ${url}, so its problems are unknown`);
      this.problems.push(...noted.list.filter((p) => !this.allowed(p)));
    }
    await driver.switchTo().window(current);
  }

  /**
   * Runs `action`, which is meant to leave the app's origin, and returns the
   * requests for other origins made during it (the journey checks them).
   * Anything before it is still a problem; the probe is read first.
   */
  async expectingOffsite(action) {
    await this.collect();
    this.offsite.push(...this.server.take().filter((r) => !this.browserOwn(r)));
    await action();
    await this.page.sleep(500);
    return this.server.take().filter((r) => !this.browserOwn(r));
  }
}

console.log(`Cross-engine journeys (${selected.length}) in ${engines.map((e) => ENGINES[e].label).join(' and ')}${serial ? ', one engine at a time' : ', engines side by side'}`);
const t0 = Date.now();
const runs = serial
  ? await engines.reduce(async (acc, e) => [...(await acc), await runEngine(e, Object.keys(ENGINES).indexOf(e))], Promise.resolve([]))
  : await Promise.all(engines.map((e) => runEngine(e, Object.keys(ENGINES).indexOf(e))));
const failed = runs.flatMap((r) => r.results).filter((r) => r.error || r.problems.length);
console.log('');
for (const r of runs) {
  const n = r.results.filter((x) => !x.skipped).length;
  console.log(`${r.label} (${r.version}): ${n - failed.filter((f) => f.engine === r.name).length} of ${n} passed in ${secs(r.ms)}`);
}
const flaky = runs.flatMap((r) => r.results).filter((r) => r.flaky);
for (const r of flaky) console.log(`flaky (failed once, then passed): ${r.engine} ${r.journey}`);
console.log(`${failed.length ? `${failed.length} failed` : 'all passed'}${flaky.length ? ` (${flaky.length} flaky)` : ''}; ${secs(Date.now() - t0)} in all`);
process.exit(failed.length ? 1 : 0);
