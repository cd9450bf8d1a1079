/**
 * Lag pairs for a unit × period table: an observation of unit u at period t is paired with the
 * observation of u at the next period, where "next" means adjacent in the sorted list of all
 * distinct periods in the data (numbers sort numerically, strings lexicographically — use
 * sortable strings such as '2024-03'). A unit missing a period breaks its chain there.
 */
import { StatsError } from '../errors.ts';

export type PeriodValue = number | string;
export type UnitValue = number | string;

export interface PanelObservation {
  unit: UnitValue;
  period: PeriodValue;
  customer: number;
  employee: number;
  weight: number;
}

export interface LagPair {
  unit: UnitValue;
  /** Period of the lagged values (t); the outcome is at the next period. */
  period: PeriodValue;
  nextPeriod: PeriodValue;
  customerLag: number;
  employeeLag: number;
  customerNext: number;
  employeeNext: number;
  /** Weight of the outcome (t + 1) observation. */
  weight: number;
}

export interface LagBuild {
  pairs: LagPair[];
  periods: PeriodValue[];
  units: UnitValue[];
  /** Observations with no observation of the same unit at the next period (excluding the last period). */
  gaps: number;
}

function comparePeriods(a: PeriodValue, b: PeriodValue): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return a < b ? -1 : a > b ? 1 : 0;
}

export function buildLagPairs(observations: readonly PanelObservation[]): LagBuild {
  if (observations.length === 0) throw new StatsError('TOO_FEW_CASES', 'No complete observations');
  const kinds = new Set(observations.map((o) => typeof o.period));
  if (kinds.size > 1) {
    throw new StatsError('INVALID_ARGUMENT', 'Periods mix numbers and strings; use one type');
  }
  const periods = [...new Set(observations.map((o) => o.period))].sort(comparePeriods);
  const rank = new Map(periods.map((p, i) => [p, i]));
  const byUnit = new Map<UnitValue, Map<number, PanelObservation>>();
  for (const o of observations) {
    let m = byUnit.get(o.unit);
    if (!m) {
      m = new Map();
      byUnit.set(o.unit, m);
    }
    const r = rank.get(o.period)!;
    if (m.has(r)) {
      throw new StatsError(
        'INVALID_ARGUMENT',
        `Unit ${String(o.unit)} has more than one row for period ${String(o.period)}`,
      );
    }
    m.set(r, o);
  }
  const pairs: LagPair[] = [];
  let gaps = 0;
  for (const [unit, m] of byUnit) {
    const ranks = [...m.keys()].sort((a, b) => a - b);
    for (const r of ranks) {
      const cur = m.get(r)!;
      const next = m.get(r + 1);
      if (!next) {
        if (r < periods.length - 1) gaps++;
        continue;
      }
      pairs.push({
        unit,
        period: cur.period,
        nextPeriod: next.period,
        customerLag: cur.customer,
        employeeLag: cur.employee,
        customerNext: next.customer,
        employeeNext: next.employee,
        weight: next.weight,
      });
    }
  }
  return { pairs, periods, units: [...byUnit.keys()], gaps };
}
