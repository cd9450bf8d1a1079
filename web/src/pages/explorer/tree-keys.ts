import { hasChildren, type TreeModel, visibleUnits } from './tree-model.ts';

export type TreeAction =
  | { kind: 'focus'; id: string }
  | { kind: 'expand'; id: string }
  | { kind: 'collapse'; id: string }
  | { kind: 'select'; id: string }
  | { kind: 'none' };

/** The WAI-ARIA tree view keyboard pattern, as a pure function of the key and the tree. */
export function treeKeyAction(
  key: string,
  model: TreeModel,
  expanded: ReadonlySet<string>,
  focusedId: string,
): TreeAction {
  const visible = visibleUnits(model, expanded);
  const index = visible.findIndex((u) => u.id === focusedId);
  const current = visible[index];
  if (!current) return visible[0] ? { kind: 'focus', id: visible[0].id } : { kind: 'none' };
  const isOpen = expanded.has(current.id);
  switch (key) {
    case 'ArrowDown': {
      const next = visible[index + 1];
      return next ? { kind: 'focus', id: next.id } : { kind: 'none' };
    }
    case 'ArrowUp': {
      const previous = visible[index - 1];
      return previous ? { kind: 'focus', id: previous.id } : { kind: 'none' };
    }
    case 'ArrowRight': {
      if (!hasChildren(model, current.id)) return { kind: 'none' };
      if (!isOpen) return { kind: 'expand', id: current.id };
      const first = model.childrenOf.get(current.id)?.[0];
      return first ? { kind: 'focus', id: first.id } : { kind: 'none' };
    }
    case 'ArrowLeft': {
      if (isOpen) return { kind: 'collapse', id: current.id };
      const parent = current.parentId && model.byId.has(current.parentId) ? current.parentId : null;
      return parent ? { kind: 'focus', id: parent } : { kind: 'none' };
    }
    case 'Home':
      return visible[0] ? { kind: 'focus', id: visible[0].id } : { kind: 'none' };
    case 'End': {
      const last = visible[visible.length - 1];
      return last ? { kind: 'focus', id: last.id } : { kind: 'none' };
    }
    case 'Enter':
    case ' ':
      return { kind: 'select', id: current.id };
    default:
      return { kind: 'none' };
  }
}
