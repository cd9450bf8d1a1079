/// <reference lib="dom" />
// page.evaluate callbacks run in the browser.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiGet, apiSend, signIn } from '../support/app.ts';
import { expectNoSeriousA11yViolations } from '../support/axe.ts';
import { launchBrowser, newContext, screenshot } from '../support/browser.ts';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function signedIn(email: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newContext(browser);
  const page = await context.newPage();
  await signIn(page, email);
  return { context, page };
}

const loopTab = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Closed loop' }).getByRole('link', { name });

describe('closed loop: the demo manager', () => {
  let context: BrowserContext;
  let page: Page;
  const stamp = Date.now().toString(36);

  beforeAll(async () => {
    ({ context, page } = await signedIn('manager@harbor.example'));
  });
  afterAll(async () => {
    await context?.close();
  });

  it('opens the inbox with SLA countdowns and filters it to overdue cases', async () => {
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Cases' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Cases' }).waitFor();
    const rows = page.getByTestId('case-row');
    await rows.first().waitFor();
    expect(await rows.count()).toBeGreaterThan(0);
    expect(await rows.first().getByTestId('sla').textContent()).toMatch(/left|overdue/);
    await expectNoSeriousA11yViolations(page, 'case inbox');
    await screenshot(page, 'closed-loop-inbox');

    await page.getByLabel('Overdue only').check();
    await expect.poll(() => page.url()).toContain('overdue=');
    await page.getByTestId('cases-count').filter({ hasNotText: 'Loading' }).waitFor();
    const overdue = await page.getByTestId('sla').allTextContents();
    for (const text of overdue) expect(text).toMatch(/overdue/);
  });

  it('opens a case, adds a note and takes a recovery within the allowance', async () => {
    await page.getByLabel('Overdue only').uncheck();
    await page.getByTestId('case-row').first().getByRole('link').click();
    await page.getByTestId('case-facts').waitFor();
    await page.getByTestId('case-timeline').waitFor();
    await expectNoSeriousA11yViolations(page, 'case detail');

    const note = `Called the customer back (${stamp})`;
    await page.getByLabel('Note', { exact: true }).fill(note);
    await page.getByRole('button', { name: 'Add note' }).click();
    await page.getByTestId('case-timeline').getByText(note).waitFor();

    await page.getByTestId('allowance').waitFor();
    // Re-runs against the same server may find earlier recoveries on this case.
    const taken = page
      .getByTestId('case-timeline')
      .getByText(/Recovery taken on the spot: gift of 12\.50/);
    const takenBefore = await taken.count();
    await page.getByLabel('Type').selectOption('gift');
    await page.getByLabel(/^Amount/).fill('12.50');
    expect(await page.getByTestId('recovery-outlook').textContent()).toContain('taken on the spot');
    await page.getByLabel('Why (recovery note)').fill(`Gift card for the wait (${stamp})`);
    await page.getByRole('button', { name: 'Record recovery' }).click();
    expect(await page.getByTestId('recovery-result').textContent()).toContain(
      'Taken: gift of 12.50',
    );
    await expect.poll(() => taken.count()).toBe(takenBefore + 1);
    await screenshot(page, 'closed-loop-case');
  });

  it('names the amount field when the amount is not money', async () => {
    await page.getByLabel(/^Amount/).fill('12.345');
    await page.getByLabel('Why (recovery note)').fill('Too precise');
    await page.getByRole('button', { name: 'Record recovery' }).click();
    const error = page.locator('.field-error[data-field="amount"]');
    await error.waitFor();
    expect(await page.getByLabel(/^Amount/).getAttribute('aria-invalid')).toBe('true');
  });

  it('shows the current case when someone else saved first (409)', async () => {
    const caseId = new URL(page.url()).pathname.split('/').pop() ?? '';
    const now = await apiGet<{ version: number; priority: string; status: string }>(
      context,
      `/cases/${caseId}`,
    );
    const priority = now.priority === 'urgent' ? 'low' : 'urgent';
    await apiSend(context, 'PATCH', `/cases/${caseId}`, { version: now.version, priority });
    const status = now.status === 'in_progress' ? 'waiting_on_customer' : 'in_progress';
    await page.getByLabel('Status').selectOption(status);
    await page.getByRole('button', { name: 'Save changes' }).click();
    const conflict = page.getByTestId('case-conflict');
    await conflict.waitFor();
    expect(await conflict.textContent()).toContain('This case changed while you were editing');
    await expectNoSeriousA11yViolations(page, 'case conflict');
    await conflict.getByRole('button', { name: 'Reload the case' }).click();
    await conflict.waitFor({ state: 'detached' });
    expect(await page.getByTestId('case-facts').textContent()).toContain(
      priority === 'urgent' ? 'Urgent' : 'Low',
    );
  });

  it('decides a pending recovery in the approvals queue', async () => {
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Closed loop' })
      .click();
    await loopTab(page, 'Approvals').click();
    const count = page.getByTestId('approvals-count');
    await count.filter({ hasNotText: 'Loading' }).waitFor();
    await expectNoSeriousA11yViolations(page, 'approvals');
    await screenshot(page, 'closed-loop-approvals');
    const before = await page.getByTestId('approval').count();
    if (before > 0) {
      await page.getByTestId('approval').first().getByRole('button', { name: 'Approve' }).click();
      await expect.poll(() => page.getByTestId('approval').count()).toBe(before - 1);
    }
  });

  it('shows the root-cause Pareto chart with its table', async () => {
    await loopTab(page, 'Root causes').click();
    await page.getByTestId('pareto-chart').waitFor();
    const rows = page.getByTestId('pareto-table').locator('tbody tr');
    expect(await rows.count()).toBeGreaterThan(0);
    expect(await rows.last().locator('td').last().textContent()).toBe('100 %');
    await expectNoSeriousA11yViolations(page, 'root-cause Pareto');
    await screenshot(page, 'closed-loop-pareto');
  });

  it('reads the recovery ledger and ROI', async () => {
    await loopTab(page, 'Recovery ledger').click();
    await page.getByRole('heading', { name: 'Spent vs budget this period' }).waitFor();
    await page.getByTestId('roi-by-type').waitFor();
    await expectNoSeriousA11yViolations(page, 'recovery ledger');
    await screenshot(page, 'closed-loop-ledger');
  });

  it('creates an action plan and moves it across the board by keyboard-usable select', async () => {
    await loopTab(page, 'Action plans').click();
    await page.getByTestId('plan-board').waitFor();
    await page.getByRole('button', { name: 'New action plan' }).click();
    const dialog = page.getByRole('dialog', { name: 'New action plan' });
    await dialog.waitFor();
    // The manager's own unit is chosen already.
    await expect.poll(() => dialog.getByLabel('Unit').inputValue()).not.toBe('');
    await expectNoSeriousA11yViolations(page, 'new action plan dialog');
    await dialog.getByRole('button', { name: 'Create plan' }).click();
    await dialog.locator('.field-error[data-field="title"]').waitFor();

    const title = `Call back within a day (${stamp})`;
    await dialog.getByLabel('Title').fill(title);
    await dialog.getByRole('button', { name: 'Create plan' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const card = page.getByTestId('plan-card').filter({ hasText: title });
    await card.waitFor();
    await card.getByLabel('Move to').selectOption('in_progress');
    await page
      .getByRole('region', { name: /In progress/ })
      .getByTestId('plan-card')
      .filter({ hasText: title })
      .waitFor();
    await expectNoSeriousA11yViolations(page, 'action-plan board');
    await screenshot(page, 'closed-loop-plans');
  });

  it('has a notification bell leading to the inbox', async () => {
    await page.getByTestId('notification-bell').click();
    await page.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor();
    await page.getByTestId('notifications').waitFor({ state: 'attached' });
    await expectNoSeriousA11yViolations(page, 'notifications');
    await screenshot(page, 'closed-loop-notifications');
    const markAll = page.getByRole('button', { name: 'Mark all read' });
    if (await markAll.isEnabled()) {
      await markAll.click();
      await expect
        .poll(() => page.getByTestId('notification-bell').getAttribute('aria-label'))
        .toBe('Notifications');
    }
  });

  it('keeps the inbox usable on a phone', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/cases');
    await page.getByTestId('case-row').first().waitFor();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(1);
    await screenshot(page, 'closed-loop-inbox-phone');
  });
});

