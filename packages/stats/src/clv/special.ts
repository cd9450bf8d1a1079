import betalnImpl from '@stdlib/math-base-special-betaln';
import digammaImpl from '@stdlib/math-base-special-digamma';
import gammalnImpl from '@stdlib/math-base-special-gammaln';
import hyp2f1Impl from '@stdlib/math-base-special-hyp2f1';

/** ln Γ(x) (stdlib). */
export const gammaln: (x: number) => number = gammalnImpl;
/** ln B(a, b) (stdlib). */
export const betaln: (a: number, b: number) => number = betalnImpl;
/** ψ(x) (stdlib). */
export const digamma: (x: number) => number = digammaImpl;
/** Gauss hypergeometric ₂F₁(a, b; c; z) (stdlib). */
export const hyp2f1: (a: number, b: number, c: number, z: number) => number = hyp2f1Impl;

/** log(exp(a) + exp(b)) without overflow. */
export function logAddExp(a: number, b: number): number {
  if (a === Number.NEGATIVE_INFINITY) return b;
  if (b === Number.NEGATIVE_INFINITY) return a;
  return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
}

/** log(exp(a) - exp(b)) for a >= b. */
export function logSubExp(a: number, b: number): number {
  if (b === Number.NEGATIVE_INFINITY) return a;
  return a + Math.log1p(-Math.exp(b - a));
}

/** log of the sum of exp(values). */
export function logSumExp(values: readonly number[]): number {
  let m = Number.NEGATIVE_INFINITY;
  for (const v of values) m = Math.max(m, v);
  if (m === Number.NEGATIVE_INFINITY) return m;
  let s = 0;
  for (const v of values) s += Math.exp(v - m);
  return m + Math.log(s);
}
