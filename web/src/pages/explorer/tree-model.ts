import type { Unit } from '@valueloop/contracts';

export interface TreeModel {
  byId: Map<string, Unit>;
  childrenOf: Map<string | null, Unit[]>;
  roots: Unit[];
}

const byName = (a: Unit, b: Unit) => a.name.localeCompare(b.name);

/** Indexes the flat unit list as a tree; units whose parent is unknown become roots. */
export function buildTreeModel(units: readonly Unit[]): TreeModel {
  const byId = new Map(units.map((u) => [u.id, u]));
  const childrenOf = new Map<string | null, Unit[]>();
  for (const unit of units) {
    const parent = unit.parentId && byId.has(unit.parentId) ? unit.parentId : null;
    const list = childrenOf.get(parent) ?? [];
    list.push(unit);
    childrenOf.set(parent, list);
  }
  for (const list of childrenOf.values()) list.sort(byName);
  return { byId, childrenOf, roots: childrenOf.get(null) ?? [] };
}

/** The units a reader can see now, top to bottom, given which ones are expanded. */
export function visibleUnits(model: TreeModel, expanded: ReadonlySet<string>): Unit[] {
  const out: Unit[] = [];
  const walk = (list: readonly Unit[]) => {
    for (const unit of list) {
      out.push(unit);
      if (expanded.has(unit.id)) walk(model.childrenOf.get(unit.id) ?? []);
    }
  };
  walk(model.roots);
  return out;
}

export function hasChildren(model: TreeModel, id: string): boolean {
  return (model.childrenOf.get(id)?.length ?? 0) > 0;
}

/** The ids of a unit's ancestors, nearest first. */
export function ancestorsOf(model: TreeModel, id: string): string[] {
  const out: string[] = [];
  let parent = model.byId.get(id)?.parentId ?? null;
  while (parent && model.byId.has(parent) && !out.includes(parent)) {
    out.push(parent);
    parent = model.byId.get(parent)?.parentId ?? null;
  }
  return out;
}
