/// <reference lib="dom" />
// page.evaluate callbacks run in the browser.
import type {
  Heatmap,
  Participation,
  PulseProgram,
  PulseWave,
  ResultCell,
  Retention,
  TeamPulse,
} from '@valueloop/contracts';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiGet, signIn, textOf } from '../support/app.ts';
import { expectNoSeriousA11yViolations } from '../support/axe.ts';
import { launchBrowser, newContext, screenshot } from '../support/browser.ts';

const SUPPRESSED = 'Not enough responses';

/** How the page prints an index: whole numbers, halves away from zero, eNPS signed, U+2212 minus. */
function printed(code: string, cell: ResultCell): string {
  if (cell.status === 'suppressed') return SUPPRESSED;
  const value = cell.means[code];
  if (value === null || value === undefined) return 'No answers';
  const rounded = Math.sign(value) * Math.round(Math.abs(value));
  if (rounded < 0) return `−${Math.abs(rounded)}`;
  return code === 'enps' && rounded > 0 ? `+${rounded}` : String(rounded);
}

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

/** The team pulse page's index cards equal the API's latest period, index by index. */
async function expectTeamPulseMatches(page: Page, pulse: TeamPulse): Promise<void> {
  const view = page.getByTestId('team-pulse');
  await expect.poll(() => view.getAttribute('data-unit-id')).toBe(pulse.unit.id);
  const latest = pulse.trend[pulse.trend.length - 1];
  expect(latest, 'the demo has released pulse periods').toBeDefined();
  for (const code of pulse.indices) {
    expect(await textOf(page, `index-${code}`), code).toBe(printed(code, latest!.cell));
  }
  const attitude = pulse.newcomers;
  expect(await textOf(page, 'newcomer-attitude')).toBe(printed('attitude', attitude));
  if (pulse.comments.status === 'suppressed') {
    expect(await page.getByTestId('comments-suppressed').textContent()).toContain(SUPPRESSED);
  } else {
    expect(await page.getByTestId('comments').locator('li').count()).toBe(
      pulse.comments.texts.length,
    );
  }
}

describe('employee voice: the manager', () => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    ({ context, page } = await signedIn('manager@harbor.example'));
  });
  afterAll(async () => {
    await context?.close();
  });

  it('reads the team pulse of their unit with the same figures as the API', async () => {
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Employee voice' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Team pulse' }).waitFor();
    const pulse = await apiGet<TeamPulse>(context, '/employee-results/team-pulse?periods=12');
    await page.getByTestId('team-pulse').waitFor();
    await expectTeamPulseMatches(page, pulse);
    // A manager never sees the organization-wide pages.
    const tabs = page.getByRole('navigation', { name: 'Employee voice' });
    expect(await tabs.getByRole('link', { name: 'Value for managers' }).count()).toBe(0);
    expect(await tabs.getByRole('link', { name: 'Pulse programs' }).count()).toBe(0);
    await expectNoSeriousA11yViolations(page, 'team pulse (manager)');
    await screenshot(page, 'pulse-team-manager');
  });

  it('finds the team pulse summary on the home page, suppressed figures as words', async () => {
    await page.goto('/');
    const summary = page.getByTestId('pulse-summary');
    await summary.getByRole('link', { name: 'Open the team pulse' }).waitFor();
    const pulse = await apiGet<TeamPulse>(context, '/employee-results/team-pulse?periods=1');
    const latest = pulse.trend[pulse.trend.length - 1];
    if (latest) {
      await expect.poll(() => summary.textContent()).toContain(printed('evi', latest.cell));
    }
    await expectNoSeriousA11yViolations(page, 'home with team pulse (manager)');
  });

  it('sees only their subtree in the heatmap', async () => {
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Employee voice' })
      .click();
    await page
      .getByRole('navigation', { name: 'Employee voice' })
      .getByRole('link', { name: 'Heatmap' })
      .click();
    const table = page.getByTestId('heatmap');
    await table.waitFor();
    const heatmap = await apiGet<Heatmap>(context, '/employee-results/heatmap');
    await page.getByRole('button', { name: 'Expand all' }).click();
    expect(await table.locator('tbody tr').count()).toBe(heatmap.rows.length);
    await expectNoSeriousA11yViolations(page, 'heatmap (manager)');
  });
});

