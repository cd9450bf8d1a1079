/// <reference lib="dom" />
// page.evaluate callbacks run in the browser.
import { randomBytes } from 'node:crypto';
import type {
  Participation,
  PulseProgram,
  PulseWave,
  Survey,
  TeamPulse,
} from '@valueloop/contracts';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiGet, apiSend, DEMO_PASSWORD } from '../support/app.ts';
import { expectNoSeriousA11yViolations } from '../support/axe.ts';
import { baseUrl, launchBrowser, screenshot } from '../support/browser.ts';

const EMPLOYEE = 'employee@harbor.example';
/** Written in the comment box; must never come back from any API response. */
const COMMENT = `E2E anonymous comment ${randomBytes(6).toString('hex')}`;
const SLOW = { timeout: 30_000 };

let browser: Browser;
let admin: BrowserContext;
let employee: BrowserContext;
let page: Page;

/** Shared by the steps below, which run in order against one wave. */
const state: { unitId: string; wave: PulseWave; path: string; pulseBefore: TeamPulse } = {
  unitId: '',
  wave: undefined as unknown as PulseWave,
  path: '',
  pulseBefore: undefined as unknown as TeamPulse,
};

/** A phone-sized context without cookies; CSP bypassed so axe's inline script may run. */
function phoneContext(): Promise<BrowserContext> {
  return browser.newContext({
    baseURL: baseUrl(),
    viewport: { width: 390, height: 844 },
    locale: 'en-US',
    bypassCSP: true,
  });
}

/** Selects a value in the radio group that has the focus: Space picks the first, arrows move. */
async function chooseFocused(steps: number) {
  await page.keyboard.press('Space');
  for (let i = 0; i < steps; i++) await page.keyboard.press('ArrowRight');
}

const checkedValue = (name: string) =>
  page.locator(`input[name="${name}"]:checked`).getAttribute('value', SLOW);

beforeAll(async () => {
  browser = await launchBrowser();
  admin = await browser.newContext({ baseURL: baseUrl() });
  const login = await admin.request.post('/api/v1/auth/login', {
    data: { email: 'admin@harbor.example', password: DEMO_PASSWORD },
  });
  expect(login.status(), await login.text()).toBeLessThan(300);
});
afterAll(async () => {
  await employee?.close();
  await admin?.close();
  await browser?.close();
});

