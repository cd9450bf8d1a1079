import type { RfmPatterns } from './data.ts';
import type { LikelihoodProblem } from './mle.ts';
import { gammaln } from './special.ts';

/**
 * Shared likelihood kernel of BG/NBD (Fader, Hardie & Lee 2005) and MBG/NBD (Batislam et al.
 * 2007). Per customer
 *   LL = A1(x) + A2(x) + log(exp(L3) + [alive-at-zero or x > 0] exp(L4)),
 *   A1 = lnΓ(r+x) − lnΓ(r) + r ln α,  A2 = lnΓ(a+b) − lnΓ(b) + lnΓ(b+x+k) − lnΓ(a+b+x+k),
 *   L3 = −(r+x) ln(α+T),  L4 = ln a − ln(b+x+k−1) − (r+x) ln(α+t_x),
 * with k = 0 for BG/NBD (and no L4 term when x = 0) and k = 1 for MBG/NBD.
 * Gradient and Hessian are exact: x is a count, so ψ and ψ' differences are finite sums.
 */
export type BetaGeometricVariant = 'bgnbd' | 'mbgnbd';

interface KernelData {
  variant: BetaGeometricVariant;
  shift: number;
  xValues: Float64Array;
  weightByX: Float64Array;
  mixX: Int32Array;
  mixTx: Float64Array;
  mixT: Float64Array;
  mixW: Float64Array;
  zeroT: Float64Array;
  zeroW: Float64Array;
}

function prepare(patterns: RfmPatterns, variant: BetaGeometricVariant, stride: number): KernelData {
  // Frequencies are validated whole numbers: index them through a dense lookup table.
  let maxX = 0;
  for (let i = 0; i < patterns.count; i += stride) maxX = Math.max(maxX, patterns.frequency[i]);
  const present = new Uint8Array(maxX + 1);
  let mixCount = 0;
  let zeroCount = 0;
  for (let i = 0; i < patterns.count; i += stride) {
    const x = patterns.frequency[i];
    present[x] = 1;
    if (variant === 'bgnbd' && x === 0) zeroCount++;
    else mixCount++;
  }
  const indexOfX = new Int32Array(maxX + 1).fill(-1);
  const distinct: number[] = [];
  for (let x = 0; x <= maxX; x++) {
    if (present[x]) {
      indexOfX[x] = distinct.length;
      distinct.push(x);
    }
  }
  const xValues = Float64Array.from(distinct);
  const weightByX = new Float64Array(xValues.length);
  const data: KernelData = {
    variant,
    shift: variant === 'bgnbd' ? 0 : 1,
    xValues,
    weightByX,
    mixX: new Int32Array(mixCount),
    mixTx: new Float64Array(mixCount),
    mixT: new Float64Array(mixCount),
    mixW: new Float64Array(mixCount),
    zeroT: new Float64Array(zeroCount),
    zeroW: new Float64Array(zeroCount),
  };
  let m = 0;
  let z = 0;
  for (let i = 0; i < patterns.count; i += stride) {
    const x = patterns.frequency[i];
    const w = patterns.weight[i] * stride;
    const k = indexOfX[x];
    weightByX[k] += w;
    if (variant === 'bgnbd' && x === 0) {
      data.zeroT[z] = patterns.T[i];
      data.zeroW[z] = w;
      z++;
    } else {
      data.mixX[m] = k;
      data.mixTx[m] = patterns.recency[i];
      data.mixT[m] = patterns.T[i];
      data.mixW[m] = w;
      m++;
    }
  }
  return data;
}