describe('employee voice: the executive', () => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    ({ context, page } = await signedIn('ceo@harbor.example'));
  });
  afterAll(async () => {
    await context?.close();
  });

  it('reads the heatmap: values equal the API, small groups say "Not enough responses"', async () => {
    await page.goto('/pulse/heatmap');
    const table = page.getByTestId('heatmap');
    await table.waitFor();
    const heatmap = await apiGet<Heatmap>(context, '/employee-results/heatmap');
    expect(heatmap.rows.length).toBeGreaterThan(1);
    await page.getByRole('button', { name: 'Expand all' }).click();
    await expect.poll(() => table.locator('tbody tr').count()).toBe(heatmap.rows.length);

    const suppressed = heatmap.rows.filter((r) => r.cell.status === 'suppressed');
    const shown = heatmap.rows.filter((r) => r.cell.status === 'shown');
    expect(suppressed.length, 'the demo has small teams').toBeGreaterThan(0);
    expect(shown.length).toBeGreaterThan(0);

    for (const row of suppressed) {
      const cells = table.locator(`tr[data-unit-id="${row.unitId}"] td`);
      const texts = await cells.allTextContents();
      expect(texts.join(' ')).toContain(SUPPRESSED);
      expect(texts.join(' '), `no number for ${row.unitName}`).not.toMatch(/\d/);
      expect(
        await table.locator(`tr[data-unit-id="${row.unitId}"] td.cell-suppressed`).count(),
      ).toBe(1);
    }
    for (const row of shown) {
      const tr = table.locator(`tr[data-unit-id="${row.unitId}"]`);
      if (row.cell.status !== 'shown') continue;
      expect((await tr.locator('td').first().textContent())?.trim()).toBe(String(row.cell.n));
      for (const code of heatmap.indices) {
        const td = tr.locator(`td[data-index="${code}"]`);
        const expected = printed(code, row.cell);
        if (expected === 'No answers') expect(await td.getAttribute('data-status')).toBe('missing');
        else expect((await td.textContent())?.trim(), `${row.unitName} ${code}`).toBe(expected);
      }
    }
    await expectNoSeriousA11yViolations(page, 'heatmap (executive)');
    await screenshot(page, 'pulse-heatmap');
  });

  it('drills down the unit tree with the keyboard', async () => {
    const table = page.getByTestId('heatmap');
    const heatmap = await apiGet<Heatmap>(context, '/employee-results/heatmap');
    const parentIds = new Set(heatmap.rows.map((r) => r.parentId));
    const parent = heatmap.rows.find((r) => parentIds.has(r.unitId));
    expect(parent, 'the demo has a unit with children').toBeDefined();
    const children = heatmap.rows.filter((r) => r.parentId === parent!.unitId);
    const collapse = page.getByRole('button', { name: `Collapse ${parent!.unitName}` });
    await collapse.focus();
    await page.keyboard.press('Enter');
    const expand = page.getByRole('button', { name: `Expand ${parent!.unitName}` });
    expect(await expand.getAttribute('aria-expanded')).toBe('false');
    expect(await table.locator(`tr[data-unit-id="${children[0]!.unitId}"]`).count()).toBe(0);
    await expand.focus();
    await page.keyboard.press('Space');
    await table.locator(`tr[data-unit-id="${children[0]!.unitId}"]`).waitFor();
  });

  it('filters the heatmap by period and tenure through the URL', async () => {
    const heatmap = await apiGet<Heatmap>(context, '/employee-results/heatmap');
    const earlier = heatmap.periods[heatmap.periods.length - 2];
    expect(earlier).toBeDefined();
    await page.getByLabel('Period').selectOption(earlier!);
    await page.getByLabel('Tenure').selectOption('newcomers');
    await expect.poll(() => page.url()).toContain(`period=${earlier}`);
    await expect.poll(() => page.url()).toContain('tenure=newcomers');
    const filtered = await apiGet<Heatmap>(
      context,
      `/employee-results/heatmap?period=${earlier}&tenure=newcomers`,
    );
    const caption = page.getByTestId('heatmap').locator('caption');
    await expect.poll(() => caption.textContent()).toContain('Newcomers');
    const firstShown = filtered.rows.find((r) => r.cell.status === 'shown');
    if (firstShown) {
      await page.getByRole('button', { name: 'Expand all' }).click();
      const code = filtered.indices[0]!;
      const td = page
        .getByTestId('heatmap')
        .locator(`tr[data-unit-id="${firstShown.unitId}"] td[data-index="${code}"]`);
      const expected = printed(code, firstShown.cell);
      if (expected !== 'No answers') {
        await expect.poll(async () => (await td.textContent())?.trim()).toBe(expected);
      }
    }
  });

  it('reads the team pulse of a chosen unit with the API’s figures', async () => {
    const heatmap = await apiGet<Heatmap>(context, '/employee-results/heatmap');
    const unit = heatmap.rows.find((r) => r.cell.status === 'shown' && r.depth <= 1);
    expect(unit).toBeDefined();
    await page.goto('/pulse');
    await page.getByTestId('team-pulse').waitFor();
    await page.getByLabel('Unit', { exact: true }).selectOption(unit!.unitId);
    const pulse = await apiGet<TeamPulse>(
      context,
      `/employee-results/team-pulse?unitId=${unit!.unitId}&periods=12`,
    );
    await expectTeamPulseMatches(page, pulse);
    expect(await page.locator('[data-testid^="trend-chart-"]').count()).toBeGreaterThan(0);
    await expectNoSeriousA11yViolations(page, 'team pulse (executive)');
    await screenshot(page, 'pulse-team-executive');
  });

  it('reads the value for middle managers and internal service', async () => {
    await page.goto('/pulse/upward');
    await page.getByTestId('upward-heatmap').waitFor();
    await expectNoSeriousA11yViolations(page, 'upward');
    await screenshot(page, 'pulse-upward');
    await page.goto('/pulse/internal-service');
    await page.getByTestId('internal-service').waitFor();
    await expectNoSeriousA11yViolations(page, 'internal service');
    await screenshot(page, 'pulse-internal-service');
  });

  it('shows participation per wave and per unit, small groups without rates', async () => {
    await page.goto('/pulse/participation');
    const programs = await apiGet<{ items: PulseProgram[] }>(context, '/pulse-programs');
    const pulseProgram = programs.items.find((p) => p.kind === 'employee_pulse');
    expect(pulseProgram).toBeDefined();
    const waves = await apiGet<{ items: PulseWave[] }>(
      context,
      `/pulse-programs/${pulseProgram!.id}/waves`,
    );
    const newest = [...waves.items].sort((a, b) => b.period.localeCompare(a.period))[0]!;
    const row = page.locator(`li[data-wave-id="${newest.id}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain(`${newest.responded} of ${newest.invited} responded`);
    const table = page.getByTestId('participation-table');
    await table.waitFor();
    const participation = await apiGet<Participation>(
      context,
      `/pulse-waves/${newest.id}/participation`,
    );
    expect(await table.locator('tbody tr').count()).toBe(participation.rows.length);
    const small = participation.rows.filter((r) => r.status === 'small_group').length;
    expect(await table.locator('tbody tr[data-status="small_group"]').count()).toBe(small);
    await expectNoSeriousA11yViolations(page, 'participation');
    await screenshot(page, 'pulse-participation');
  });

  it('shows retention by unit with suppressed cells as words', async () => {
    await page.goto('/pulse/retention');
    const table = page.getByTestId('retention-table');
    await table.waitFor();
    const retention = await apiGet<Retention>(context, '/hr/retention');
    const units = new Set(retention.rows.map((r) => r.unitId));
    expect(await table.locator('tbody tr').count()).toBe(units.size);
    const suppressed = retention.rows.filter((r) => r.cell.status === 'suppressed').length;
    expect(await table.locator('td.cell-suppressed').count()).toBe(suppressed);
    await expectNoSeriousA11yViolations(page, 'retention');
    await screenshot(page, 'pulse-retention', false);
  });

  it('fits a phone screen without sideways scrolling of the page', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/pulse/heatmap');
    await page.getByTestId('heatmap').waitFor();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'pulse-heatmap-phone', false);
  });
});

describe('employee voice: the administrator', () => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    ({ context, page } = await signedIn('admin@harbor.example'));
  });
  afterAll(async () => {
    await context?.close();
  });

  it('creates a program, launches and closes a wave, pauses and resumes it', async () => {
    await page.goto('/pulse/programs');
    await page.getByTestId('program-list').waitFor();
    const before = await apiGet<{ items: PulseProgram[] }>(context, '/pulse-programs');
    expect(await page.locator('[data-program-id]').count()).toBe(before.items.length);
    await expectNoSeriousA11yViolations(page, 'pulse programs');
    await screenshot(page, 'pulse-programs');

    const template = before.items.find((p) => p.kind === 'employee_pulse')!;
    const me = await apiGet<{ unit: { id: string; name: string } }>(context, '/people/me');
    const name = `E2E pulse ${Date.now()}`;
    await page.getByLabel('Name').fill(name);
    await page.getByLabel('Survey').selectOption(template.surveyId);
    await page.getByLabel('Cadence').selectOption('quarterly');
    await page.getByLabel('Who is invited').selectOption(me.unit.id);
    await page.getByRole('button', { name: 'Create program' }).click();
    const card = page.locator('section[data-program-id]', { hasText: name });
    await card.waitFor();
    expect(await card.textContent()).toContain('Quarterly');
    expect(await card.textContent()).toContain(me.unit.name);

    await card.getByRole('button', { name: /Launch a wave now/ }).click();
    const waveRow = card.getByTestId('wave-table').locator('tbody tr').first();
    await waveRow.waitFor();
    expect(await waveRow.textContent()).toContain('open');
    await waveRow.getByRole('button', { name: /Close/ }).click();
    await expect.poll(() => waveRow.textContent()).not.toContain('open');

    await card.getByRole('button', { name: /Pause/ }).click();
    await expect.poll(() => card.locator('.badge').first().textContent()).toBe('paused');
    await card.getByRole('button', { name: /Resume/ }).click();
    await expect.poll(() => card.locator('.badge').first().textContent()).toBe('active');
    await screenshot(page, 'pulse-programs-created');
  });

  it('rejects a bad HR file with per-row errors', async () => {
    await page.goto('/pulse/hr-import');
    await page
      .getByLabel('Or paste the CSV')
      .fill('person_external_id,exit_date,reason\nno-such-person,2026-02-30,bored\n');
    await page.getByRole('button', { name: 'Import exits' }).click();
    const report = page.getByTestId('import-errors');
    await report.waitFor();
    const columns = await report.locator('tbody tr td:nth-child(2)').allTextContents();
    expect(columns).toEqual(expect.arrayContaining(['exit_date', 'reason']));
    await expectNoSeriousA11yViolations(page, 'HR import');
    await screenshot(page, 'pulse-hr-import-errors');
  });

  it('replaces the home page placeholder with links to employee voice', async () => {
    await page.goto('/');
    await page.getByRole('link', { name: 'Run pulse programs for employees' }).waitFor();
  });
});
