import type { Unit } from '@valueloop/contracts';
import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { KindBadge } from '../../components/KindBadge.tsx';
import { treeKeyAction } from './tree-keys.ts';
import { ancestorsOf, hasChildren, type TreeModel } from './tree-model.ts';

interface Props {
  model: TreeModel;
  selectedId: string | null;
  onSelect: (id: string) => void;
}

/** The unit tree as a WAI-ARIA tree view: roving focus, arrows, Home/End, Enter selects. */
export function UnitTree({ model, selectedId, onSelect }: Props) {
  const [expanded, setExpanded] = useState<Set<string>>(
    () => new Set(model.roots.map((u) => u.id)),
  );
  const [focusedId, setFocusedId] = useState<string | null>(model.roots[0]?.id ?? null);
  const items = useRef(new Map<string, HTMLDivElement>());
  const moveFocus = useRef(false);

  useEffect(() => {
    if (moveFocus.current && focusedId) items.current.get(focusedId)?.focus();
    moveFocus.current = false;
  }, [focusedId]);

  // A unit selected elsewhere (e.g. from the support graph) is revealed in the tree.
  useEffect(() => {
    if (!selectedId) return;
    const ancestors = ancestorsOf(model, selectedId);
    setExpanded((prev) =>
      ancestors.every((a) => prev.has(a)) ? prev : new Set([...prev, ...ancestors]),
    );
    setFocusedId(selectedId);
  }, [model, selectedId]);

  const toggle = (id: string, open: boolean) =>
    setExpanded((prev) => {
      const next = new Set(prev);
      if (open) next.add(id);
      else next.delete(id);
      return next;
    });

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>, id: string) => {
    event.stopPropagation();
    const action = treeKeyAction(event.key, model, expanded, id);
    if (action.kind === 'none') return;
    event.preventDefault();
    if (action.kind === 'focus') {
      moveFocus.current = true;
      setFocusedId(action.id);
    } else if (action.kind === 'expand') toggle(action.id, true);
    else if (action.kind === 'collapse') toggle(action.id, false);
    else onSelect(action.id);
  };

  // Each row is the treeitem (its name is its visible text); the group of children is its
  // sibling, and aria-level / setsize / posinset give the structure.
  const renderItem = (unit: Unit, level: number, index: number, siblings: number) => {
    const open = expanded.has(unit.id);
    const parent = hasChildren(model, unit.id);
    return (
      <li key={unit.id} role="none">
        <div
          ref={(el) => {
            if (el) items.current.set(unit.id, el);
            else items.current.delete(unit.id);
          }}
          role="treeitem"
          id={`unit-${unit.id}`}
          aria-level={level}
          aria-setsize={siblings}
          aria-posinset={index + 1}
          aria-expanded={parent ? open : undefined}
          aria-selected={unit.id === selectedId}
          aria-owns={parent && open ? `unit-${unit.id}-group` : undefined}
          tabIndex={unit.id === focusedId ? 0 : -1}
          className="tree-item tree-row"
          style={{ paddingLeft: `${(level - 1) * 1.25 + 0.5}rem` }}
          onClick={() => {
            setFocusedId(unit.id);
            onSelect(unit.id);
            if (parent) toggle(unit.id, !open);
          }}
          onKeyDown={(event) => onKeyDown(event, unit.id)}
          onFocus={() => setFocusedId(unit.id)}
        >
          <span className={`tree-toggle${parent ? '' : ' leaf'}`} aria-hidden="true">
            {parent ? (open ? '▾' : '▸') : '•'}
          </span>
          <span className="tree-name">{unit.name}</span>
          <KindBadge kind={unit.kind} />
          <span className="tree-meta">
            {unit.manager ? `Manager ${unit.manager.name}` : 'No manager'} · {unit.headcount}{' '}
            {unit.headcount === 1 ? 'person' : 'people'}, {unit.subtreeHeadcount} in total
          </span>
        </div>
        {parent && open && (
          // biome-ignore lint/a11y/useSemanticElements: the WAI-ARIA tree pattern uses ul role=group
          <ul role="group" id={`unit-${unit.id}-group`}>
            {(model.childrenOf.get(unit.id) ?? []).map((child, i, all) =>
              renderItem(child, level + 1, i, all.length),
            )}
          </ul>
        )}
      </li>
    );
  };

  return (
    // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: the WAI-ARIA tree pattern
    <ul role="tree" aria-label="Organization units" className="tree">
      {model.roots.map((unit, i) => renderItem(unit, 1, i, model.roots.length))}
    </ul>
  );
}
