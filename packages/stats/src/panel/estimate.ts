/** Pooled and fixed-effects (within) estimation of both cross-lagged equations. */
import { StatsError } from '../errors.ts';
import { fitLeastSquares } from '../linalg/least-squares.ts';
import type { LagPair, PeriodValue } from './lags.ts';
import { clusterRobustCovariance } from './sandwich.ts';
import type { PanelEstimator } from './types.ts';

export interface PanelSample {
  pairs: readonly LagPair[];
  /** Cluster id (0 … G−1) per pair; in a cluster bootstrap each drawn unit gets a fresh id. */
  cluster: Int32Array;
  weighted: boolean;
}

export interface EquationEstimate {
  terms: string[];
  beta: Float64Array;
  covariance: number[][] | null;
  rSquared: number;
}

export interface PanelEstimate {
  customer: EquationEstimate;
  employee: EquationEstimate;
  n: number;
  clusters: number;
  singletonUnits: number;
}

/** Index of customer[t] and employee[t] among the terms of each equation. */
export const TERM_CUSTOMER = 'customer[t]';
export const TERM_EMPLOYEE = 'employee[t]';

export function estimatePanel(
  sample: PanelSample,
  estimator: PanelEstimator,
  periodEffects: boolean,
  withCovariance: boolean,
): PanelEstimate {
  let { pairs, cluster } = sample;
  let singletonUnits = 0;
  if (estimator === 'fixed-effects') {
    const size = new Map<number, number>();
    for (const c of cluster) size.set(c, (size.get(c) ?? 0) + 1);
    const keep: number[] = [];
    for (let i = 0; i < pairs.length; i++) if ((size.get(cluster[i]) ?? 0) > 1) keep.push(i);
    for (const s of size.values()) if (s === 1) singletonUnits++;
    pairs = keep.map((i) => pairs[i]);
    cluster = Int32Array.from(keep, (i) => cluster[i]);
  }
  // Renumber clusters densely.
  const ids = new Map<number, number>();
  const dense = Int32Array.from(cluster, (c) => {
    let id = ids.get(c);
    if (id === undefined) {
      id = ids.size;
      ids.set(c, id);
    }
    return id;
  });
  const n = pairs.length;
  const g = ids.size;
  const weights = sample.weighted ? Float64Array.from(pairs, (p) => p.weight) : undefined;
  const terms: string[] = [];
  const design: Float64Array[] = [];
  if (estimator === 'pooled') {
    terms.push('(Intercept)');
    design.push(new Float64Array(n).fill(1));
  }
  terms.push(TERM_CUSTOMER, TERM_EMPLOYEE);
  design.push(
    Float64Array.from(pairs, (p) => p.customerLag),
    Float64Array.from(pairs, (p) => p.employeeLag),
  );
  if (periodEffects) {
    const periods = [...new Set(pairs.map((p) => p.nextPeriod))];
    const sorted = periods.sort((a: PeriodValue, b: PeriodValue) =>
      typeof a === 'number' && typeof b === 'number' ? a - b : a < b ? -1 : a > b ? 1 : 0,
    );
    for (const per of sorted.slice(1)) {
      terms.push(`period ${String(per)}`);
      design.push(Float64Array.from(pairs, (p) => (p.nextPeriod === per ? 1 : 0)));
    }
  }
  const yCustomer = Float64Array.from(pairs, (p) => p.customerNext);
  const yEmployee = Float64Array.from(pairs, (p) => p.employeeNext);
  if (estimator === 'fixed-effects') {
    for (const col of [...design, yCustomer, yEmployee]) demeanWithin(col, dense, g, weights);
  }
  const k = design.length;
  if (n <= k || g < 2) {
    throw new StatsError(
      'TOO_FEW_CASES',
      `Too few lag pairs (${n}) or units (${g}) for ${k} coefficients`,
    );
  }
  const fitOne = (y: Float64Array): EquationEstimate => {
    const fit = fitLeastSquares(design, y, weights, terms);
    const covariance = withCovariance
      ? clusterRobustCovariance({
          design,
          residuals: fit.residuals,
          xtwxInverse: fit.xtwxInverse,
          cluster: dense,
          weights,
        }).covariance
      : null;
    let sw = 0;
    let swy = 0;
    for (let i = 0; i < n; i++) {
      const w = weights ? weights[i] : 1;
      sw += w;
      swy += w * y[i];
    }
    const center = estimator === 'pooled' ? swy / sw : 0;
    let tss = 0;
    for (let i = 0; i < n; i++) tss += (weights ? weights[i] : 1) * (y[i] - center) ** 2;
    if (!(tss > 0))
      throw new StatsError('ZERO_VARIANCE', 'An outcome has no (within-unit) variation');
    return { terms, beta: fit.beta, covariance, rSquared: 1 - fit.rss / tss };
  };
  return {
    customer: fitOne(yCustomer),
    employee: fitOne(yEmployee),
    n,
    clusters: g,
    singletonUnits,
  };
}

/** Subtract the (weighted) unit mean in place. */
function demeanWithin(
  col: Float64Array,
  cluster: Int32Array,
  g: number,
  weights?: Float64Array,
): void {
  const sum = new Float64Array(g);
  const sw = new Float64Array(g);
  for (let i = 0; i < col.length; i++) {
    const w = weights ? weights[i] : 1;
    sum[cluster[i]] += w * col[i];
    sw[cluster[i]] += w;
  }
  for (let i = 0; i < col.length; i++) col[i] -= sum[cluster[i]] / sw[cluster[i]];
}
