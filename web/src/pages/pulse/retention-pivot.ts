import type { Retention } from '@valueloop/contracts';

type RetentionRow = Retention['rows'][number];

export interface RetentionPivot {
  periods: string[];
  units: Array<{ unitId: string; unitName: string; cells: Map<string, RetentionRow['cell']> }>;
}

/** Rows (unit, period, cell) → one line per unit (by name) and one column per period (oldest first). */
export function pivotRetention(rows: readonly RetentionRow[]): RetentionPivot {
  const periods = [...new Set(rows.map((r) => r.period))].sort();
  const byUnit = new Map<string, RetentionPivot['units'][number]>();
  for (const row of rows) {
    const unit = byUnit.get(row.unitId) ?? {
      unitId: row.unitId,
      unitName: row.unitName,
      cells: new Map(),
    };
    unit.cells.set(row.period, row.cell);
    byUnit.set(row.unitId, unit);
  }
  const units = [...byUnit.values()].sort((a, b) => a.unitName.localeCompare(b.unitName));
  return { periods, units };
}
