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
const surveyName = `E2E customer survey ${Date.now()}`;

beforeAll(async () => {
  browser = await launchBrowser();
  context = await newContext(browser);
  page = await context.newPage();
  await signIn(page, 'admin@harbor.example');
});
afterAll(async () => {
  await browser?.close();
});

const question = (n: number) => page.getByRole('group', { name: new RegExp(`^Question ${n} `) });
const preview = () => page.getByTestId('preview');
const publish = async (version: number) => {
  await page.getByRole('button', { name: 'Publish…' }).click();
  const dialog = page.getByRole('dialog', { name: `Publish version ${version}?` });
  await dialog.waitFor();
  await dialog.getByRole('button', { name: `Publish version ${version}` }).click();
  await page.getByTestId('published').getByText(`Published version ${version}.`).waitFor();
  await page.getByTestId('survey-status').getByText(`version ${version} published`).waitFor();
};

describe('survey editor', () => {
  it('lists surveys and creates one from the customer value template', async () => {
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Surveys' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Surveys' }).waitFor();
    await page.getByRole('button', { name: 'Create survey' }).waitFor();
    await expectNoSeriousA11yViolations(page, 'surveys list');
    await screenshot(page, 'surveys-list');

    await page.getByLabel('Name').fill(surveyName);
    await page.getByRole('radio', { name: /Customer value survey/ }).check();
    await page.getByRole('button', { name: 'Create survey' }).click();
    await page.getByRole('heading', { level: 1, name: surveyName }).waitFor();
    expect(await page.getByTestId('survey-status').textContent()).toContain('never published');
    await expect.poll(() => page.getByRole('group', { name: /^Question \d+ / }).count()).toBe(11);
  });

  it('edits a Spanish question text and the live preview follows', async () => {
    await page.getByLabel('Language', { exact: true }).selectOption('es');
    await preview().getByText('Obtuve el resultado que buscaba').waitFor();
    await question(1).getByLabel('Question text Spanish').fill('Conseguí justo lo que buscaba');
    await preview().getByText('Conseguí justo lo que buscaba').waitFor();
    expect(await preview().getByText('Obtuve el resultado que buscaba').count()).toBe(0);
  });

  it('honours show-if in the preview as answers are clicked', async () => {
    const comment = question(10);
    await comment.getByLabel('Earlier question').selectOption('nps');
    await comment.getByLabel('Condition').selectOption('lte');
    await comment.getByLabel('Value').fill('6');
    const commentText = preview().getByText('¿Algo más que quiera contarnos?');
    expect(await commentText.count()).toBe(0);
    await preview()
      .getByRole('group', { name: /recomiende/ })
      .getByRole('radio', { name: '3', exact: true })
      .check();
    await commentText.waitFor();
    await preview()
      .getByRole('group', { name: /recomiende/ })
      .getByRole('radio', { name: '9', exact: true })
      .check();
    await commentText.waitFor({ state: 'detached' });
  });

  it('moves a question with the keyboard and keeps focus on it', async () => {
    await question(2).getByRole('button', { name: /down$/ }).focus();
    await page.keyboard.press('Enter');
    expect(await question(3).getByLabel('Question id').inputValue()).toBe('ease');
    const focused = await page.evaluate(() => document.activeElement?.getAttribute('aria-label'));
    expect(focused).toBe('Move question 3 (ease) down');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    expect(await question(2).getByLabel('Question id').inputValue()).toBe('ease');
  });

  it('adds and removes a question, moving focus sensibly', async () => {
    await page.getByLabel('New question type').selectOption('single_choice');
    await page.getByRole('button', { name: 'Add question' }).click();
    const added = question(12);
    await added.getByText('Answer options').waitFor();
    expect(
      await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.id),
    ).toMatch(/-text-en$/);
    await added.getByRole('button', { name: /^Remove question 12/ }).click();
    await expect.poll(() => page.getByRole('group', { name: /^Question \d+ / }).count()).toBe(11);
    // The last question went: focus moves to the heading of the one before it.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toMatch(/^Question 11/);
  });

  it('saves the draft and shows a field error next to a duplicate question id', async () => {
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByText('All changes saved').waitFor();

    const idInput = question(2).getByLabel('Question id');
    await idInput.fill('result');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await question(2).getByText("'result' is used twice").waitFor();
    expect(await idInput.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByRole('alert').first().textContent()).toContain('not valid');
    await expectNoSeriousA11yViolations(page, 'survey editor with errors');
    await screenshot(page, 'survey-editor-error');

    await idInput.fill('ease');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByText('All changes saved').waitFor();
    expect(await idInput.getAttribute('aria-invalid')).toBeNull();
  });

  it('publishes version 1, then version 2 after an edit', async () => {
    await publish(1);
    await page.getByLabel('Title Spanish').fill('¿Qué tal lo hicimos?');
    await publish(2);
    await screenshot(page, 'survey-editor', false);
    await expectNoSeriousA11yViolations(page, 'survey editor');

    await page.getByRole('link', { name: 'Versions' }).click();
    const versions = page.getByTestId('versions');
    await versions.waitFor();
    expect(await versions.locator('tbody tr td:first-child').allTextContents()).toEqual([
      'v2',
      'v1',
    ]);
    await screenshot(page, 'survey-versions');
  });

  it('saves distribution settings and shows the open link', async () => {
    await page.getByRole('link', { name: 'Distribution' }).click();
    await page.getByLabel('Sampling rate (%)').fill('50');
    await page.getByLabel('Reminder after (days)').fill('5');
    await page.getByRole('button', { name: 'Save distribution' }).click();
    await page.getByText('Distribution saved.').waitFor();
    await page.getByLabel('Accept responses through an open link').check();
    const link = page.getByTestId('open-link');
    await link.waitFor();
    expect(await link.textContent()).toMatch(/\/s\/o\/[\w-]+$/);
    await expectNoSeriousA11yViolations(page, 'survey distribution');
    await screenshot(page, 'survey-distribution');

    await page.reload();
    await page.getByLabel('Sampling rate (%)').waitFor();
    expect(await page.getByLabel('Sampling rate (%)').inputValue()).toBe('50');
  });

  it('lists the survey with its current version', async () => {
    await page.getByRole('link', { name: 'All surveys' }).click();
    const row = page.getByTestId('survey-list').getByRole('row').filter({ hasText: surveyName });
    await row.filter({ hasText: 'v2' }).waitFor();
    expect(await row.textContent()).toContain('active');
  });
});
