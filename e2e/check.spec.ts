import { test, expect, open, axeViolations } from './fixtures';
import { check, dial, help, words } from './content';
import { result } from './seed';
import type { BrowserContext, Page } from '@playwright/test';

const ROLE_LABELS = { hurt: 'I was hurt', unfaithful: 'I was unfaithful', both: 'We are doing this together' } as const;
type Role = keyof typeof ROLE_LABELS;

async function start(page: Page, role: Role, situation: 'together' | 'apart' = 'together') {
  await open(page, '/check');
  await page.getByLabel(ROLE_LABELS[role]).check();
  await page.getByLabel(situation === 'together' ? 'We are still together' : 'We are apart and trying to reconnect').check();
  await page.getByRole('button', { name: 'Start the check' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(role === 'both' ? check.safetyScreen.alone : 'First, your safety');
}

const ALONE = 'I’m alone, show my questions';
const NEXT_ALONE = 'I’m the other person, and I’m alone';

/** Answers every safety question once; `warn` gives the warning answer to that one question. */
async function answerOnePerson(page: Page, situation: 'together' | 'apart', warn?: string) {
  for (const q of check.safety) {
    const warning = q.id === warn;
    const yes = warning ? q.warning_if : !q.warning_if;
    await page.getByRole('group', { name: words(q.text, situation) }).getByLabel(yes ? 'Yes' : 'No').check();
  }
  await page.getByRole('button', { name: 'Continue' }).click();
}

/**
 * Answers the safety screen: once, or in the "both" role once for each person,
 * alone and one after the other (`warn` is the first person's warning answer).
 */
async function answerSafety(page: Page, situation: 'together' | 'apart' = 'together', warn?: string) {
  const h1 = page.getByRole('heading', { level: 1 });
  await expect(h1).toHaveText(new RegExp(`^(${check.safetyScreen.alone}|First, your safety)$`));
  if ((await h1.textContent()) !== check.safetyScreen.alone) return answerOnePerson(page, situation, warn);
  await page.getByRole('button', { name: ALONE }).click();
  await answerOnePerson(page, situation, warn);
  if (warn) return;
  await expect(h1).toHaveText(check.safetyScreen.next);
  await page.getByRole('button', { name: NEXT_ALONE }).click();
  await answerOnePerson(page, situation);
}

const SCALE = ['Strongly disagree', 'Disagree', 'Neither agree nor disagree', 'Agree', 'Strongly agree'];

/** Answers items `from`..`to` (exclusive) with `pick(item)` (1-5), pressing Next between them. */
async function answerItems(page: Page, pick: (item: (typeof check.items)[number]) => number, from = 0, to = check.items.length) {
  for (let i = from; i < to; i++) {
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Question ${i + 1} of ${check.items.length}`);
    await page.getByLabel(SCALE[pick(check.items[i]) - 1], { exact: true }).check();
    if (i + 1 < check.items.length) await page.getByRole('button', { name: 'Next' }).click();
  }
}

for (const role of ['hurt', 'unfaithful', 'both'] as const) {
  test(`the check can be completed as "${ROLE_LABELS[role]}", with questions worded for that role`, async ({ page }) => {
    const situation = role === 'unfaithful' ? 'apart' : 'together';
    await start(page, role, situation);
    await answerSafety(page, situation);
    await expect(page.getByRole('group', { name: words(check.items[0][role], situation) })).toBeVisible();
    await answerItems(page, () => 4);
    await page.getByRole('button', { name: 'See my results' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your readiness check');
    await expect(page).toHaveURL(/\/check\/result\/[a-z0-9-]+$/);
    await page.getByText('How each part scored').click();
    for (const d of check.dimensions) {
      await expect(page.getByRole('heading', { name: d.title, level: 3 })).toBeVisible();
    }
    await expect(page.getByText('not a validated test')).toBeVisible();
    await expect(page.getByText(check.safetyScreen.reminder)).toHaveCount(0);
    expect(await axeViolations(page)).toEqual([]);
  });
}

test('scripted answers give the expected scores and band', async ({ page }) => {
  await start(page, 'both');
  await answerSafety(page);
  // "Neither" everywhere: every item, plain or reverse-worded, is worth 50.
  await answerItems(page, () => 3);
  await page.getByRole('button', { name: 'See my results' }).click();
  const band = [...check.bands].reverse().find((b) => 50 >= b.min)!;
  await expect(page.getByRole('heading', { level: 2, name: band.title })).toBeVisible();
  await expect(page.getByText('Overall: 50 out of 100')).toBeVisible();
  await page.getByText('How each part scored').click();
  await expect(page.getByText('50 out of 100', { exact: true })).toHaveCount(check.dimensions.length);

  // The readiest answers: agree with plain items, disagree with reverse-worded ones.
  await page.getByRole('link', { name: 'Back to the check' }).click();
  await page.getByRole('button', { name: 'Start the check' }).click();
  await answerSafety(page);
  await answerItems(page, (item) => (item.reverse ? 1 : 5));
  await page.getByRole('button', { name: 'See my results' }).click();
  const top = check.bands[check.bands.length - 1];
  await expect(page.getByRole('heading', { level: 2, name: top.title })).toBeVisible();
  await expect(page.getByText('Overall: 100 out of 100')).toBeVisible();
});

test('the weakest parts point to guide steps to start with', async ({ page }) => {
  await start(page, 'hurt');
  await answerSafety(page);
  // Everything ready except the first dimension, answered the least ready way.
  const weak = check.dimensions[0].id;
  await answerItems(page, (item) => (item.dimension === weak ? (item.reverse ? 5 : 1) : item.reverse ? 1 : 5));
  await page.getByRole('button', { name: 'See my results' }).click();
  const startWith = page.getByRole('region', { name: 'In short' }).getByRole('link', { name: /^Start with step \d+/ });
  await expect(startWith).toBeVisible();
  await startWith.click();
  await expect(page).toHaveURL(/\/guide\/[a-z0-9-]+$/);
});

test('closing the tab half-way and coming back resumes with the answers kept', async ({ page }) => {
  await start(page, 'unfaithful');
  await answerSafety(page);
  await answerItems(page, () => 2, 0, 10); // presses Next after the tenth answer too
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Question 11 of ${check.items.length}`);
  await expect(page.getByText(`10 of ${check.items.length} answered`)).toBeVisible();
  await page.getByRole('button', { name: 'Back' }).click();
  await expect(page.getByLabel('Disagree', { exact: true })).toBeChecked();
});

test('submitting with unanswered questions says which ones, and nothing is scored', async ({ page }) => {
  await start(page, 'both');
  await answerSafety(page);
  await answerItems(page, (item) => 4, 0, 2);
  await page.getByRole('button', { name: 'Next' }).click(); // leaves question 3 unanswered
  await answerItems(page, () => 4, 3);
  await page.getByRole('button', { name: 'See my results' }).click();
  const alert = page.getByRole('alert').filter({ hasText: 'still unanswered' });
  await expect(alert).toBeVisible();
  await expect(alert.getByRole('button', { name: /^Question 3:/ })).toBeVisible();
  await expect(page).toHaveURL(/\/check$/);
  await alert.getByRole('button', { name: /^Question 3:/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Question 3 of ${check.items.length}`);
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
});

test('a warning answer on the safety screen leads to help, not to couples questions', async ({ page }) => {
  await start(page, 'hurt');
  await answerSafety(page, 'together', 'threats');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(check.safetyScreen.help);
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  await expect(page.getByRole('radio')).toHaveCount(0);
  // Help is the main action, with the abuse helplines right there to call.
  await expect(page.getByRole('link', { name: 'See all help and support' })).toBeVisible();
  for (const line of help.lines.filter((l) => l.kind === 'abuse')) {
    await expect(page.locator(`a[href="tel:${dial(line.number)}"]`)).toBeVisible();
  }
  expect(await axeViolations(page)).toEqual([]);
  // Still a free choice, made deliberately.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(check.safetyScreen.help);
  await page.getByRole('button', { name: 'Continue to the questions anyway' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Question 1 of ${check.items.length}`);
});

test('a self-harm answer leads to crisis lines, with a suicide line to call or text, not to abuse helplines', async ({ page }) => {
  await start(page, 'unfaithful', 'apart');
  await answerSafety(page, 'apart', 'self-harm');
  const h1 = page.getByRole('heading', { level: 1 });
  await expect(h1).toHaveText(check.safetyScreen.crisis);
  await expect(h1).toBeFocused();
  for (const line of help.lines.filter((l) => l.kind === 'crisis')) {
    await expect(page.locator(`a[href="tel:${dial(line.number)}"]`)).toBeVisible();
    if (line.texts) await expect(page.locator(`a[href="sms:${dial(line.number)}"]`)).toBeVisible();
  }
  await expect(page.locator('a[href="sms:988"]')).toBeVisible();
  for (const line of help.lines.filter((l) => l.kind === 'abuse')) {
    await expect(page.locator(`a[href="tel:${dial(line.number)}"]`)).toHaveCount(0);
  }
  await expect(page.getByText(check.safetyScreen.help)).toHaveCount(0);
  expect(await axeViolations(page)).toEqual([]);
});

test('in the "both" role each person answers the safety questions alone, one at a time', async ({ page }) => {
  await start(page, 'both');
  const h1 = page.getByRole('heading', { level: 1 });
  await expect(page.getByRole('radio')).toHaveCount(0);
  await page.getByRole('button', { name: ALONE }).click();
  await expect(page.getByText('Person 1 of 2, answering alone.')).toBeVisible();
  await answerOnePerson(page, 'together');
  await expect(h1).toHaveText(check.safetyScreen.next);
  await expect(page.getByRole('radio')).toHaveCount(0);
  await page.reload();
  await expect(h1).toHaveText(check.safetyScreen.next);
  await page.getByRole('button', { name: NEXT_ALONE }).click();
  await expect(page.getByText('Person 2 of 2, answering alone.')).toBeVisible();
  await expect(page.getByRole('radio', { checked: true })).toHaveCount(0);
  expect(await axeViolations(page)).toEqual([]);
  await answerOnePerson(page, 'together');
  await expect(h1).toHaveText(`Question 1 of ${check.items.length}`);
});

test('a result taken after a warning keeps a gentle safety reminder, on the result and in the history', async ({ page }) => {
  await start(page, 'hurt');
  await answerSafety(page, 'together', 'control');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(check.safetyScreen.help);
  // Looking at the answers again and changing them does not clear the warning.
  await page.getByRole('button', { name: 'Look at my safety answers again' }).click();
  await answerOnePerson(page, 'together');
  await answerItems(page, () => 4);
  await page.getByRole('button', { name: 'See my results' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your readiness check');
  const note = page.getByRole('note').filter({ hasText: check.safetyScreen.reminder });
  await expect(note).toBeVisible();
  await expect(note.getByRole('link', { name: 'Help and support' })).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  await page.getByRole('link', { name: 'All your checks' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your checks over time');
  await expect(page.getByText(check.safetyScreen.reminder)).toBeVisible();
  await expect(page.getByRole('table').locator('tbody tr').first()).toContainText('Safety reminder');
});

test('unanswered safety questions are named before going on', async ({ page }) => {
  await start(page, 'both');
  await page.getByRole('button', { name: ALONE }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Please answer every safety question' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('First, your safety');
});

test('completed checks are kept with dates, charted, and can be deleted and restored', async ({ page }) => {
  for (const answer of [2, 4]) {
    await start(page, 'both');
    await answerSafety(page);
    await answerItems(page, () => answer);
    await page.getByRole('button', { name: 'See my results' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your readiness check');
  }
  await page.getByRole('link', { name: 'All your checks' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your checks over time');
  await expect(page.getByRole('img', { name: /Overall score across 2 checks/ })).toBeVisible();
  const rows = page.getByRole('table').locator('tbody tr');
  await expect(rows).toHaveCount(2);
  expect(await axeViolations(page)).toEqual([]);
  await rows.first().getByRole('button', { name: /Delete/ }).click();
  await expect(rows).toHaveCount(1);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(rows).toHaveCount(2);
  await rows.first().getByRole('button', { name: /Delete/ }).click();
  await page.reload();
  await expect(page.getByRole('table').locator('tbody tr')).toHaveCount(1);
});

/** Every tab of `context` starts with two checks saved, 'older' and 'newer', once settled in. */
async function twoChecksSaved(context: BrowserContext) {
  const history = [result('older', Date.UTC(2026, 5, 1), 20), result('newer', Date.UTC(2026, 6, 1), 55)];
  await context.addInitScript((history) => {
    if (localStorage.getItem('rt:settings')) return;
    localStorage.setItem('rt:settings', JSON.stringify({ v: 1, data: { theme: 'system', role: 'hurt', situation: 'together', welcomed: true, lock_after_min: 5 } }));
    localStorage.setItem('rt:check.history', JSON.stringify({ v: 1, data: history }));
  }, history);
}

test('Home’s line about the last check follows a check deleted in another tab', async ({ page, context }) => {
  await twoChecksSaved(context);
  await open(page, '/');
  const line = page.locator('.rt-last-check');
  await expect(line.getByRole('link', { name: 'See that result' })).toHaveAttribute('href', '/check/result/newer');

  const other = await context.newPage();
  await open(other, '/check/result/newer');
  await other.getByRole('button', { name: 'Delete this result…' }).click();
  await other.getByRole('button', { name: 'Yes, delete it' }).click();
  await expect(other.getByRole('heading', { level: 1 })).toHaveText('Your checks over time');
  await expect(other.getByRole('table').locator('tbody tr')).toHaveCount(1);

  // Without moving: the line now names the older check, and links to it.
  await expect(line.getByRole('link', { name: 'See that result' })).toHaveAttribute('href', '/check/result/older');
  await other.close();
});

test('Home’s line about the last check appears when a first check is finished in another tab', async ({ page, context }) => {
  await open(page, '/');
  await page.evaluate(() => localStorage.setItem('rt:settings', JSON.stringify({ v: 1, data: { theme: 'system', role: 'hurt', situation: 'together', welcomed: true, lock_after_min: 5 } })));
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.locator('.rt-last-check')).toHaveCount(0);

  const other = await context.newPage();
  await start(other, 'hurt');
  await answerSafety(other);
  await answerItems(other, () => 3);
  await other.getByRole('button', { name: 'See my results' }).click();
  await expect(other.getByRole('heading', { level: 1 })).toHaveText('Your readiness check');
  const shown = new URL(other.url()).pathname;

  // Without moving: Home now names that check, and links to it.
  await expect(page.locator('.rt-last-check').getByRole('link', { name: 'See that result' })).toHaveAttribute('href', shown);
  await other.close();
});

test('a result open in one tab and deleted in another says it is gone, and offers the list', async ({ page, context }) => {
  await twoChecksSaved(context);
  await open(page, '/check/result/newer');
  const h1 = page.getByRole('heading', { level: 1 });
  await expect(h1).toHaveText('Your readiness check');

  const other = await context.newPage();
  await open(other, '/check/result/newer');
  await other.getByRole('button', { name: 'Delete this result…' }).click();
  await other.getByRole('button', { name: 'Yes, delete it' }).click();
  await expect(other.getByRole('table').locator('tbody tr')).toHaveCount(1);

  await expect(h1).toHaveText('This result isn’t here');
  await expect(page.getByRole('button', { name: 'Delete this result…' })).toHaveCount(0);
  await page.getByRole('link', { name: 'See your checks' }).click();
  await expect(page.getByRole('table').locator('tbody tr')).toHaveCount(1);
  await other.close();
});

test('moving on within the check, by keyboard, each part’s heading takes focus, the first question’s too', async ({ page }) => {
  const h1 = page.getByRole('heading', { level: 1 });
  await open(page, '/check');
  await page.getByLabel(ROLE_LABELS.hurt).check();
  await page.getByLabel('We are still together').check();
  await page.getByRole('button', { name: 'Start the check' }).press('Enter');
  await expect(h1).toHaveText('First, your safety');
  await expect(h1).toBeFocused();
  // A warning answer leads to the help page; going on from there by keyboard.
  const warn = check.safety[0];
  for (const q of check.safety) {
    const yes = q.id === warn.id ? q.warning_if : !q.warning_if;
    await page.getByRole('group', { name: words(q.text, 'together') }).getByLabel(yes ? 'Yes' : 'No').check();
  }
  await page.getByRole('button', { name: 'Continue' }).press('Enter');
  await expect(h1).toBeFocused();
  await page.getByRole('button', { name: 'Continue to the questions anyway' }).press('Enter');
  await expect(h1).toHaveText(`Question 1 of ${check.items.length}`);
  await expect(h1).toBeFocused();
});
