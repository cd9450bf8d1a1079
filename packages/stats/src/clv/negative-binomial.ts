import { gammaln } from './special.ts';

/** log P(N = j) for N ~ NB with shape r and success probability p = t/(α+t) (lifetimes form). */
export function logNegativeBinomialPmf(r: number, p: number, j: number): number {
  return gammaln(r + j) - gammaln(r) - gammaln(j + 1) + r * Math.log1p(-p) + j * Math.log(p);
}

/** P(N >= n) for the same NB, summed on the shorter side to avoid cancellation. */
export function negativeBinomialSurvival(r: number, p: number, n: number): number {
  if (n <= 0) return 1;
  if (p <= 0) return 0;
  let term = Math.exp(r * Math.log1p(-p));
  let cumulative = 0;
  for (let j = 0; j < n; j++) {
    cumulative += term;
    term *= ((r + j) / (j + 1)) * p;
  }
  if (cumulative < 0.5) return 1 - cumulative;
  // Tail sum from j = n; `term` now holds P(N = n).
  let tail = 0;
  for (let j = n; j < n + 100_000; j++) {
    tail += term;
    term *= ((r + j) / (j + 1)) * p;
    if (term < 1e-17 * tail && (r + j) * p < j + 1) break;
  }
  return tail;
}
