import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { units } from '../db/schema/index.ts';
import { forbidden, notFound } from '../http/errors.ts';
import type { Visibility } from '../policies/index.ts';

export interface TreeUnit {
  id: string;
  name: string;
  parentId: string | null;
  kind: 'front_line' | 'back_office';
  depth: number;
}

/** Whose results a viewer may read: org-wide roles and tokens all, a manager their subtree, an employee their own unit. */
export type ResultsViewer = Visibility & { unitId: string | null };

/**
 * The organization's units in tree order (depth first, siblings by name), each with its depth,
 * kept to the ones the viewer may see. One small query on `units`: no results table involved.
 */
export async function loadVisibleUnits(opts: {
  db: DbOrTx;
  orgId: string;
  viewer: ResultsViewer;
}): Promise<TreeUnit[]> {
  const rows = await opts.db
    .select({ id: units.id, name: units.name, parentId: units.parentId, kind: units.kind })
    .from(units)
    .where(eq(units.orgId, opts.orgId));
  const ordered = treeOrder(rows);
  const { viewer } = opts;
  switch (viewer.kind) {
    case 'organization':
      return ordered;
    case 'subtree': {
      const inside = new Set([viewer.rootUnitId]);
      // Tree order puts every unit after its parent, so one pass collects the subtree.
      return ordered.filter((u) => {
        if (u.parentId !== null && inside.has(u.parentId)) inside.add(u.id);
        return inside.has(u.id);
      });
    }
    case 'self':
      return ordered.filter((u) => u.id === viewer.unitId);
  }
}

/** A unit the viewer asked for by id: 404 if not of this organization, 403 if outside their scope. */
export async function requireVisibleUnit(opts: {
  db: DbOrTx;
  orgId: string;
  viewer: ResultsViewer;
  unitId: string;
}): Promise<TreeUnit> {
  const [exists] = await opts.db
    .select({ orgId: units.orgId })
    .from(units)
    .where(eq(units.id, opts.unitId));
  if (!exists || exists.orgId !== opts.orgId) throw notFound('Unit');
  const visible = await loadVisibleUnits(opts);
  const unit = visible.find((u) => u.id === opts.unitId);
  if (!unit) throw forbidden('This unit is outside the units whose results you may read');
  return unit;
}

function treeOrder(rows: Omit<TreeUnit, 'depth'>[]): TreeUnit[] {
  const children = new Map<string | null, Omit<TreeUnit, 'depth'>[]>();
  const known = new Set(rows.map((r) => r.id));
  for (const row of rows) {
    const parent = row.parentId !== null && known.has(row.parentId) ? row.parentId : null;
    const list = children.get(parent) ?? [];
    list.push(row);
    children.set(parent, list);
  }
  for (const list of children.values()) {
    list.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  }
  const ordered: TreeUnit[] = [];
  const stack = [...(children.get(null) ?? [])].reverse().map((u) => ({ unit: u, depth: 0 }));
  while (stack.length > 0) {
    const { unit, depth } = stack.pop()!;
    ordered.push({ ...unit, depth });
    const kids = children.get(unit.id) ?? [];
    for (let i = kids.length - 1; i >= 0; i--) stack.push({ unit: kids[i], depth: depth + 1 });
  }
  return ordered;
}
