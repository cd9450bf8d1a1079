/// <reference lib="dom" />
// page.evaluate callbacks run in the browser.
import type { UnitTree } from '@valueloop/contracts';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../support/app.ts';
import { expectNoSeriousA11yViolations } from '../support/axe.ts';
import { baseUrl, launchBrowser, newContext, screenshot } from '../support/browser.ts';

let browser: Browser;

/** Signs in as the demo admin over the API and creates an invitation link for a new visit. */
async function createInvitationLink(): Promise<string> {
  const admin = await newContext(browser);
  const api = admin.request;
  const ok = async <T = Record<string, string>>(
    response: Awaited<ReturnType<typeof api.get>>,
    what: string,
  ): Promise<T> => {
    expect(response.status(), `${what}: ${await response.text()}`).toBeLessThan(300);
    return (await response.json()) as T;
  };

  await ok(
    await api.post('/api/v1/auth/login', {
      data: { email: 'admin@harbor.example', password: DEMO_PASSWORD },
    }),
    'login',
  );
  const { csrfToken } = await ok(await api.get('/api/v1/auth/session'), 'session');
  const headers = { 'x-csrf-token': csrfToken };
  const { token } = await ok(
    await api.post('/api/v1/api-tokens', {
      headers,
      data: { name: 'e2e survey page', scopes: ['ingest'] },
    }),
    'api token',
  );
  const survey = await ok(
    await api.post('/api/v1/surveys', {
      headers,
      data: {
        name: 'E2E visit survey',
        template: 'customer_value',
        distribution: { channel: 'link', quarantineDays: 0, samplingRate: 1 },
      },
    }),
    'survey',
  );
  await ok(await api.post(`/api/v1/surveys/${survey.id}/publish`, { headers }), 'publish');
  const tree = await ok<UnitTree>(await api.get('/api/v1/units/tree'), 'tree');
  const unit = tree.units.find((u) => u.kind === 'front_line' && u.headcount > 1) ?? tree.units[0]!;
  await admin.close();
  const stamp = Date.now();
  const ingest = await fetch(`${baseUrl()}/api/v1/interactions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      items: [
        {
          externalId: `e2e-visit-${stamp}`,
          customer: { externalId: `e2e-customer-${stamp}` },
          unitExternalId: unit.externalId,
          channel: 'branch',
          occurredAt: new Date().toISOString(),
        },
      ],
    }),
  });
  const body = await ingest.json();
  expect(ingest.status, JSON.stringify(body)).toBe(200);
  const url = body.results[0].invitation?.url as string | undefined;
  expect(url, JSON.stringify(body.results[0])).toBeTruthy();
  return new URL(url!).pathname;
}

/** Selects a value in a radio group with the keyboard: focus the first, Space, arrows. */
async function chooseWithKeyboard(page: Page, name: string, steps: number) {
  await page.locator(`input[name="${name}"]`).first().focus();
  await page.keyboard.press('Space');
  for (let i = 0; i < steps; i++) await page.keyboard.press('ArrowRight');
}

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('public survey page in Chromium', () => {
  it('answers an invitation with the keyboard on a phone-sized screen and reaches the thank-you page', async () => {
    const path = await createInvitationLink();
    // axe is injected as an inline script, which the page's CSP rightly blocks: bypass it here
    // (the next test checks the page under its real CSP).
    const context = await browser.newContext({
      baseURL: baseUrl(),
      viewport: { width: 320, height: 720 },
      locale: 'en-US',
      bypassCSP: true,
    });
    const page = await context.newPage();
    await page.goto(path);
    await page.getByRole('heading', { level: 1, name: 'How did we do?' }).waitFor();
    await expectNoSeriousA11yViolations(page, 'survey page');
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth > document.documentElement.clientWidth,
    );
    expect(overflow, 'no horizontal scrolling at 320 px').toBe(false);

    // Submitting too early: the first missing answer is named inline and gets the focus.
    await page.getByRole('button', { name: 'Send my answers' }).focus();
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.locator('#err-result').textContent())
      .toBe('Please answer this question.');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('result');
    await expectNoSeriousA11yViolations(page, 'survey page with errors');
    await screenshot(page, 'survey-page-errors');

    await chooseWithKeyboard(page, 'result', 3);
    await expect
      .poll(() => page.locator('#save-status').textContent())
      .toContain('Your answers are saved');
    await chooseWithKeyboard(page, 'sat', 4);
    await chooseWithKeyboard(page, 'nps', 9);
    await page.locator('#in-comment').focus();
    await page.keyboard.type('Quick and friendly.');
    await screenshot(page, 'survey-page-answered');

    // Reloading shows the saved answers (resumable).
    await page.waitForTimeout(1000);
    await page.reload();
    expect(await page.locator('input[name="result"][value="4"]').isChecked()).toBe(true);
    expect(await page.locator('input[name="nps"][value="9"]').isChecked()).toBe(true);

    await page.getByRole('button', { name: 'Send my answers' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Thank you' }).waitFor();
    expect(await context.cookies()).toEqual([]);
    await expectNoSeriousA11yViolations(page, 'thank-you page');
    await screenshot(page, 'survey-page-thank-you');

    await page.goto(path);
    await page.getByRole('heading', { level: 1, name: 'Already answered, thank you' }).waitFor();
    await context.close();
  });

  it('runs its script under the real Content-Security-Policy without violations', async () => {
    const path = await createInvitationLink();
    const context = await newContext(browser);
    const page = await context.newPage();
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    await page.goto(path);
    await page.locator('input[name="result"][value="5"]').check();
    await expect
      .poll(() => page.locator('#save-status').textContent())
      .toContain('Your answers are saved');
    expect(violations).toEqual([]);
    await context.close();
  });
});
