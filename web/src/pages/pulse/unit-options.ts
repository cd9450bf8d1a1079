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

/**
 * The pulse surveys a reader can choose between: one entry per survey (several programs may
 * share one survey), named after the survey.
 */
export function pulseSurveyOptions(
  programs: ReadonlyArray<{ kind: string; surveyId: string; surveyName: string }>,
): UnitOption[] {
  const seen = new Map<string, string>();
  for (const p of programs) {
    if (p.kind === 'employee_pulse' && !seen.has(p.surveyId)) seen.set(p.surveyId, p.surveyName);
  }
  return [...seen].map(([value, label]) => ({ value, label }));
}
