import type { Person } from '@valueloop/contracts';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiGet, signIn } from '../support/app.ts';
import { launchBrowser, newContext, screenshot } from '../support/browser.ts';

let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  context = await newContext(browser);
  page = await context.newPage();
  await signIn(page, 'analyst@harbor.example');
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'People' })
    .click();
  await page.getByRole('heading', { level: 1, name: 'People' }).waitFor();
});
afterAll(async () => {
  await browser?.close();
});

const bodyRows = (p: Page) => p.getByRole('table', { name: 'People' }).locator('tbody tr');

describe('people list', () => {
  it('loads more people with the keyset cursor', async () => {
    await page.getByRole('button', { name: 'Load more' }).waitFor();
    expect(await bodyRows(page).count()).toBe(25);
    await page.getByRole('button', { name: 'Load more' }).click();
    await page.getByText('Showing 50 people').waitFor();
    expect(await bodyRows(page).count()).toBe(50);
  });

  it('finds a person by name', async () => {
    // Someone beyond the first pages, so the row can only come from the search.
    const sample = await apiGet<{ items: Person[] }>(context, '/people?limit=150');
    const person = sample.items[sample.items.length - 1]!;
    await page.getByLabel('Search by name or e-mail').fill(person.name);
    const row = bodyRows(page).filter({ hasText: person.email });
    await row.waitFor();
    expect(await row.textContent()).toContain(person.name);
    await expect
      .poll(async () => {
        const all = await bodyRows(page).allTextContents();
        return all.every((t) => t.toLowerCase().includes(person.name.toLowerCase()));
      })
      .toBe(true);
    await screenshot(page, 'people-search');
  });

  it('says so when nobody matches', async () => {
    await page.getByLabel('Search by name or e-mail').fill('zzz-nobody-has-this-name');
    await page.getByText('Showing 0 people').waitFor();
    expect(await bodyRows(page).count()).toBe(0);
  });
});
