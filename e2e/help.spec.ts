import { test, expect, open, axeViolations } from './fixtures';
import { dial, help, privacy } from './content';

test('the help page lists every line from the content, each number a link to call, and texts where a line takes them', async ({ page }) => {
  await open(page, '/help');
  const main = page.locator('main');
  for (const line of help.lines) {
    await expect(main.locator(`a[href="tel:${dial(line.number)}"]`).first()).toBeVisible();
    await expect(main.locator(`a[href="sms:${dial(line.number)}"]`)).toHaveCount(line.texts ? 1 : 0);
  }
  await expect(main.getByRole('link', { name: 'findahelpline.com' })).toHaveAttribute('href', 'https://findahelpline.com');
  // Searching the web for a helpline leaves a trace on a device someone may watch.
  await expect(main).not.toContainText(/search(ing)? for/i);
  expect(await axeViolations(page)).toEqual([]);
});

test('the privacy page shows its words from the content file', async ({ page }) => {
  await open(page, '/privacy');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(privacy.title);
  for (const heading of privacy.headings) {
    await expect(page.getByRole('heading', { level: 2, name: heading })).toBeVisible();
  }
  await expect(page.locator('main').getByRole('link', { name: 'Open Settings' })).toBeVisible();
});