/** Adds the per-x terms A1 + A2 (value, gradient, Hessian over r, α, a, b). */
function addCountTerms(
  d: KernelData,
  theta: Float64Array,
  g: Float64Array | null,
  h: Float64Array | null,
  la4: Float64Array,
  ib4: Float64Array,
): number {
  const [r, alpha, a, b] = theta;
  const logAlpha = Math.log(alpha);
  const base = gammaln(a + b) - gammaln(b) - gammaln(r);
  let value = 0;
  let sr1 = 0;
  let sr2 = 0;
  let sab1 = 0;
  let sab2 = 0;
  let sb1 = 0;
  let sb2 = 0;
  let jr = 0;
  let jab = 0;
  for (let k = 0; k < d.xValues.length; k++) {
    const x = d.xValues[k];
    const w = d.weightByX[k];
    const xb = x + d.shift;
    for (; jr < x; jr++) {
      sr1 += 1 / (r + jr);
      sr2 += 1 / (r + jr) ** 2;
    }
    for (; jab < xb; jab++) {
      sab1 += 1 / (a + b + jab);
      sab2 += 1 / (a + b + jab) ** 2;
      sb1 += 1 / (b + jab);
      sb2 += 1 / (b + jab) ** 2;
    }
    la4[k] = Math.log(a) - Math.log(b + xb - 1);
    ib4[k] = 1 / (b + xb - 1);
    if (w === 0) continue;
    value += w * (base + gammaln(r + x) + r * logAlpha + gammaln(b + xb) - gammaln(a + b + xb));
    if (g) {
      g[0] += w * (sr1 + logAlpha);
      g[1] += (w * r) / alpha;
      g[2] -= w * sab1;
      g[3] += w * (sb1 - sab1);
    }
    if (h) {
      h[0] -= w * sr2;
      h[1] += w / alpha;
      h[5] -= (w * r) / alpha ** 2;
      h[10] += w * sab2;
      h[11] += w * sab2;
      h[15] += w * (sab2 - sb2);
    }
  }
  return value;
}

function evaluateKernel(
  d: KernelData,
  theta: Float64Array,
  g: Float64Array | null,
  h: Float64Array | null,
): number {
  const [r, alpha, a] = theta;
  if (g) g.fill(0);
  if (h) h.fill(0);
  const la4 = new Float64Array(d.xValues.length);
  const ib4 = new Float64Array(d.xValues.length);
  let value = addCountTerms(d, theta, g, h, la4, ib4);
  // Customers without the death-at-last-purchase term (BG/NBD, x = 0): −r ln(α+T).
  let g0 = 0;
  let g1 = 0;
  let g2 = 0;
  let g3 = 0;
  let hra = 0;
  let haa = 0;
  let hrr = 0;
  let hrb = 0;
  let hrc = 0;
  let hab = 0;
  let hac = 0;
  let hbb = 0;
  let hbc = 0;
  let hcc = 0;
  const zeroT = d.zeroT;
  const zeroW = d.zeroW;
  for (let i = 0; i < zeroT.length; i++) {
    const w = zeroW[i];
    const u = 1 / (alpha + zeroT[i]);
    const lT = Math.log(alpha + zeroT[i]);
    value -= w * r * lT;
    g0 -= w * lT;
    g1 -= w * r * u;
    hra -= w * u;
    haa += w * r * u * u;
  }
  const inverseA = 1 / a;
  const { mixX, mixTx, mixT, mixW } = d;
  const xValues = d.xValues;
  const wantH = h !== null;
  for (let i = 0; i < mixX.length; i++) {
    const k = mixX[i];
    const w = mixW[i];
    const rx = r + xValues[k];
    const uT = 1 / (alpha + mixT[i]);
    const ut = 1 / (alpha + mixTx[i]);
    const lT = Math.log(alpha + mixT[i]);
    const lt = Math.log(alpha + mixTx[i]);
    const diff = la4[k] - rx * (lt - lT); // L4 − L3
    let p: number;
    if (diff > 0) {
      const e = Math.exp(-diff);
      value += w * (la4[k] - rx * lt + Math.log1p(e));
      p = 1 / (1 + e);
    } else {
      const e = Math.exp(diff);
      value += w * (-rx * lT + Math.log1p(e));
      p = e / (1 + e);
    }
    const q = 1 - p;
    const ib = ib4[k];
    g0 -= w * (q * lT + p * lt);
    g1 -= w * rx * (q * uT + p * ut);
    g2 += w * p * inverseA;
    g3 -= w * p * ib;
    if (wantH) {
      // d = ∇L4 − ∇L3 ; H = q H3 + p H4 + p q d dᵀ
      const d0 = lT - lt;
      const d1 = rx * (uT - ut);
      const d2 = inverseA;
      const d3 = -ib;
      const pqw = w * p * q;
      hra -= w * (q * uT + p * ut);
      haa += w * rx * (q * uT * uT + p * ut * ut);
      hbb -= w * p * inverseA * inverseA;
      hrr += pqw * d0 * d0;
      hrb += pqw * d0 * d2;
      hrc += pqw * d0 * d3;
      hab += pqw * d1 * d2;
      hac += pqw * d1 * d3;
      hbb += pqw * d2 * d2;
      hbc += pqw * d2 * d3;
      haa += pqw * d1 * d1;
      hra += pqw * d0 * d1;
      hcc += pqw * d3 * d3 + w * p * ib * ib;
    }
  }
  if (g) {
    g[0] += g0;
    g[1] += g1;
    g[2] += g2;
    g[3] += g3;
  }
  if (h) {
    // Index map: r=0, α=1, a=2, b=3. Local names: hra = (r,α), haa = (α,α), hbb = (a,a),
    // hcc = (b,b), hrb = (r,a), hrc = (r,b), hab = (α,a), hac = (α,b), hbc = (a,b).
    h[0] += hrr;
    h[1] += hra;
    h[2] += hrb;
    h[3] += hrc;
    h[5] += haa;
    h[6] += hab;
    h[7] += hac;
    h[10] += hbb;
    h[11] += hbc;
    h[15] += hcc;
    for (let i = 0; i < 4; i++) for (let j = 0; j < i; j++) h[i * 4 + j] = h[j * 4 + i];
  }
  return value;
}