describe('closed loop: a front-line employee', () => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    ({ context, page } = await signedIn('employee@harbor.example'));
  });
  afterAll(async () => {
    await context?.close();
  });

  it('sees the inbox without bulk assignment and no approvals tab', async () => {
    await page.goto('/cases?status=all');
    await page.getByTestId('cases-count').filter({ hasNotText: 'Loading' }).waitFor();
    expect(await page.getByRole('button', { name: 'Assign' }).count()).toBe(0);
    await expectNoSeriousA11yViolations(page, 'employee case inbox');
    await page.goto('/loop/plans');
    await page.getByTestId('plan-board').waitFor();
    expect(await loopTab(page, 'Approvals').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'New action plan' }).count()).toBe(0);
  });
});

describe('closed loop: the admin edits rules', () => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    ({ context, page } = await signedIn('admin@harbor.example'));
  });
  afterAll(async () => {
    await context?.close();
  });

  it('previews a rule on the last 100 responses, shows field errors, then creates it', async () => {
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Case rules' })
      .click();
    await page.getByTestId('rules-table').waitFor();
    await page.getByRole('button', { name: 'New rule' }).click();
    const name = `Unhappy about waiting ${Date.now().toString(36)}`;
    await page.getByLabel('Name').fill(name);
    // The new rule starts with "NPS detractor": the demo's recent responses include some.
    await page.getByRole('button', { name: 'Test against the last 100 responses' }).click();
    const preview = page.getByTestId('rule-preview-count');
    await preview.waitFor();
    const matched = Number(/Would open (\d+)/.exec((await preview.textContent()) ?? '')?.[1]);
    expect(matched).toBeGreaterThan(0);
    expect(await page.locator('.rule-preview tbody tr').count()).toBeGreaterThan(0);

    await page.getByLabel('Add a condition').selectOption('comment_keywords');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByLabel('Words or phrases').fill('wait, slow, queue');
    await page.getByRole('button', { name: 'Test against the last 100 responses' }).click();
    await page.getByRole('button', { name: 'Test against the last 100 responses' }).waitFor();
    // Conditions are ANDed: a second condition can only narrow the match.
    await expect
      .poll(async () => Number(/Would open (\d+)/.exec((await preview.textContent()) ?? '')?.[1]))
      .toBeLessThanOrEqual(matched);
    await expectNoSeriousA11yViolations(page, 'rule editor with preview');
    await screenshot(page, 'closed-loop-rule-preview');

    await page.getByLabel('SLA (business hours)').fill('');
    await page.getByRole('button', { name: 'Create rule' }).click();
    await page.locator('.field-error[data-field="slaHours"]').waitFor();
    expect(await page.getByLabel('SLA (business hours)').getAttribute('aria-invalid')).toBe('true');

    await page.getByLabel('SLA (business hours)').fill('8');
    await page.getByRole('button', { name: 'Create rule' }).click();
    await page.getByTestId('rules-table').getByRole('rowheader', { name }).waitFor();
    const rules = await apiGet<{ items: Array<{ name: string; slaHours: number }> }>(
      context,
      '/case-rules',
    );
    expect(rules.items.find((r) => r.name === name)?.slaHours).toBe(8);
  });
});
