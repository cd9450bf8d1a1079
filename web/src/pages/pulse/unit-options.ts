import type { Unit } from '@valueloop/contracts';
import { buildRowTree, visibleRows } from './unit-rows.ts';

export interface UnitOption {
  value: string;
  label: string;
}

/**
 * The units a viewer may pick, in tree order with their depth shown by indentation. `within`
 * limits the list to a subtree (a manager's units); null means the whole organization.
 */
export function unitOptions(
  units: readonly Unit[],
  within: ReadonlySet<string> | null,
): UnitOption[] {
  const rows = units
    .filter((u) => within === null || within.has(u.id))
    .map((u) => ({ unitId: u.id, unitName: u.name, parentId: u.parentId }));
  const tree = buildRowTree(rows);
  const everything = new Set(rows.map((r) => r.unitId));
  return visibleRows(tree, everything).map(({ row, level }) => ({
    value: row.unitId,
    label: `${'\u00a0\u00a0'.repeat(level - 1)}${row.unitName}`,
  }));
}
