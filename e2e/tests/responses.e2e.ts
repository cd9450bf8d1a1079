/// <reference lib="dom" />
// page.evaluate callbacks run in the browser.
import type { ResponseSummary, Survey, UnitTree } from '@valueloop/contracts';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiGet, apiSend, signIn } from '../support/app.ts';
import { expectNoSeriousA11yViolations } from '../support/axe.ts';
import { launchBrowser, newContext, screenshot } from '../support/browser.ts';

let browser: Browser;
let context: BrowserContext;
let page: Page;

/**
 * The demo organization may already hold responses; when it has no promoters and detractors
 * yet, this creates a few through the ingestion API with an ingest token made for the test.
 */
async function ensureResponses(): Promise<void> {
  const page1 = await apiGet<{ items: ResponseSummary[] }>(context, '/responses?limit=200');
  const categories = new Set(page1.items.map((r) => r.npsCategory));
  if (categories.has('promoter') && categories.has('detractor')) return;

  const survey = await apiSend<Survey>(context, 'POST', '/surveys', {
    name: `E2E responses ${Date.now()}`,
    template: 'customer_value',
  });
  const version = await apiSend<{ version: number }>(
    context,
    'POST',
    `/surveys/${survey.id}/publish`,
  );
  const { token } = await apiSend<{ token: string }>(context, 'POST', '/api-tokens', {
    name: 'e2e responses ingest',
    scopes: ['ingest'],
  });
  const tree = await apiGet<UnitTree>(context, '/units/tree');
  const unit = tree.units.find((u) => u.kind === 'front_line') ?? tree.units[0]!;
  const items = [10, 9, 8, 6, 3, 0].map((nps, i) => ({
    submissionId: `e2e-${survey.id}-${i}`,
    surveyId: survey.id,
    version: version.version,
    unitExternalId: unit.externalId,
    answers: {
      result: nps >= 7 ? 5 : 2,
      ease: nps >= 7 ? 4 : 2,
      price: 3,
      effort: nps >= 7 ? 1 : 4,
      sat: nps >= 7 ? 5 : 2,
      nps,
      comment: nps >= 9 ? 'Quick and friendly, thank you!' : 'I waited far too long.',
    },
  }));
  const response = await context.request.post('/api/v1/responses', {
    headers: { authorization: `Bearer ${token}` },
    data: { items },
  });
  expect(response.status(), await response.text()).toBe(200);
}

const rowCategories = () =>
  page
    .getByTestId('responses-table')
    .locator('tbody tr')
    .evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.nps ?? ''));

beforeAll(async () => {
  browser = await launchBrowser();
  context = await newContext(browser);
  page = await context.newPage();
  await signIn(page, 'admin@harbor.example');
  await ensureResponses();
});
afterAll(async () => {
  await browser?.close();
});

describe('responses', () => {
  it('lists responses and narrows them by NPS category', async () => {
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Responses' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Responses' }).waitFor();
    await page.getByText(/^Showing [1-9]\d* response/).waitFor();
    const all = await rowCategories();
    expect(all.length).toBeGreaterThan(0);
    await expectNoSeriousA11yViolations(page, 'responses');
    await screenshot(page, 'responses', false);

    await page.getByLabel('NPS category').selectOption('detractor');
    await expect.poll(() => page.url()).toContain('npsCategory=detractor');
    await expect
      .poll(async () => {
        const cats = await rowCategories();
        return cats.length > 0 && cats.every((c) => c === 'detractor');
      })
      .toBe(true);
    const csv = page.getByRole('link', { name: 'Export CSV' });
    expect(await csv.getAttribute('href')).toBe(
      '/api/v1/exports/responses.csv?npsCategory=detractor',
    );
    expect(await page.getByRole('link', { name: 'Export XLSX' }).getAttribute('href')).toBe(
      '/api/v1/exports/responses.xlsx?npsCategory=detractor',
    );
    await screenshot(page, 'responses-detractors', false);

    await page.getByLabel('NPS category').selectOption('promoter');
    await expect
      .poll(async () => {
        const cats = await rowCategories();
        return cats.length > 0 && cats.every((c) => c === 'promoter');
      })
      .toBe(true);
  });

  it('exports the filtered set as CSV', async () => {
    const href = await page.getByRole('link', { name: 'Export CSV' }).getAttribute('href');
    const response = await context.request.get(href!);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toContain('text/csv');
  });

  it('opens a response with its answers and scores', async () => {
    await page.getByTestId('responses-table').locator('tbody tr a').first().click();
    const answers = page.getByTestId('answers');
    await answers.waitFor();
    expect(await answers.locator('dt').count()).toBeGreaterThan(0);
    expect(await page.getByText('Promoter').count()).toBeGreaterThan(0);
    await expectNoSeriousA11yViolations(page, 'response detail');
    await screenshot(page, 'response-detail');
  });

  it('lets a manager read responses without the export buttons', async () => {
    const other = await newContext(browser);
    const managerPage = await other.newPage();
    await signIn(managerPage, 'manager@harbor.example');
    const nav = managerPage.getByRole('navigation', { name: 'Main' });
    expect(await nav.getByRole('link', { name: 'Surveys' }).count()).toBe(0);
    await nav.getByRole('link', { name: 'Responses' }).click();
    await managerPage
      .getByTestId('responses-count')
      .getByText(/^Showing/)
      .waitFor();
    expect(await managerPage.getByRole('link', { name: 'Export CSV' }).count()).toBe(0);
    await other.close();
  });
});
