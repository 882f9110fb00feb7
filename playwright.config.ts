import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './tools/chromium.mjs';

// End-to-end tests drive Debian's Chromium (never a downloaded browser)
// against the release build in dist/, served on 127.0.0.1 only.
export const PORT = Number(process.env.E2E_PORT ?? 4173);
export { CHROMIUM_ARGS };

export default defineConfig({
  testDir: 'e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  workers: 2,
  // On CI, a test that fails once is run once more and reported as flaky (it
  // still fails the run if it fails twice): a few specs depend on browser
  // timing this project cannot control on two shared cores (the back/forward
  // cache keeping a page, a colour transition axe measures mid-way).
  retries: process.env.CI ? 1 : 0,
  forbidOnly: !!process.env.CI,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    launchOptions: {
      executablePath: CHROMIUM_PATH,
      args: CHROMIUM_ARGS,
    },
  },
  webServer: {
    command: `node tools/serve.mjs --port ${PORT} --test-hooks`,
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: false,
    timeout: 30_000,
  },
});
