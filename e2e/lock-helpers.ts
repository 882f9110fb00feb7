import { expect, open } from './fixtures';
import type { Page } from '@playwright/test';

/** Helpers shared by the lock, quick exit and fault specs. */

export const PASS = 'quiet river morning';
export const EXIT = /^https:\/\/www\.bbc\.co\.uk\/weather/;

/** The neutral quick-exit page, answered here so nothing leaves the machine. */
export async function fakeWeather(page: Page) {
  await page.route(EXIT, (route) => route.fulfill({ contentType: 'text/html', body: '<title>Weather</title><h1>Weather</h1>' }));
}

/** Writes and saves one entry in the open app, from wherever it is. */
export async function writeInApp(page: Page, title: string, body: string) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Journal' }).click();
  await page.getByRole('button', { name: 'New entry' }).click();
  await page.getByLabel('Title').fill(title);
  await page.getByLabel('What’s on your mind?').fill(body);
  await page.getByRole('button', { name: 'Save now' }).click();
  await expect(page.getByRole('status').filter({ hasText: /^Saved at/ })).toBeVisible();
}

/** Opens the journal afresh, then writes and saves one entry. */
export async function writeEntry(page: Page, title: string, body: string) {
  await open(page, '/journal');
  await writeInApp(page, title, body);
}

export async function setLock(page: Page) {
  await open(page, '/settings');
  await page.getByLabel('New passphrase', { exact: true }).fill(PASS);
  await page.getByLabel('The same passphrase again').fill(PASS);
  await page.getByRole('button', { name: 'Turn on the lock' }).click();
  await expect(page.getByText('The lock is on. Everything the app keeps is now encrypted')).toBeVisible();
}

export async function unlock(page: Page, pass = PASS) {
  await page.getByLabel('Passphrase').fill(pass);
  await page.getByRole('button', { name: 'Unlock' }).click();
}

/** Everything in localStorage, as one string. */
export const dump = (page: Page) => page.evaluate(() => JSON.stringify(localStorage));
