import { describe, expect, it } from 'vitest';
import { indexRange, indexSeries } from './trend-series.ts';

describe('index trend series', () => {
  it('leaves gaps (null) for suppressed and unanswered periods, never zeros', () => {
    const series = indexSeries(
      [
        { period: '2026-01', cell: { status: 'shown', n: 8, means: { evi: 70.04 } } },
        { period: '2026-02', cell: { status: 'suppressed' } },
        { period: '2026-03', cell: { status: 'shown', n: 9, means: { evi: null } } },
        { period: '2026-04', cell: { status: 'shown', n: 9, means: { evi: 66.66 } } },
      ],
      'evi',
    );
    expect(series.labels).toEqual(['Jan 2026', 'Feb 2026', 'Mar 2026', 'Apr 2026']);
    expect(series.values).toEqual([70, null, null, 66.7]);
    expect(series.latest).toBe(66.7);
  });

  it('has no latest value when the last period is suppressed', () => {
    const series = indexSeries([{ period: '2026-01', cell: { status: 'suppressed' } }], 'evi');
    expect(series.latest).toBeNull();
  });

  it('scales eNPS from −100 to 100 and the other indices from 0 to 100', () => {
    expect(indexRange('enps')).toEqual({ min: -100, max: 100 });
    expect(indexRange('climate')).toEqual({ min: 0, max: 100 });
  });
});
