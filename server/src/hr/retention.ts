import type { Retention } from '@valueloop/contracts';
import { and, eq, gte, isNotNull, isNull, lte, or } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { organizations, people, units } from '../db/schema/index.ts';
import { forbidden, notFound, validationFailed } from '../http/errors.ts';
import type { Visibility } from '../policies/index.ts';
import { addMonths, firstDay, monthOf, monthsBetween } from './months.ts';
import { type DirectCount, releaseRetentionMonth } from './retention-cells.ts';

/** The longest range one request may ask for. */
export const MAX_RETENTION_MONTHS = 60;

interface UnitNode {
  id: string;
  parentId: string | null;
  name: string;
}

/** Units of the tree in depth-first order (siblings by name), each with its ancestors. */
function walkTree(all: UnitNode[]) {
  const children = new Map<string | null, UnitNode[]>();
  const ids = new Set(all.map((u) => u.id));
  for (const u of all) {
    const parent = u.parentId && ids.has(u.parentId) ? u.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), u]);
  }
  for (const list of children.values()) list.sort((a, b) => a.name.localeCompare(b.name));
  const order: UnitNode[] = [];
  const ancestors = new Map<string, string[]>();
  const visit = (u: UnitNode, path: string[]) => {
    if (ancestors.has(u.id)) return; // a cycle cannot happen, but never loop
    order.push(u);
    ancestors.set(u.id, [...path, u.id]);
    for (const c of children.get(u.id) ?? []) visit(c, [...path, u.id]);
  };
  for (const root of children.get(null) ?? []) visit(root, []);
  return { order, ancestors };
}

/** The unit and everything below it, in tree order. */
function subtreeOf(order: UnitNode[], ancestors: Map<string, string[]>, rootId: string) {
  return order.filter((u) => ancestors.get(u.id)?.includes(rootId));
}

/** Defaults to the last 12 complete months; checks the order and length of the range. */
function resolveRange(query: { from?: string; to?: string }, now: Date) {
  const to = query.to ?? (query.from ? addMonths(query.from, 11) : addMonths(monthOf(now), -1));
  const from = query.from ?? addMonths(to, -11);
  if (from > to) {
    throw validationFailed([{ field: 'from', message: `must not be after to (${to})` }]);
  }
  if (monthsBetween(from, to).length > MAX_RETENTION_MONTHS) {
    throw validationFailed([
      { field: 'to', message: `the range may span at most ${MAX_RETENTION_MONTHS} months` },
    ]);
  }
  return { from, to };
}

/**
 * Retention per unit (with its subtree) and month: headcount at the month's first day (hired on
 * or before it, not exited before it), exits during the month among those people, and
 * retention = 1 − exits / headcount. Cells describe people, so they pass the confidentiality
 * engine (retention-cells.ts): below the organization's k, or when a hidden group could be
 * derived by subtraction, a cell is suppressed (no numbers).
 *
 * Approximation: people are counted in their CURRENT unit for every month — no unit history is
 * kept, so someone who moved is counted where they are now (and an exited person where they
 * were last). People without a hire date count as present since before the range.
 */
export async function getRetention(opts: {
  db: Db;
  orgId: string;
  visibility: Visibility;
  query: { from?: string; to?: string; unitId?: string };
  now?: Date;
}): Promise<Retention> {
  const { db, orgId, visibility, query } = opts;
  if (visibility.kind === 'self') throw forbidden('Retention is visible to managers and HR only');
  const { from, to } = resolveRange(query, opts.now ?? new Date());

  const [org] = await db
    .select({ k: organizations.minGroupSize })
    .from(organizations)
    .where(eq(organizations.id, orgId));
  const k = org?.k ?? 5;
  const unitRows = await db
    .select({ id: units.id, parentId: units.parentId, name: units.name })
    .from(units)
    .where(eq(units.orgId, orgId));
  const { order, ancestors } = walkTree(unitRows);
  let shown = order;
  if (visibility.kind === 'subtree') shown = subtreeOf(order, ancestors, visibility.rootUnitId);
  if (query.unitId) {
    if (!ancestors.has(query.unitId)) throw notFound('Unit');
    if (!shown.some((u) => u.id === query.unitId)) {
      throw forbidden('This unit is outside the units you lead');
    }
    shown = subtreeOf(shown, ancestors, query.unitId);
  }

  const months = monthsBetween(from, to);
  const rangeStart = firstDay(from);
  const rangeEnd = firstDay(addMonths(to, 1));
  // Everyone who may be present at some month's start within the range.
  const staff = await db
    .select({ unitId: people.unitId, hireDate: people.hireDate, exitDate: people.exitDate })
    .from(people)
    .where(
      and(
        eq(people.orgId, orgId),
        isNotNull(people.unitId),
        or(isNull(people.hireDate), lte(people.hireDate, firstDay(to))),
        or(isNull(people.exitDate), gte(people.exitDate, rangeStart)),
      ),
    );

  // Direct counts per unit and month; the engine sums subtrees and decides what is shown.
  const rows: Retention['rows'] = [];
  const released = months.map((month, m) => {
    const start = firstDay(month);
    const next = m + 1 < months.length ? firstDay(months[m + 1]!) : rangeEnd;
    const direct = new Map<string, DirectCount>();
    for (const p of staff) {
      if (p.hireDate !== null && p.hireDate > start) continue;
      if (p.exitDate !== null && p.exitDate < start) continue;
      const unitId = p.unitId!;
      const count = direct.get(unitId) ?? { unitId, headcount: 0, exits: 0 };
      count.headcount++;
      if (p.exitDate !== null && p.exitDate < next) count.exits++;
      direct.set(unitId, count);
    }
    return releaseRetentionMonth({ units: unitRows, month, direct: [...direct.values()], k });
  });
  for (const u of shown) {
    months.forEach((period, m) => {
      const cell = released[m]!.get(u.id) ?? { status: 'suppressed' as const };
      rows.push({ unitId: u.id, unitName: u.name, period, cell });
    });
  }
  return { from, to, rows };
}
