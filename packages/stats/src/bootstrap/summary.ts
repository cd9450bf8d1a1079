/** Summaries of bootstrap draws: mean, SE (sd, divisor B − 1), t = original / SE, percentile CI. */
import { StatsError } from '../errors.ts';
import { quantileSorted } from '../linalg/descriptives.ts';

export interface BootstrapStatistic {
  /** Estimate on the original sample. */
  original: number;
  /** Mean of the bootstrap draws. */
  mean: number;
  /** Bootstrap standard error: sd of the draws (divisor B − 1). */
  se: number;
  /** original / se; null when se = 0. */
  t: number | null;
  /** Percentile interval (quantiles by linear interpolation, R type 7). */
  ciLower: number;
  ciUpper: number;
}

/** Summarize draws of one statistic. `level` is the interval coverage, e.g. 0.95. */
export function summarizeDraws(
  draws: ArrayLike<number>,
  original: number,
  level = 0.95,
): BootstrapStatistic {
  const b = draws.length;
  if (b < 2)
    throw new StatsError('TOO_FEW_CASES', 'Need at least 2 successful bootstrap resamples');
  if (!(level > 0 && level < 1))
    throw new StatsError('INVALID_ARGUMENT', 'level must be in (0, 1)');
  const sorted = Float64Array.from(draws).sort();
  let sum = 0;
  for (let i = 0; i < b; i++) sum += sorted[i];
  const mean = sum / b;
  let ss = 0;
  for (let i = 0; i < b; i++) ss += (sorted[i] - mean) ** 2;
  const se = Math.sqrt(ss / (b - 1));
  const alpha = (1 - level) / 2;
  return {
    original,
    mean,
    se,
    t: se > 0 ? original / se : null,
    ciLower: quantileSorted(sorted, alpha),
    ciUpper: quantileSorted(sorted, 1 - alpha),
  };
}

/** Validate bootstrap settings shared by all bootstraps. */
export function checkBootstrapSettings(resamples: number, seed: number): void {
  if (!Number.isInteger(resamples) || resamples < 2) {
    throw new StatsError('INVALID_ARGUMENT', `resamples must be an integer ≥ 2, got ${resamples}`);
  }
  if (!Number.isFinite(seed))
    throw new StatsError('INVALID_ARGUMENT', 'seed must be a finite number');
}
