import type { Person, UnitTree } from '@valueloop/contracts';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiGet, DEMO_PASSWORD, signIn } from '../support/app.ts';
import { launchBrowser, newContext, screenshot } from '../support/browser.ts';

let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  context = await newContext(browser);
  page = await context.newPage();
  await signIn(page, 'admin@harbor.example');
});
afterAll(async () => {
  await browser?.close();
});

const importPage = async () => {
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Import' })
    .click();
  await page.getByRole('heading', { level: 1, name: 'Import' }).waitFor();
};

describe('admin import', () => {
  it('shows the per-row error report for a bad CSV and imports nothing', async () => {
    await importPage();
    await page.getByRole('radio', { name: 'People' }).check();
    const csv = [
      'external_id,name,email',
      'E2E-1,Ada Example,not-an-e-mail',
      'E2E-2,,grace@harbor.example',
    ].join('\n');
    await page.getByLabel('Or paste the CSV').fill(csv);
    await page.getByRole('button', { name: 'Import people' }).click();
    const report = page.getByTestId('import-errors');
    await report.waitFor();
    const rows = await report.locator('tbody tr').allTextContents();
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(rows.some((r) => r.startsWith('2') && r.includes('email'))).toBe(true);
    expect(rows.some((r) => r.startsWith('3') && r.includes('name'))).toBe(true);
    expect(await page.getByRole('alert').first().textContent()).toContain('rejected');
    await screenshot(page, 'import-errors');
    const found = await apiGet<{ items: Person[] }>(context, '/people?q=Ada%20Example');
    expect(found.items).toEqual([]);
  });

  it('reports unchanged rows when an existing support edge is imported again', async () => {
    const tree = await apiGet<UnitTree>(context, '/units/tree');
    const byId = new Map(tree.units.map((u) => [u.id, u]));
    const edge = tree.supportEdges[0]!;
    const csv = `from_external_id,to_external_id\n${byId.get(edge.fromUnitId)?.externalId},${byId.get(edge.toUnitId)?.externalId}\n`;
    await page.getByRole('radio', { name: 'Support links' }).check();
    await page.getByLabel('Or paste the CSV').fill(csv);
    await page.getByRole('button', { name: 'Import support links' }).click();
    const result = page.getByTestId('import-result');
    await result.waitFor();
    expect(await result.textContent()).toContain('0 created, 0 updated, 1 unchanged');
    await screenshot(page, 'import-success');
  });
});

describe('API tokens', () => {
  it('shows a new token once and lists it', async () => {
    await page.getByRole('link', { name: 'API tokens' }).click();
    await page.getByLabel('Name').fill('e2e reader');
    await page.getByRole('button', { name: 'Create token' }).click();
    const secret = page.getByTestId('new-token');
    await secret.waitFor();
    expect((await secret.textContent())?.length).toBeGreaterThan(20);
    await page.getByRole('cell', { name: 'e2e reader', exact: true }).waitFor();
    await screenshot(page, 'api-tokens');
  });
});

describe('password reset through the development mailbox', () => {
  it('sends a reset link that sets a new password', async () => {
    // Only people with a login get the e-mail; the employee's password is set back to the
    // demo password so the other files can still sign in.
    const person = { email: 'employee@harbor.example' };
    const newPassword = DEMO_PASSWORD;
    const visitor = await newContext(browser);
    const guest = await visitor.newPage();
    await guest.goto('/login');
    await guest.getByRole('link', { name: 'Forgot your password?' }).click();
    await guest.getByLabel('E-mail').fill(person.email);
    await guest.getByRole('button', { name: 'Send reset link' }).click();
    await guest.getByRole('status').waitFor();

    await page.getByRole('link', { name: 'Mailbox' }).click();
    const message = page.locator('.mail-list li').filter({ hasText: `To ${person.email}` });
    await message.first().waitFor();
    await screenshot(page, 'mailbox');
    const body = (await message.first().locator('pre').textContent()) ?? '';
    const link = body.match(/\/reset-password\?token=[\w-]+/)?.[0];
    expect(link, body).toBeDefined();

    await guest.goto(link!);
    await guest.getByLabel('New password', { exact: true }).fill(newPassword);
    await guest.getByLabel('Repeat the new password').fill(newPassword);
    await guest.getByRole('button', { name: 'Change password' }).click();
    await guest.getByText('Your password is changed').waitFor();
    await signIn(guest, person.email, newPassword);
    await guest.getByTestId('home-employee').waitFor();
    await visitor.close();
  });
});
