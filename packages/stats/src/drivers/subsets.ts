/**
 * R² of every subset of predictors from a correlation matrix, by depth-first sweeps: the
 * subset S ∪ {j} is one sweep of the (already swept) matrix of S, so each of the 2^p subsets
 * costs O(p²) and rounding errors never accumulate over more than p sweeps.
 */
import { StatsError } from '../errors.ts';

/** Largest predictor count for the exact all-subsets decomposition. */
export const MAX_EXACT_PREDICTORS = 15;

/**
 * `corr` is the (p + 1) × (p + 1) correlation matrix (row-major) with the outcome last.
 * Returns R² indexed by subset bitmask (bit j = predictor j), entry 0 = 0.
 */
export function allSubsetRSquared(
  corr: Float64Array,
  p: number,
  names?: readonly string[],
): Float64Array {
  if (p > MAX_EXACT_PREDICTORS) {
    throw new StatsError(
      'INVALID_ARGUMENT',
      `Exact LMG/Shapley is limited to ${MAX_EXACT_PREDICTORS} predictors (got ${p}); use relative weights`,
    );
  }
  const q = p + 1;
  const y = p;
  const out = new Float64Array(1 << p);
  // One buffer per depth; level 0 holds the unswept matrix.
  const levels = Array.from({ length: p + 1 }, () => new Float64Array(q * q));
  levels[0].set(corr);
  const visit = (depth: number, mask: number, last: number): void => {
    const parent = levels[depth];
    const child = levels[depth + 1];
    for (let k = last + 1; k < p; k++) {
      const d = parent[k * q + k];
      if (!(d > 1e-10)) {
        const label = names?.[k] ?? `predictor ${k + 1}`;
        throw new StatsError(
          'SINGULAR_MATRIX',
          `${label} is (nearly) a linear combination of other predictors`,
        );
      }
      // Sweep pivot k restricted to the still-relevant indices {k+1..p-1} ∪ {y}.
      for (let i = k + 1; i < q; i++) {
        const aik = parent[i * q + k] / d;
        for (let j = i; j < q; j++) {
          const v = parent[i * q + j] - aik * parent[k * q + j];
          child[i * q + j] = v;
          child[j * q + i] = v;
        }
      }
      const newMask = mask | (1 << k);
      out[newMask] = 1 - child[y * q + y];
      if (k + 1 < p) visit(depth + 1, newMask, k);
    }
  };
  visit(0, 0, -1);
  return out;
}

/** Shapley value (LMG) of each predictor from all-subset R²: averages over all orderings. */
export function shapleyFromSubsets(r2: Float64Array, p: number): number[] {
  const weight = new Float64Array(p); // weight[s] = s!(p−s−1)!/p!
  for (let s = 0; s < p; s++) {
    let w = 1 / p;
    // 1 / (p · C(p−1, s))
    let binom = 1;
    for (let i = 1; i <= s; i++) binom = (binom * (p - 1 - s + i)) / i;
    w /= binom;
    weight[s] = w;
  }
  const popcount = (x: number): number => {
    let c = 0;
    let v = x;
    while (v) {
      v &= v - 1;
      c++;
    }
    return c;
  };
  const phi = new Array<number>(p).fill(0);
  const full = 1 << p;
  for (let mask = 0; mask < full; mask++) {
    const w = weight[popcount(mask)] ?? 0;
    for (let j = 0; j < p; j++) {
      const bit = 1 << j;
      if (mask & bit) continue;
      phi[j] += w * (r2[mask | bit] - r2[mask]);
    }
  }
  return phi;
}
