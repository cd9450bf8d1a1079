/// <reference lib="dom" />
// page.evaluate callbacks run in the browser.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../support/app.ts';
import { expectNoSeriousA11yViolations } from '../support/axe.ts';
import { launchBrowser, newContext, screenshot } from '../support/browser.ts';

let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  context = await newContext(browser);
  page = await context.newPage();
});
afterAll(async () => {
  await browser?.close();
});

const pages: Array<{ name: string; path: string; ready: (p: Page) => Promise<unknown> }> = [
  { name: 'home', path: '/', ready: (p) => p.getByTestId('me-team-size').waitFor() },
  {
    name: 'explorer',
    path: '/explorer',
    ready: (p) => p.getByTestId('support-graph').waitFor(),
  },
  { name: 'people', path: '/people', ready: (p) => p.getByText(/^Showing \d+/).waitFor() },
  {
    name: 'import',
    path: '/admin/import',
    ready: (p) => p.getByLabel('Or paste the CSV').waitFor(),
  },
  { name: 'api-tokens', path: '/admin/tokens', ready: (p) => p.getByLabel('Name').waitFor() },
  {
    name: 'mailbox',
    path: '/admin/mailbox',
    ready: (p) => p.getByRole('heading', { level: 1, name: 'Development mailbox' }).waitFor(),
  },
];

describe('accessibility (axe-core: no serious or critical violations)', () => {
  it('login page', async () => {
    await page.goto('/login');
    await page.getByLabel('E-mail').waitFor();
    await expectNoSeriousA11yViolations(page, 'login');
  });

  it('forgot-password page', async () => {
    await page.goto('/forgot-password');
    await page.getByLabel('E-mail').waitFor();
    await expectNoSeriousA11yViolations(page, 'forgot-password');
    await screenshot(page, 'forgot-password');
  });

  for (const target of pages) {
    it(`${target.name} page`, async () => {
      if (!(await context.cookies()).some((c) => c.name === 'vl_session')) {
        await signIn(page, 'admin@harbor.example');
      }
      await page.goto(target.path);
      await target.ready(page);
      await expectNoSeriousA11yViolations(page, target.name);
      await screenshot(page, `a11y-${target.name}`);
    });
  }

  it('the skip link is the first thing the keyboard reaches and moves to main', async () => {
    await page.goto('/people');
    await page.getByText(/^Showing \d+/).waitFor();
    await page.keyboard.press('Tab');
    const first = await page.evaluate(() => document.activeElement?.textContent ?? '');
    expect(first).toBe('Skip to main content');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
  });
});
