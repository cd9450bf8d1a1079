/** Rows that form a unit tree: the heatmap, participation and results tables share this. */
export interface TreeRow {
  unitId: string;
  unitName: string;
  parentId: string | null;
}

export interface RowTree<R extends TreeRow> {
  byId: Map<string, R>;
  childrenOf: Map<string | null, R[]>;
  roots: R[];
}

const byName = (a: TreeRow, b: TreeRow) => a.unitName.localeCompare(b.unitName);

/**
 * Indexes rows as a tree. A row whose parent is not among the rows (outside the viewer's scope)
 * becomes a root, so a manager's subtree starts at their own unit.
 */
export function buildRowTree<R extends TreeRow>(rows: readonly R[]): RowTree<R> {
  const byId = new Map(rows.map((r) => [r.unitId, r]));
  const childrenOf = new Map<string | null, R[]>();
  for (const row of rows) {
    const parent = row.parentId && byId.has(row.parentId) ? row.parentId : null;
    const list = childrenOf.get(parent) ?? [];
    list.push(row);
    childrenOf.set(parent, list);
  }
  for (const list of childrenOf.values()) list.sort(byName);
  return { byId, childrenOf, roots: childrenOf.get(null) ?? [] };
}

export interface PlacedRow<R> {
  row: R;
  /** 1 for roots. */
  level: number;
  hasChildren: boolean;
  expanded: boolean;
}

/** The rows a reader sees, depth first and by name, given which units are expanded. */
export function visibleRows<R extends TreeRow>(
  tree: RowTree<R>,
  expanded: ReadonlySet<string>,
): PlacedRow<R>[] {
  const out: PlacedRow<R>[] = [];
  const seen = new Set<string>();
  const walk = (list: readonly R[], level: number) => {
    for (const row of list) {
      if (seen.has(row.unitId)) continue; // a cycle in bad data must not hang the page
      seen.add(row.unitId);
      const children = tree.childrenOf.get(row.unitId) ?? [];
      const isOpen = expanded.has(row.unitId);
      out.push({ row, level, hasChildren: children.length > 0, expanded: isOpen });
      if (isOpen) walk(children, level + 1);
    }
  };
  walk(tree.roots, 1);
  return out;
}

/** Every unit that has children: "expand all". */
export function allParents<R extends TreeRow>(tree: RowTree<R>): Set<string> {
  const out = new Set<string>();
  for (const [parent, children] of tree.childrenOf) {
    if (parent !== null && children.length > 0) out.add(parent);
  }
  return out;
}

/** The starting view: the roots open, so the first level below them shows. */
export function initialExpansion<R extends TreeRow>(tree: RowTree<R>): Set<string> {
  return new Set(tree.roots.map((r) => r.unitId));
}

/** Units inside the subtree of `rootId` (inclusive), from a flat list with parent links. */
export function subtreeIds(
  units: ReadonlyArray<{ id: string; parentId: string | null }>,
  rootId: string,
): Set<string> {
  const childrenOf = new Map<string, string[]>();
  for (const u of units) {
    if (!u.parentId) continue;
    const list = childrenOf.get(u.parentId) ?? [];
    list.push(u.id);
    childrenOf.set(u.parentId, list);
  }
  const out = new Set<string>();
  const stack = [rootId];
  while (stack.length > 0) {
    const id = stack.pop() as string;
    if (out.has(id)) continue;
    out.add(id);
    stack.push(...(childrenOf.get(id) ?? []));
  }
  return out;
}
