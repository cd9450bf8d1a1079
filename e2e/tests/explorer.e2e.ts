/// <reference lib="dom" />
// page.evaluate callbacks run in the browser.
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getTree, signIn } from '../support/app.ts';
import { artifactsDir, launchBrowser, newContext, screenshot } from '../support/browser.ts';

let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  context = await newContext(browser);
  page = await context.newPage();
  await signIn(page, 'ceo@harbor.example');
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Organization' })
    .click();
  await page.getByRole('tree', { name: 'Organization units' }).waitFor();
});
afterAll(async () => {
  await browser?.close();
});

const focused = (p: Page) =>
  p.evaluate(() => {
    const el = document.activeElement;
    return {
      role: el?.getAttribute('role') ?? null,
      level: Number(el?.getAttribute('aria-level') ?? 0),
      expanded: el?.getAttribute('aria-expanded') ?? null,
      label: el?.querySelector('.tree-name')?.textContent ?? '',
    };
  });

describe('organization explorer', () => {
  it('shows the top of the unit tree with headcounts and kinds', async () => {
    const tree = await getTree(context);
    const ids = new Set(tree.units.map((u) => u.id));
    const roots = tree.units.filter((u) => !u.parentId || !ids.has(u.parentId));
    const level1 = page.locator('[role="treeitem"][aria-level="1"]');
    expect(await level1.count()).toBe(roots.length);
    const withChildren = roots.filter((r) => tree.units.some((u) => u.parentId === r.id));
    expect(withChildren.length).toBeGreaterThan(0);
    for (const root of withChildren) {
      const item = page.locator(`#unit-${root.id}`);
      expect(await item.getAttribute('aria-expanded')).toBe('true');
      const text = await item.textContent();
      expect(text).toContain(root.name);
      expect(text).toContain(`${root.subtreeHeadcount} in total`);
      if (root.manager) expect(text).toContain(root.manager.name);
    }
    await screenshot(page, 'explorer', false);
  });

  it('moves through the tree with the keyboard', async () => {
    const tree = await getTree(context);
    const parentIds = new Set(tree.units.map((u) => u.parentId));
    const top = tree.units
      .filter((u) => !u.parentId && parentIds.has(u.id))
      .sort((a, b) => a.name.localeCompare(b.name))[0]!;
    await page.locator(`#unit-${top.id}`).focus();
    const start = await focused(page);
    expect(start).toMatchObject({ role: 'treeitem', level: 1, expanded: 'true', label: top.name });

    await page.keyboard.press('ArrowRight'); // open node: to its first child
    const child = await focused(page);
    expect(child.level).toBe(2);
    await page.keyboard.press('ArrowDown');
    const sibling = await focused(page);
    expect(sibling.label).not.toBe(child.label);

    await page.keyboard.press('ArrowUp');
    expect((await focused(page)).label).toBe(child.label);
    await page.keyboard.press('ArrowLeft'); // closed child: to its parent
    expect(await focused(page)).toMatchObject({ level: 1, label: top.name });
    await page.keyboard.press('ArrowLeft'); // open parent: collapses
    expect((await focused(page)).expanded).toBe('false');
    await page.keyboard.press('ArrowRight'); // expands again
    expect((await focused(page)).expanded).toBe('true');

    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter'); // selects
    const selected = await focused(page);
    const details = page.getByTestId('unit-details');
    await details.waitFor();
    expect(await details.getByRole('heading', { level: 2 }).textContent()).toContain(
      selected.label,
    );
    expect(
      await page.locator('[role="treeitem"][aria-selected="true"]').getAttribute('aria-level'),
    ).toBe('2');
    await screenshot(page, 'explorer-selected');
  });

  it('draws one line per support edge between back office and the units it serves', async () => {
    const tree = await getTree(context);
    expect(tree.supportEdges.length).toBeGreaterThan(0);
    await page.getByTestId('support-graph').waitFor();
    expect(await page.getByTestId('support-edge').count()).toBe(tree.supportEdges.length);
    await page
      .getByTestId('support-graph')
      .screenshot({ path: path.join(artifactsDir, 'explorer-support-graph.png') });
    await page.getByText('Support links as a table').click();
    const rows = page.locator('.graph-table tbody tr');
    expect(await rows.count()).toBe(tree.supportEdges.length);
    await screenshot(page, 'explorer-support');
  });
});