describe('the employee’s anonymous pulse survey page /e/:token', () => {
  it('is sent by e-mail when the admin launches a wave of a new pulse program', async () => {
    const surveys = await apiGet<{ items: Survey[] }>(admin, '/surveys');
    const survey = surveys.items.find((s) => s.kind === 'employee_pulse' && s.currentVersion);
    expect(survey, 'the demo has a published employee pulse survey').toBeDefined();
    const people = await apiGet<{ items: Array<{ email: string; unitId: string | null }> }>(
      admin,
      `/people?q=${encodeURIComponent(EMPLOYEE)}`,
    );
    const person = people.items.find((p) => p.email === EMPLOYEE);
    expect(person?.unitId, 'the demo employee has a unit').toBeTruthy();
    state.unitId = person!.unitId!;

    const program = await apiSend<PulseProgram>(admin, 'POST', '/pulse-programs', {
      name: `E2E employee page ${Date.now()}`,
      surveyId: survey!.id,
      cadence: 'monthly',
      populationUnitId: state.unitId,
    });
    const mailboxBefore = await apiGet<{ items: Array<{ id: string }> }>(admin, '/dev/mailbox');
    const seen = new Set(mailboxBefore.items.map((m) => m.id));
    state.wave = await apiSend<PulseWave>(admin, 'POST', `/pulse-programs/${program.id}/waves`, {});
    expect(state.wave.status).toBe('open');

    state.pulseBefore = await apiGet<TeamPulse>(
      admin,
      `/employee-results/team-pulse?unitId=${state.unitId}&surveyId=${survey!.id}&periods=36&scope=unit`,
    );

    // The invitation is mailed by a durable job: wait for it in the development outbox.
    const link = /\/e\/[\w-]{20,}/;
    await expect
      .poll(
        async () => {
          const box = await apiGet<{ items: Array<{ id: string; to: string; body: string }> }>(
            admin,
            '/dev/mailbox',
          );
          const mail = box.items.find(
            (m) => !seen.has(m.id) && m.to.includes(EMPLOYEE) && link.test(m.body),
          );
          state.path = mail ? link.exec(mail.body)![0] : '';
          return state.path;
        },
        { timeout: 60_000, interval: 1_000 },
      )
      .not.toBe('');
  }, 120_000);

  it('opens on a phone with the anonymity notice and no serious axe violations', async () => {
    employee = await phoneContext();
    page = await employee.newPage();
    const response = await page.goto(state.path);
    expect(response?.status()).toBe(200);
    await page.getByRole('heading', { level: 2, name: 'Your answers are anonymous' }).waitFor(SLOW);
    const notice = await page.locator('section[aria-labelledby="anonymity-title"]').textContent();
    expect(notice).toMatch(/groups of at least \d+ people/);
    expect(notice).toContain('Nobody, not your manager and not an administrator');
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth > document.documentElement.clientWidth,
    );
    expect(overflow, 'no sideways scrolling at 390 px').toBe(false);
    await expectNoSeriousA11yViolations(page, 'employee survey page');
    await screenshot(page, 'employee-survey-page-phone');
  }, 90_000);

  it('is answered with the keyboard, saves a draft and resumes it after a reload', async () => {
    // Two agreement items: focus the first radio of "grow", then Tab to the next group.
    await page.locator('input[name="grow"]').first().focus();
    await chooseFocused(3); // 4 of 5
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe(
      'recognition',
    );
    await chooseFocused(1); // 2 of 5
    await expect
      .poll(() => page.locator('#save-status').textContent(), SLOW)
      .toContain('Your answers are saved');

    // Typing saves after a pause: wait for the draft save that carries the comment.
    const commentSaved = page.waitForResponse(
      (r) =>
        r.url().includes('/draft') &&
        r.request().method() === 'PUT' &&
        (r.request().postData() ?? '').includes(COMMENT),
      SLOW,
    );
    await page.locator('#in-comment').focus();
    await page.keyboard.type(COMMENT);
    expect((await commentSaved).status()).toBe(200);

    await page.reload();
    await page.locator('form.survey').waitFor(SLOW);
    expect(await checkedValue('grow')).toBe('4');
    expect(await checkedValue('recognition')).toBe('2');
    expect(await page.locator('#in-comment').inputValue()).toBe(COMMENT);
    expect(await page.locator('input[name="solve"]:checked').count()).toBe(0);
  }, 90_000);

  it('names the missing required answer, linked to its question, and moves focus to it', async () => {
    await page.getByRole('button', { name: 'Send my answers' }).focus();
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.locator('#err-solve').textContent(), SLOW)
      .toBe('Please answer this question.');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('name')))
      .toBe('solve');
    const question = page.locator('#q-solve');
    expect(await question.getAttribute('aria-describedby')).toBe('err-solve');
    expect(await question.getAttribute('class')).toContain('invalid');
    // The answers given so far are untouched.
    expect(await checkedValue('grow')).toBe('4');
    await expectNoSeriousA11yViolations(page, 'employee survey page with an error');
    await screenshot(page, 'employee-survey-page-error');
  }, 90_000);

  it('without its script, shows a focused error summary that links to the question', async () => {
    // The page works without JavaScript: block its script (axe still needs JavaScript to run).
    const plain = await phoneContext();
    await plain.route('**/s/assets/survey.js*', (route) => route.abort());
    try {
      const noScript = await plain.newPage();
      await noScript.goto(state.path);
      await noScript.getByRole('button', { name: 'Send my answers' }).waitFor(SLOW);
      const posted = noScript.waitForResponse(
        (r) => r.request().method() === 'POST' && r.url().includes(state.path),
        SLOW,
      );
      await noScript.getByRole('button', { name: 'Send my answers' }).focus();
      await noScript.keyboard.press('Enter');
      expect((await posted).status()).toBe(422);
      const summary = noScript.locator('#error-summary');
      await summary.waitFor(SLOW);
      expect(await summary.getAttribute('role')).toBe('alert');
      expect(await summary.locator('a').first().getAttribute('href')).toBe('#q-solve');
      await expect
        .poll(() => noScript.evaluate(() => document.activeElement?.id))
        .toBe('error-summary');
      expect(await noScript.locator('#q-solve').getAttribute('aria-describedby')).toBe('err-solve');
      expect(await noScript.locator('#err-solve').textContent()).toBe(
        'Please answer this question.',
      );
      await expectNoSeriousA11yViolations(noScript, 'employee survey page, error summary');
      await screenshot(noScript, 'employee-survey-page-error-summary');
    } finally {
      await plain.close();
    }
  }, 90_000);

  it('sends the answers and shows a thank-you page whose URL has no token', async () => {
    await page.locator('input[name="solve"]').first().focus();
    await chooseFocused(4); // 5 of 5
    await expect.poll(() => page.locator('#err-solve').textContent()).toBe('');
    await page.getByRole('button', { name: 'Send my answers' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Thank you' }).waitFor(SLOW);
    const url = new URL(page.url());
    expect(url.pathname).toBe('/e/thanks');
    expect(page.url()).not.toContain(state.path.slice(3));
    expect(await employee.cookies()).toEqual([]);
    await expectNoSeriousA11yViolations(page, 'employee thank-you page');
    await screenshot(page, 'employee-survey-page-thanks');
  }, 90_000);

  it('answers a second visit with “already answered” (409) and a forged link with 404', async () => {
    const again = await page.goto(state.path);
    expect(again?.status()).toBe(409);
    await page
      .getByRole('heading', { level: 1, name: 'Already answered, thank you' })
      .waitFor(SLOW);
    expect(await page.locator('form.survey').count()).toBe(0);
    await expectNoSeriousA11yViolations(page, 'employee page: already answered');
    await screenshot(page, 'employee-survey-page-answered');

    const forged = `/e/${randomBytes(32).toString('base64url')}`;
    expect(forged.length).toBe(3 + 43);
    const unknown = await page.goto(forged);
    expect(unknown?.status()).toBe(404);
    await page.getByRole('heading', { level: 1, name: 'This link does not work' }).waitFor(SLOW);
    await expectNoSeriousA11yViolations(page, 'employee page: unknown link');
    await screenshot(page, 'employee-survey-page-unknown');
  }, 90_000);

  it('counts the response in participation and shows no answer before the wave closes', async () => {
    const texts: string[] = [];
    const read = async <T>(path: string): Promise<T> => {
      const response = await admin.request.get(`/api/v1${path}`);
      const text = await response.text();
      expect(response.status(), `GET ${path}: ${text}`).toBe(200);
      texts.push(text);
      return JSON.parse(text) as T;
    };

    const participation = await read<Participation>(`/pulse-waves/${state.wave.id}/participation`);
    expect(participation.wave.responded).toBeGreaterThanOrEqual(1);
    const row = participation.rows.find((r) => r.unitId === state.unitId);
    expect(row, 'the employee’s unit has a participation row').toBeDefined();
    if (row!.status === 'shown') {
      expect(row!.responded).toBeGreaterThanOrEqual(1);
    } else {
      // A group smaller than k: no counts and no rate at all.
      expect(row).toMatchObject({ status: 'small_group', responded: null, rate: null });
    }

    // Results are released only when the wave closes: the open period adds nothing.
    const pulse = await read<TeamPulse>(
      `/employee-results/team-pulse?unitId=${state.unitId}&surveyId=${state.pulseBefore.surveyId}&periods=36&scope=unit`,
    );
    expect(pulse).toEqual(state.pulseBefore);
    const hadPeriod = state.pulseBefore.trend.some((t) => t.period === state.wave.period);
    if (!hadPeriod) expect(pulse.trend.map((t) => t.period)).not.toContain(state.wave.period);

    await read(`/pulse-programs/${state.wave.programId}/waves`);
    await read('/employee-results/heatmap');
    await read('/dev/mailbox');
    for (const text of texts) expect(text).not.toContain(COMMENT);
  }, 90_000);
});
