import { and, count, eq, isNotNull } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { people, units } from '../db/schema/index.ts';
import { currentPerson } from './scope.ts';

/** The shape of an organization's unit tree with current headcounts, for tree-wide questions. */
export interface UnitForest {
  parentOf: Map<string, string | null>;
  headcount(unitId: string): number;
  subtreeHeadcount(unitId: string): number;
  /** True when `unitId` is `ancestorId` or lies below it. */
  isWithin(unitId: string, ancestorId: string): boolean;
}

export async function loadUnitForest(opts: { db: DbOrTx; orgId: string }): Promise<UnitForest> {
  const [unitRows, countRows] = await Promise.all([
    opts.db
      .select({ id: units.id, parentId: units.parentId })
      .from(units)
      .where(eq(units.orgId, opts.orgId)),
    opts.db
      .select({ unitId: people.unitId, n: count() })
      .from(people)
      .where(and(eq(people.orgId, opts.orgId), isNotNull(people.unitId), currentPerson))
      .groupBy(people.unitId),
  ]);
  const parentOf = new Map(unitRows.map((u) => [u.id, u.parentId]));
  const direct = new Map(countRows.map((c) => [c.unitId!, Number(c.n)]));
  const children = new Map<string, string[]>();
  for (const u of unitRows) {
    if (!u.parentId) continue;
    const list = children.get(u.parentId) ?? [];
    list.push(u.id);
    children.set(u.parentId, list);
  }
  const subtree = new Map<string, number>();
  const subtreeOf = (root: string): number => {
    const known = subtree.get(root);
    if (known !== undefined) return known;
    // Iterative post-order walk: deep trees must not overflow the stack.
    const stack: Array<{ id: string; expanded: boolean }> = [{ id: root, expanded: false }];
    const seen = new Set<string>();
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      if (subtree.has(top.id)) {
        stack.pop();
        continue;
      }
      const kids = children.get(top.id) ?? [];
      if (!top.expanded) {
        top.expanded = true;
        seen.add(top.id);
        for (const k of kids)
          if (!subtree.has(k) && !seen.has(k)) stack.push({ id: k, expanded: false });
        continue;
      }
      stack.pop();
      const sum = kids.reduce((s, k) => s + (subtree.get(k) ?? 0), 0);
      subtree.set(top.id, (direct.get(top.id) ?? 0) + sum);
    }
    return subtree.get(root) ?? 0;
  };
  return {
    parentOf,
    headcount: (id) => direct.get(id) ?? 0,
    subtreeHeadcount: subtreeOf,
    isWithin: (unitId, ancestorId) => {
      const visited = new Set<string>();
      let at: string | null | undefined = unitId;
      while (at && !visited.has(at)) {
        if (at === ancestorId) return true;
        visited.add(at);
        at = parentOf.get(at);
      }
      return false;
    },
  };
}
