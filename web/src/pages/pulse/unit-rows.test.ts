import { describe, expect, it } from 'vitest';
import {
  allParents,
  buildRowTree,
  initialExpansion,
  subtreeIds,
  visibleRows,
} from './unit-rows.ts';

const row = (unitId: string, parentId: string | null, unitName = unitId) => ({
  unitId,
  unitName,
  parentId,
});
// North (region) has branches B2 and B1; B1 has two teams; South is a second region.
const rows = [
  row('b2', 'north', 'Branch 2'),
  row('t1', 'b1', 'Team 1'),
  row('north', null, 'North'),
  row('b1', 'north', 'Branch 1'),
  row('t2', 'b1', 'Team 2'),
  row('south', null, 'South'),
];

const names = (list: Array<{ row: { unitName: string } }>) => list.map((p) => p.row.unitName);

describe('unit rows as a tree', () => {
  it('orders rows depth first, siblings by name', () => {
    const tree = buildRowTree(rows);
    expect(names(visibleRows(tree, allParents(tree)))).toEqual([
      'North',
      'Branch 1',
      'Team 1',
      'Team 2',
      'Branch 2',
      'South',
    ]);
  });

  it('starts with the roots open and shows levels and children flags', () => {
    const tree = buildRowTree(rows);
    const placed = visibleRows(tree, initialExpansion(tree));
    expect(names(placed)).toEqual(['North', 'Branch 1', 'Branch 2', 'South']);
    expect(placed.map((p) => [p.level, p.hasChildren, p.expanded])).toEqual([
      [1, true, true],
      [2, true, false],
      [2, false, false],
      [1, false, true],
    ]);
  });

  it('hides a collapsed unit’s whole subtree', () => {
    const tree = buildRowTree(rows);
    expect(names(visibleRows(tree, new Set(['b1'])))).toEqual(['North', 'South']);
  });

  it('makes a row whose parent is out of scope a root', () => {
    const tree = buildRowTree([row('t1', 'b1', 'Team 1'), row('t2', 'b1', 'Team 2')]);
    expect(tree.roots.map((r) => r.unitId)).toEqual(['t1', 't2']);
  });

  it('survives a parent cycle in bad data', () => {
    const tree = buildRowTree([row('a', 'b'), row('b', 'a'), row('c', null)]);
    expect(names(visibleRows(tree, new Set(['a', 'b', 'c'])))).toEqual(['c']);
  });

  it('finds a unit’s subtree from parent links', () => {
    const units = rows.map((r) => ({ id: r.unitId, parentId: r.parentId }));
    expect([...subtreeIds(units, 'b1')].sort()).toEqual(['b1', 't1', 't2']);
    expect(subtreeIds(units, 'south')).toEqual(new Set(['south']));
  });
});

describe('unit picker options', async () => {
  const { unitOptions } = await import('./unit-options.ts');
  const unit = (id: string, parentId: string | null, name: string) => ({
    id,
    parentId,
    name,
    externalId: id,
    level: 'unit',
    kind: 'front_line' as const,
    manager: null,
    headcount: 1,
    subtreeHeadcount: 1,
  });
  const units = [
    unit('north', null, 'North'),
    unit('b1', 'north', 'Branch 1'),
    unit('t1', 'b1', 'Team 1'),
    unit('south', null, 'South'),
  ];

  it('lists the whole organization in tree order, indented by depth', () => {
    expect(unitOptions(units, null).map((o) => o.label)).toEqual([
      'North',
      '\u00a0\u00a0Branch 1',
      '\u00a0\u00a0\u00a0\u00a0Team 1',
      'South',
    ]);
  });

  it('limits a manager to their subtree, which starts at their unit', () => {
    expect(unitOptions(units, new Set(['b1', 't1'])).map((o) => o.value)).toEqual(['b1', 't1']);
  });
});

describe('pulse survey options', async () => {
  const { pulseSurveyOptions } = await import('./unit-options.ts');
  it('lists each employee pulse survey once, whatever the number of programs using it', () => {
    expect(
      pulseSurveyOptions([
        { kind: 'employee_pulse', surveyId: 's1', surveyName: 'Monthly pulse' },
        { kind: 'employee_pulse', surveyId: 's1', surveyName: 'Monthly pulse' },
        { kind: 'internal_service', surveyId: 's2', surveyName: 'Internal service' },
        { kind: 'employee_pulse', surveyId: 's3', surveyName: 'Quarterly deep dive' },
      ]),
    ).toEqual([
      { value: 's1', label: 'Monthly pulse' },
      { value: 's3', label: 'Quarterly deep dive' },
    ]);
  });
});
