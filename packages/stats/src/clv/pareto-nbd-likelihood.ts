import type { RfmPatterns } from './data.ts';
import { computeGeometricPanels, GAUSS_LEGENDRE_16 } from './gauss-legendre.ts';
import type { LikelihoodProblem } from './mle.ts';
import { digamma, gammaln, hyp2f1 } from './special.ts';

/**
 * log A₀ of the Pareto/NBD likelihood (Fader & Hardie 2005, note 009, eqs. 19–20), using the
 * ₂F₁ branch that keeps the argument in [0, 1): α ≥ β uses b = s + 1, α < β uses b = r + x.
 * Returns −∞ when t_x = T.
 */
export function computeParetoLogA0(
  theta: ArrayLike<number>,
  x: number,
  recency: number,
  T: number,
): number {
  const [r, alpha, s, beta] = [theta[0], theta[1], theta[2], theta[3]];
  const alphaSmaller = alpha < beta;
  const high = alphaSmaller ? beta : alpha;
  const low = alphaSmaller ? alpha : beta;
  const b = alphaSmaller ? r + x : s + 1;
  const gap = high - low;
  const rsx = r + s + x;
  const q1 = high + recency;
  const q2 = high + T;
  const term1 = Math.log(hyp2f1(rsx, b, rsx + 1, gap / q1)) - rsx * Math.log(q1);
  const term2 = Math.log(hyp2f1(rsx, b, rsx + 1, gap / q2)) - rsx * Math.log(q2);
  if (!(term1 > term2)) return Number.NEGATIVE_INFINITY;
  return term1 + Math.log1p(-Math.exp(term2 - term1));
}

/** Per-customer Pareto/NBD log-likelihood (note 009, eq. 18). */
export function computeParetoCustomerLogLikelihood(
  theta: ArrayLike<number>,
  x: number,
  recency: number,
  T: number,
): number {
  const [r, alpha, s, beta] = [theta[0], theta[1], theta[2], theta[3]];
  const a1 = gammaln(r + x) - gammaln(r) + r * Math.log(alpha) + s * Math.log(beta);
  const first = -(r + x) * Math.log(alpha + T) - s * Math.log(beta + T);
  const logA0 = computeParetoLogA0(theta, x, recency, T);
  if (logA0 === Number.NEGATIVE_INFINITY) return a1 + first;
  const second = Math.log(s) + logA0 - Math.log(r + s + x);
  const m = Math.max(first, second);
  return a1 + m + Math.log1p(Math.exp(Math.min(first, second) - m));
}

/**
 * Moments of the death-time integrand f(τ) = (α+τ)^−(r+x) (β+τ)^−(s+1) on [t_x, T]:
 * returns [E ln(α+τ), E 1/(α+τ), E ln(β+τ), E 1/(β+τ)] under f, by Gauss–Legendre on
 * u = ln((α+τ)/(α+t_x)) with geometric panels (f decays like e^−(r+s+x)u).
 */
function integrandMoments(theta: Float64Array, x: number, recency: number, T: number): number[] {
  const [r, alpha, s, beta] = theta;
  const y0 = alpha + recency;
  const length = Math.log((alpha + T) / y0);
  const edges = computeGeometricPanels(length, 1 / (r + s + x), 2);
  const { nodes, weights } = GAUSS_LEGENDRE_16;
  const shift = beta - alpha;
  const logY0 = Math.log(y0);
  const reference = (1 - r - x) * logY0 - (s + 1) * Math.log(y0 + shift);
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let s4 = 0;
  for (let p = 0; p + 1 < edges.length; p++) {
    const half = 0.5 * (edges[p + 1] - edges[p]);
    const mid = 0.5 * (edges[p + 1] + edges[p]);
    for (let k = 0; k < nodes.length; k++) {
      const u = mid + half * nodes[k];
      const logY = logY0 + u;
      const y = Math.exp(logY);
      const yb = y + shift;
      const logYb = Math.log(yb);
      const f = weights[k] * half * Math.exp((1 - r - x) * logY - (s + 1) * logYb - reference);
      s0 += f;
      s1 += f * logY;
      s2 += f / y;
      s3 += f * logYb;
      s4 += f / yb;
    }
  }
  return [s1 / s0, s2 / s0, s3 / s0, s4 / s0];
}

function evaluate(patterns: RfmPatterns, theta: Float64Array, g: Float64Array | null): number {
  const [r, alpha, s, beta] = theta;
  if (g) g.fill(0);
  let total = 0;
  const digammaR = digamma(r);
  for (let i = 0; i < patterns.count; i++) {
    const x = patterns.frequency[i];
    const tx = patterns.recency[i];
    const T = patterns.T[i];
    const w = patterns.weight[i];
    const a1 = gammaln(r + x) - gammaln(r) + r * Math.log(alpha) + s * Math.log(beta);
    const first = -(r + x) * Math.log(alpha + T) - s * Math.log(beta + T);
    const logA0 = computeParetoLogA0(theta, x, tx, T);
    const second =
      logA0 === Number.NEGATIVE_INFINITY
        ? Number.NEGATIVE_INFINITY
        : Math.log(s) + logA0 - Math.log(r + s + x);
    const m = Math.max(first, second);
    const e1 = Math.exp(first - m);
    const e2 = Math.exp(second - m);
    total += w * (a1 + m + Math.log(e1 + e2));
    if (!g) continue;
    const pw = e1 / (e1 + e2);
    const qw = 1 - pw;
    let dr = digamma(r + x) - digammaR + Math.log(alpha) - pw * Math.log(alpha + T);
    let da = r / alpha - (pw * (r + x)) / (alpha + T);
    let ds = Math.log(beta) - pw * Math.log(beta + T);
    let db = s / beta - (pw * s) / (beta + T);
    if (qw > 0) {
      const [eLogA, eInvA, eLogB, eInvB] = integrandMoments(theta, x, tx, T);
      dr -= qw * eLogA;
      da -= qw * (r + x) * eInvA;
      ds += qw * (1 / s - eLogB);
      db -= qw * (s + 1) * eInvB;
    }
    g[0] += w * dr;
    g[1] += w * da;
    g[2] += w * ds;
    g[3] += w * db;
  }
  return total;
}

/** Pareto/NBD likelihood problem: ₂F₁ value, exact gradient via the death-time integral. */
export function createParetoNbdProblem(patterns: RfmPatterns): LikelihoodProblem {
  const scale = 10 / Math.max(patterns.maxT, 1e-12);
  return {
    parameterNames: ['r', 'alpha', 's', 'beta'],
    totalWeight: patterns.totalWeight,
    penaltyScale: [1, scale, 1, scale],
    hasHessian: false,
    evaluate: (theta, g) => evaluate(patterns, theta, g),
  };
}
