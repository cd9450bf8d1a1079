import { describe, expect, it } from 'vitest';
import { pivotRetention } from './retention-pivot.ts';

const a = '00000000-0000-4000-8000-00000000000a';
const b = '00000000-0000-4000-8000-00000000000b';

describe('retention pivot', () => {
  it('puts units in rows by name and periods in columns, oldest first', () => {
    const pivot = pivotRetention([
      { unitId: b, unitName: 'Beta', period: '2026-02', cell: { status: 'suppressed' } },
      {
        unitId: a,
        unitName: 'Alpha',
        period: '2026-02',
        cell: { status: 'shown', headcount: 20, exits: 1, retention: 0.95 },
      },
      {
        unitId: a,
        unitName: 'Alpha',
        period: '2026-01',
        cell: { status: 'shown', headcount: 21, exits: 1, retention: 0.952 },
      },
    ]);
    expect(pivot.periods).toEqual(['2026-01', '2026-02']);
    expect(pivot.units.map((u) => u.unitName)).toEqual(['Alpha', 'Beta']);
    expect(pivot.units[1]?.cells.get('2026-02')).toEqual({ status: 'suppressed' });
    expect(pivot.units[1]?.cells.get('2026-01')).toBeUndefined();
  });
});
