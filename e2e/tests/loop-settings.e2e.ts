import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../support/app.ts';
import { expectNoSeriousA11yViolations } from '../support/axe.ts';
import { launchBrowser, newContext, screenshot } from '../support/browser.ts';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function openSettings(email: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newContext(browser);
  const page = await context.newPage();
  await signIn(page, email);
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Closed-loop settings' })
    .click();
  await page.getByRole('heading', { level: 1, name: 'Closed-loop settings' }).waitFor();
  return { context, page };
}

const section = (page: Page, name: string) =>
  page.locator('section').filter({ has: page.getByRole('heading', { level: 2, name }) });

describe('closed-loop settings: the demo admin', () => {
  let context: BrowserContext;
  let page: Page;
  const stamp = Date.now().toString(36);

  beforeAll(async () => {
    ({ context, page } = await openSettings('admin@harbor.example'));
  });
  afterAll(async () => {
    await context?.close();
  });

  it('adds a root cause', async () => {
    const causes = section(page, 'Root-cause taxonomy');
    const name = `Parking (${stamp})`;
    await causes.getByLabel('New cause').fill(name);
    await causes.getByRole('button', { name: 'Add cause' }).click();
    await causes.getByTestId('cause-tree').locator('.cause-name', { hasText: name }).waitFor();
  });

  it('shows a bad allowance amount at its field, then saves a good one', async () => {
    const allowances = section(page, 'Recovery allowances');
    await allowances.getByRole('button', { name: 'Add allowance' }).click();
    await allowances.getByLabel('Role').selectOption('manager');
    await allowances.getByLabel(/^Per-case cap/).fill('12.345');
    await allowances.getByLabel(/^Period budget/).fill('500');
    await allowances.getByRole('button', { name: 'Save allowance' }).click();
    const error = allowances.locator('.field-error[data-field="perCaseCap"]');
    await error.waitFor();
    expect(await allowances.getByLabel(/^Per-case cap/).getAttribute('aria-invalid')).toBe('true');

    await allowances.getByLabel(/^Per-case cap/).fill('40.5');
    await allowances.getByRole('button', { name: 'Save allowance' }).click();
    await allowances.getByRole('button', { name: 'Add allowance' }).waitFor();
    await allowances.getByTestId('allowances-table').getByText('40.50').first().waitFor();
  });

  it('creates a queue with a member', async () => {
    const queues = section(page, 'Case queues');
    const name = `Weekend desk (${stamp})`;
    await queues.getByLabel('Queue name').fill(name);
    const picker = queues.getByLabel('Add a member');
    await picker.locator('option').nth(1).waitFor({ state: 'attached' });
    const member = (await picker.locator('option').nth(1).textContent()) ?? '';
    await picker.selectOption({ index: 1 });
    await queues.getByRole('button', { name: 'Add member' }).click();
    await queues.getByRole('button', { name: 'Create queue' }).click();
    const row = queues.getByTestId('queue-list').locator('li').filter({ hasText: name });
    await row.waitFor();
    expect(await row.textContent()).toContain(member.replace(/ \(.*\)$/, ''));
  });

  it('shows a closing time before opening at its field, then saves valid hours', async () => {
    const hours = section(page, 'Business hours');
    await hours.getByRole('checkbox', { name: 'Open on Monday' }).check();
    await hours.getByLabel('Monday opens').fill('09:00');
    await hours.getByLabel('Monday closes').fill('08:00');
    await hours.getByRole('button', { name: 'Save business hours' }).click();
    await hours.locator('.field-error[data-field^="days."]').first().waitFor();
    await expectNoSeriousA11yViolations(page, 'closed-loop settings with errors');

    await hours.getByLabel('Monday closes').fill('17:00');
    await hours.getByRole('button', { name: 'Save business hours' }).click();
    await hours.getByText('Business hours saved.').waitFor();
    expect(await hours.locator('.field-error').count()).toBe(0);
    await expectNoSeriousA11yViolations(page, 'closed-loop settings');
    await screenshot(page, 'loop-settings-admin');
  });
});

describe('closed-loop settings: the demo analyst', () => {
  it('sees the allowances read-only', async () => {
    const { context, page } = await openSettings('analyst@harbor.example');
    try {
      const allowances = section(page, 'Recovery allowances');
      await allowances.getByText('Only admins can change allowances.').waitFor();
      expect(await allowances.getByRole('button').count()).toBe(0);
      await expectNoSeriousA11yViolations(page, 'closed-loop settings (analyst)');
    } finally {
      await context.close();
    }
  });
});
