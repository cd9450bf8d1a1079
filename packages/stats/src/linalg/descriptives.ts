/** Univariate descriptive statistics. */
import { StatsError } from '../errors.ts';

export interface DescriptiveResult {
  /** Non-missing values. */
  n: number;
  /** null / undefined / NaN values skipped. */
  missing: number;
  mean: number;
  /** Sample variance (divisor n − 1); null when n < 2. */
  variance: number | null;
  sd: number | null;
  /** Standard error of the mean; null when n < 2. */
  se: number | null;
  min: number;
  max: number;
  /** Quantiles by linear interpolation (R type 7). */
  median: number;
  q1: number;
  q3: number;
  /** Sample skewness g1 (moment estimator); null when n < 3 or sd = 0. */
  skewness: number | null;
  /** Excess kurtosis g2 (moment estimator); null when n < 4 or sd = 0. */
  kurtosis: number | null;
  diagnostics: { warnings: string[] };
}

/** Quantile of sorted values by linear interpolation (R's default, type 7). */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) throw new StatsError('TOO_FEW_CASES', 'Quantile of an empty sample');
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** Describe a numeric sample; missing values are counted and skipped, ±Infinity is an error. */
export function descriptiveStats(values: ArrayLike<number | null | undefined>): DescriptiveResult {
  const xs: number[] = [];
  let missing = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined || Number.isNaN(v)) {
      missing++;
      continue;
    }
    if (!Number.isFinite(v)) {
      throw new StatsError('NON_FINITE', `Value ${i + 1} is not finite`);
    }
    xs.push(v);
  }
  const n = xs.length;
  if (n === 0) throw new StatsError('TOO_FEW_CASES', 'No non-missing values to describe');
  const warnings: string[] = [];
  if (missing > 0) warnings.push(`${missing} missing values skipped`);
  const mean = xs.reduce((s, v) => s + v, 0) / n;
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  for (const v of xs) {
    const d = v - mean;
    m2 += d * d;
    m3 += d * d * d;
    m4 += d * d * d * d;
  }
  m2 /= n;
  m3 /= n;
  m4 /= n;
  const variance = n >= 2 ? (m2 * n) / (n - 1) : null;
  if (variance === null) warnings.push('Fewer than 2 values: variance and sd are undefined');
  const sorted = [...xs].sort((a, b) => a - b);
  const constant = m2 === 0;
  if (constant && n >= 2)
    warnings.push('All values are equal: skewness and kurtosis are undefined');
  return {
    n,
    missing,
    mean,
    variance,
    sd: variance === null ? null : Math.sqrt(variance),
    se: variance === null ? null : Math.sqrt(variance / n),
    min: sorted[0],
    max: sorted[n - 1],
    median: quantileSorted(sorted, 0.5),
    q1: quantileSorted(sorted, 0.25),
    q3: quantileSorted(sorted, 0.75),
    skewness: n >= 3 && !constant ? m3 / m2 ** 1.5 : null,
    kurtosis: n >= 4 && !constant ? m4 / (m2 * m2) - 3 : null,
    diagnostics: { warnings },
  };
}