export interface BetaGeometricProblemOptions {
  patterns: RfmPatterns;
  variant: BetaGeometricVariant;
  /** Build a subsample warm start when there are more patterns than this. Default 200 000. */
  warmStartAbove?: number;
}

/** Likelihood problem (exact gradient and Hessian) for the maximum-likelihood driver. */
export function createBetaGeometricProblem(
  options: BetaGeometricProblemOptions,
): LikelihoodProblem {
  const { patterns, variant } = options;
  const make = (stride: number): LikelihoodProblem => {
    const data = prepare(patterns, variant, stride);
    let total = 0;
    for (const w of data.weightByX) total += w;
    return {
      parameterNames: ['r', 'alpha', 'a', 'b'],
      totalWeight: total,
      penaltyScale: [1, 10 / Math.max(patterns.maxT, 1e-12), 1, 1],
      hasHessian: true,
      evaluate: (theta, g, h) => evaluateKernel(data, theta, g, h),
    };
  };
  const problem = make(1);
  const threshold = options.warmStartAbove ?? 200_000;
  if (patterns.count > threshold) {
    problem.warmStart = make(Math.ceil(patterns.count / 50_000));
  }
  return problem;
}

export interface BetaGeometricLogLikelihoodOptions {
  theta: Float64Array;
  variant: BetaGeometricVariant;
  frequency: number;
  recency: number;
  T: number;
}

/** Per-customer log-likelihood (used by the public per-customer functions). */
export function computeBetaGeometricCustomerLogLikelihood(
  options: BetaGeometricLogLikelihoodOptions,
): number {
  const { theta, variant, frequency: x, recency: tx, T } = options;
  const [r, alpha, a, b] = theta;
  const k = variant === 'bgnbd' ? 0 : 1;
  const a1 = gammaln(r + x) - gammaln(r) + r * Math.log(alpha);
  const a2 = gammaln(a + b) - gammaln(b) + gammaln(b + x + k) - gammaln(a + b + x + k);
  const l3 = -(r + x) * Math.log(alpha + T);
  if (variant === 'bgnbd' && x === 0) return a1 + a2 + l3;
  const l4 = Math.log(a) - Math.log(b + x + k - 1) - (r + x) * Math.log(alpha + tx);
  const m = Math.max(l3, l4);
  return a1 + a2 + m + Math.log1p(Math.exp(Math.min(l3, l4) - m));
}
