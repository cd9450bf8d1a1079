/** Thin typed wrappers over stdlib distribution functions used for inference. */
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import tCdf from '@stdlib/stats-base-dists-t-cdf';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';

/** Two-sided p-value of a t statistic with `df` degrees of freedom (df = Infinity → normal). */
export function twoSidedP(t: number, df: number): number {
  if (Number.isNaN(t)) return Number.NaN;
  const a = -Math.abs(t);
  return 2 * (Number.isFinite(df) ? tCdf(a, df) : normalCdf(a, 0, 1));
}

/** Upper quantile for a two-sided interval of level `level` (e.g. 0.95 → 1.96 for df = ∞). */
export function criticalValue(level: number, df: number): number {
  const p = 1 - (1 - level) / 2;
  return Number.isFinite(df) ? tQuantile(p, df) : normalQuantile(p, 0, 1);
}
