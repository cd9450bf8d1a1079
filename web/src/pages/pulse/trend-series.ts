import type { ResultCell } from '@valueloop/contracts';
import { indexValue } from './cells.ts';
import { isSignedIndex, periodLabel } from './labels.ts';

export interface TrendPoint {
  period: string;
  cell: ResultCell;
}

export interface Series {
  labels: string[];
  /** null where the period was suppressed or unanswered: the line shows a gap, not a zero. */
  values: Array<number | null>;
  latest: number | null;
}

/** One index over time, oldest first, ready for a line chart. */
export function indexSeries(trend: readonly TrendPoint[], code: string): Series {
  const values = trend.map((t) => {
    const v = indexValue(t.cell, code);
    return v === null ? null : Math.round(v * 10) / 10;
  });
  return {
    labels: trend.map((t) => periodLabel(t.period)),
    values,
    latest: values.length > 0 ? (values[values.length - 1] ?? null) : null,
  };
}

/** The y-axis range of an index: eNPS −100…100, everything else 0…100. */
export function indexRange(code: string): { min: number; max: number } {
  return isSignedIndex(code) ? { min: -100, max: 100 } : { min: 0, max: 100 };
}
