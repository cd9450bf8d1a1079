import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoLogins, getMe, getTree, signIn, textOf } from '../support/app.ts';
import { launchBrowser, newContext, screenshot } from '../support/browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('signing in', () => {
  it('shows a clear error for a wrong password', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto('/login');
    await page.getByLabel('E-mail').fill('analyst@harbor.example');
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Wrong e-mail or password');
    expect(page.url()).toContain('/login');
    await screenshot(page, 'login-wrong-password');
    await context.close();
  });

  it('sends a signed-out visitor to the login page and back after signing in', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto('/people');
    await page.waitForURL(/\/login\?redirect=/);
    await screenshot(page, 'login');
    await page.getByLabel('E-mail').fill('employee@harbor.example');
    await page.getByLabel('Password').fill('valueloop-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'People' }).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await context.close();
  });
});

describe('home page per role', () => {
  for (const { email, role } of demoLogins) {
    it(`shows ${email} (${role}) their unit, manager and team from the API`, async () => {
      const context = await newContext(browser);
      const page = await context.newPage();
      await signIn(page, email);
      await page.getByTestId(`home-${role}`).waitFor();
      await page.getByTestId('me-team-size').waitFor();
      const me = await getMe(context);
      expect(await textOf(page, 'me-unit')).toBe(me.unit?.name ?? 'No unit assigned');
      expect(await textOf(page, 'me-manager')).toBe(me.manager?.name ?? 'No manager recorded');
      expect(await textOf(page, 'me-team-size')).toBe(String(me.teamSize));

      const nav = page.getByRole('navigation', { name: 'Main' });
      const adminLinks = await nav.getByRole('link', { name: 'Import' }).count();
      expect(adminLinks).toBe(role === 'admin' ? 1 : 0);

      if (role === 'executive' || role === 'admin') {
        await page.getByTestId('org-units').waitFor();
        const tree = await getTree(context);
        expect(await textOf(page, 'org-units')).toBe(tree.units.length.toLocaleString('en'));
        const people = tree.units.reduce((sum, u) => sum + u.headcount, 0);
        expect(await textOf(page, 'org-people')).toBe(people.toLocaleString('en'));
      } else {
        expect(await page.getByTestId('org-units').count()).toBe(0);
      }
      if (role !== 'admin') {
        // Later modules are announced honestly, without numbers.
        expect(await page.getByText(/^Coming with /).count()).toBeGreaterThan(0);
      }
      await screenshot(page, `home-${role}`);
      await context.close();
    });
  }
});
