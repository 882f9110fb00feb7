import { test, expect, open, axeViolations } from './fixtures';
import { guide } from './content';

const step = guide.steps[3];
const next = guide.steps[4];

test('first run asks gently for role and situation, and can be skipped', async ({ page }) => {
  await open(page, '/guide');
  const welcome = page.getByRole('form', { name: 'Before you start, if you like' });
  await expect(welcome).toBeVisible();
  await welcome.getByRole('button', { name: 'Skip for now' }).click();
  await expect(welcome).toBeHidden();
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('The guide');
  await expect(page.getByRole('form', { name: 'Before you start, if you like' })).toBeHidden();
});

test('the chosen role’s advice comes first and the others stay one click away', async ({ page }) => {
  await open(page, '/guide');
  await page.getByLabel('I was unfaithful').check();
  await page.getByLabel('We are apart and trying to reconnect').check();
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await page.getByRole('link', { name: `Step ${step.number}: ${step.title}` }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Step ${step.number}: ${step.title}`);
  const headings = await page.getByRole('heading', { level: 2 }).allTextContents();
  expect(headings.indexOf('If you were unfaithful')).toBeGreaterThan(-1);
  expect(headings).not.toContain('If you were hurt');
  const hurt = page.getByRole('button', { name: 'If you were hurt' });
  await expect(hurt).toHaveAttribute('aria-expanded', 'false');
  await hurt.click();
  await expect(hurt).toHaveAttribute('aria-expanded', 'true');
  await expect(page.locator('#rt-role-' + step.id + '-hurt')).toBeVisible();
  // Separated: the wording speaks of an ex, never of a partner.
  await expect(page.locator('main')).not.toContainText('your partner');
  await expect(page.getByRole('heading', { name: 'While you are apart' })).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
});

test('marking progress survives a reload and shows in the overview', async ({ page }) => {
  await open(page, `/guide/${step.id}`);
  await page.getByLabel('Working on it').check();
  await page.getByRole('link', { name: new RegExp(`Next.*${next.title}`) }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Step ${next.number}: ${next.title}`);
  await page.getByLabel('Feels solid').check();
  await page.reload();
  await expect(page.getByLabel('Feels solid')).toBeChecked();
  await page.getByRole('link', { name: 'Previous' }).click();
  await expect(page.getByLabel('Working on it')).toBeChecked();

  await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'The guide' }).click();
  await expect(page.getByText(`1 of ${guide.steps.length} steps feels solid, 1 in progress`)).toBeVisible();
  const item = (s: { number: number }) => page.locator('.rt-step-item').nth(s.number - 1);
  await expect(item(step).locator('.rt-badge')).toHaveText('Working on it');
  await expect(item(next).locator('.rt-badge')).toHaveText('Feels solid');
});

test('home offers to continue where you left off', async ({ page }) => {
  await open(page, `/guide/${next.id}`);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' }).click();
  await page.getByRole('link', { name: `Step ${next.number}: ${next.title}` }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Step ${next.number}: ${next.title}`);
});

test('resetting progress asks first, and can be declined', async ({ page }) => {
  await open(page, `/guide/${step.id}`);
  await page.getByLabel('Feels solid').check();
  await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'The guide' }).click();
  await page.getByRole('button', { name: 'Reset progress…' }).click();
  await page.getByRole('button', { name: 'Keep my progress' }).click();
  await expect(page.getByText(`1 of ${guide.steps.length} steps feels solid`)).toBeVisible();
  await page.getByRole('button', { name: 'Reset progress…' }).click();
  await page.getByRole('button', { name: 'Yes, reset progress' }).click();
  // With nothing marked, the guide shows no progress at all (nothing to reset either).
  await expect(page.getByRole('heading', { name: 'Your progress' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Reset progress…' })).toBeDisabled();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'The steps' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Your progress' })).toHaveCount(0);
});

test('a step can be marked with the keyboard alone', async ({ page }) => {
  await open(page, `/guide/${step.id}`);
  const radio = page.getByLabel('Not started');
  await radio.focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByLabel('Working on it')).toBeChecked();
  await page.reload();
  await expect(page.getByLabel('Working on it')).toBeChecked();
});

test('the whole guide prints with every role’s advice and no navigation', async ({ page }) => {
  await open(page, '/guide/all');
  await expect(page.getByRole('heading', { level: 2 })).toHaveCount(guide.steps.length + 2);
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden();
  await expect(page.getByRole('heading', { name: 'If you were hurt' })).toHaveCount(guide.steps.length);
  const pdf = await page.pdf();
  expect(pdf.byteLength).toBeGreaterThan(10_000);
});

test('one step prints with the folded-away advice shown', async ({ page }) => {
  await open(page, '/settings');
  await page.getByLabel('I was hurt').check();
  await page.goto(`/guide/${step.id}`);
  const folded = page.locator(`#rt-role-${step.id}-unfaithful`);
  await expect(folded).toBeHidden();
  await page.emulateMedia({ media: 'print' });
  await expect(folded).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden();
  await expect(page.getByRole('group', { name: 'Where are you with this step?' })).toBeHidden();
});

test('an unknown step is a friendly 404', async ({ page }) => {
  await open(page, '/guide/no-such-step');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/isn’t here/);
});
