import { StatsError } from '../errors.ts';
import { collapseTriples } from './data.ts';
import type { LikelihoodProblem } from './mle.ts';
import { betaln, digamma } from './special.ts';

/** Discrete-time customer pattern: x transactions in n opportunities, the last at t_x. */
export interface BgBbCustomer {
  frequency: number;
  recency: number;
  periods: number;
  weight?: number;
}

export interface BgBbPatterns {
  count: number;
  frequency: Float64Array;
  recency: Float64Array;
  periods: Float64Array;
  weight: Float64Array;
  totalWeight: number;
}

/** Validates BG/BB patterns (integers, 0 <= x <= t_x <= n, x = 0 iff t_x = 0) and collapses them. */
export function collapseBgBbCustomers(customers: readonly BgBbCustomer[]): BgBbPatterns {
  customers.forEach((c, i) => {
    const { frequency: x, recency: tx, periods: n } = c;
    const w = c.weight ?? 1;
    if (![x, tx, n, w].every(Number.isFinite)) {
      throw new StatsError('NON_FINITE', `pattern ${i}: values must be finite`);
    }
    if (x < 0) throw new StatsError('NEGATIVE_FREQUENCY', `pattern ${i}: frequency ${x} < 0`);
    if (![x, tx, n].every(Number.isInteger)) {
      throw new StatsError('NON_INTEGER_FREQUENCY', `pattern ${i}: x, t_x and n must be integers`);
    }
    if (tx > n) throw new StatsError('RECENCY_EXCEEDS_AGE', `pattern ${i}: recency ${tx} > n ${n}`);
    if (x > tx || (x === 0) !== (tx === 0)) {
      throw new StatsError(
        'INCONSISTENT_RECENCY',
        `pattern ${i}: need x <= t_x and t_x = 0 exactly when x = 0 (x=${x}, t_x=${tx})`,
      );
    }
    if (w < 0) throw new StatsError('INVALID_WEIGHT', `pattern ${i}: weight ${w} < 0`);
  });
  const collapsed = collapseTriples({
    a: customers.map((c) => c.frequency),
    b: customers.map((c) => c.recency),
    c: customers.map((c) => c.periods),
    weights: customers.map((c) => c.weight ?? 1),
  });
  let totalWeight = 0;
  for (const w of collapsed.weight) totalWeight += w;
  return {
    count: collapsed.count,
    frequency: collapsed.a,
    recency: collapsed.b,
    periods: collapsed.c,
    weight: collapsed.weight,
    totalWeight,
  };
}

/**
 * BG/BB log-likelihood of one pattern (Fader, Hardie & Shang 2010, eq. 5):
 * L = B(α+x, β+n−x)/B(α,β)·B(γ, δ+n)/B(γ,δ)
 *   + Σ_{i=0}^{n−t_x−1} B(α+x, β+t_x−x+i)/B(α,β)·B(γ+1, δ+t_x+i)/B(γ,δ).
 * Fills the gradient over (α, β, γ, δ) when given.
 */
export function computeBgBbPatternLogLikelihood(
  theta: ArrayLike<number>,
  x: number,
  tx: number,
  n: number,
  gradient: Float64Array | null,
): number {
  const [alpha, beta, gamma, delta] = [theta[0], theta[1], theta[2], theta[3]];
  const lbAB = betaln(alpha, beta);
  const lbGD = betaln(gamma, delta);
  const terms: number[] = [
    betaln(alpha + x, beta + n - x) - lbAB + betaln(gamma, delta + n) - lbGD,
  ];
  for (let i = 0; i < n - tx; i++) {
    terms.push(
      betaln(alpha + x, beta + tx - x + i) - lbAB + betaln(gamma + 1, delta + tx + i) - lbGD,
    );
  }
  let m = Number.NEGATIVE_INFINITY;
  for (const t of terms) m = Math.max(m, t);
  let sum = 0;
  for (const t of terms) sum += Math.exp(t - m);
  const ll = m + Math.log(sum);
  if (gradient) {
    gradient.fill(0);
    const psiAlphaX = digamma(alpha + x);
    const baseA = -(digamma(alpha) - digamma(alpha + beta));
    const baseB = -(digamma(beta) - digamma(alpha + beta));
    const baseG = -(digamma(gamma) - digamma(gamma + delta));
    const baseD = -(digamma(delta) - digamma(gamma + delta));
    terms.forEach((t, j) => {
      const w = Math.exp(t - ll);
      // j = 0: alive through n; j >= 1: died after period t_x + (j − 1).
      const k = j === 0 ? n - x : tx - x + (j - 1);
      const e = j === 0 ? 0 : 1;
      const mm = j === 0 ? n : tx + (j - 1);
      const psiABK = digamma(alpha + beta + x + k);
      const psiGDM = digamma(gamma + delta + e + mm);
      gradient[0] += w * (psiAlphaX - psiABK + baseA);
      gradient[1] += w * (digamma(beta + k) - psiABK + baseB);
      gradient[2] += w * (digamma(gamma + e) - psiGDM + baseG);
      gradient[3] += w * (digamma(delta + mm) - psiGDM + baseD);
    });
  }
  return ll;
}

/** BG/BB likelihood problem (exact gradient) for the maximum-likelihood driver. */
export function createBgBbProblem(patterns: BgBbPatterns): LikelihoodProblem {
  const g = new Float64Array(4);
  return {
    parameterNames: ['alpha', 'beta', 'gamma', 'delta'],
    totalWeight: patterns.totalWeight,
    penaltyScale: [1, 1, 1, 1],
    hasHessian: false,
    evaluate: (theta, gradient) => {
      if (gradient) gradient.fill(0);
      let total = 0;
      for (let i = 0; i < patterns.count; i++) {
        const w = patterns.weight[i];
        const ll = computeBgBbPatternLogLikelihood(
          theta,
          patterns.frequency[i],
          patterns.recency[i],
          patterns.periods[i],
          gradient ? g : null,
        );
        total += w * ll;
        if (gradient) for (let j = 0; j < 4; j++) gradient[j] += w * g[j];
      }
      return total;
    },
  };
}
