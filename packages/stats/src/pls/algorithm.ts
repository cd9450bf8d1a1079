/**
 * The PLS path modeling iteration (Lohmöller/Wold), run entirely on the indicator correlation
 * matrix: with standardized indicators every quantity the algorithm needs (score covariances,
 * item–score covariances) is a bilinear form in S, so one resample costs one correlation matrix
 * plus O(p²) per iteration, independent of n.
 */
import { CholeskyDecomposition, inverse, Matrix } from 'ml-matrix';
import { StatsError } from '../errors.ts';
import type { CompiledModel } from './model.ts';

export interface CoreFit {
  /** Outer weights per item, scaled so each construct score has unit variance. */
  weights: Float64Array;
  /** T[i*m + b] = correlation of item i with construct score b (cross-loadings). */
  itemScore: Float64Array;
  /** Construct score correlations, m × m row-major. */
  lvCor: Float64Array;
  /** B[from*m + to] = path coefficient. */
  pathMatrix: Float64Array;
  /** R² per construct (0 for exogenous). */
  r2: Float64Array;
  iterations: number;
  converged: boolean;
}

/**
 * Solve C_PP x = C_Pa for the small (≤ m × m) symmetric positive definite systems of the inner
 * loop. A dense in-place Cholesky on a flat buffer: the structural regressions run thousands of
 * times per bootstrap, where allocating ml-matrix objects dominated the cost.
 */
export function solveSubsystem(
  c: Float64Array,
  m: number,
  idx: readonly number[],
  target: number,
  what: string,
): number[] {
  const k = idx.length;
  const l = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = c[idx[i] * m + idx[j]];
      for (let q = 0; q < j; q++) sum -= l[i * k + q] * l[j * k + q];
      if (i === j) {
        if (!(sum > 1e-12)) {
          throw new StatsError('SINGULAR_MATRIX', `${what}: predictors are perfectly collinear`);
        }
        l[i * k + i] = Math.sqrt(sum);
      } else {
        l[i * k + j] = sum / l[j * k + j];
      }
    }
  }
  const x = new Array<number>(k);
  for (let i = 0; i < k; i++) {
    let sum = c[idx[i] * m + target];
    for (let q = 0; q < i; q++) sum -= l[i * k + q] * x[q];
    x[i] = sum / l[i * k + i];
  }
  for (let i = k - 1; i >= 0; i--) {
    let sum = x[i];
    for (let q = i + 1; q < k; q++) sum -= l[q * k + i] * x[q];
    x[i] = sum / l[i * k + i];
  }
  return x;
}

/** Inverse of each Mode B block's correlation matrix (null for Mode A blocks). */
function modeBInverses(model: CompiledModel, s: Float64Array, p: number): (Matrix | null)[] {
  return model.constructs.map((name, j) => {
    if (!model.modeB[j]) return null;
    const start = model.blockStart[j];
    const end = model.blockEnd[j];
    const block: number[][] = [];
    for (let i = start; i < end; i++) {
      const row: number[] = [];
      for (let k = start; k < end; k++) row.push(s[i * p + k]);
      block.push(row);
    }
    const chol = new CholeskyDecomposition(block);
    if (!chol.isPositiveDefinite()) {
      throw new StatsError('SINGULAR_MATRIX', `Mode B block "${name}": its items are collinear`);
    }
    return inverse(new Matrix(block));
  });
}

/** T = S·W (item × construct covariances) and C = W'SW (score covariances). */
function scoreCovariances(
  model: CompiledModel,
  s: Float64Array,
  w: Float64Array,
  p: number,
  m: number,
  t: Float64Array,
  c: Float64Array,
): void {
  const { blockStart, blockEnd, blockOf } = model;
  for (let i = 0; i < p; i++) {
    const row = i * p;
    for (let b = 0; b < m; b++) {
      let sum = 0;
      for (let k = blockStart[b]; k < blockEnd[b]; k++) sum += s[row + k] * w[k];
      t[i * m + b] = sum;
    }
  }
  c.fill(0);
  for (let i = 0; i < p; i++) {
    const a = blockOf[i];
    for (let b = 0; b < m; b++) c[a * m + b] += w[i] * t[i * m + b];
  }
  for (let a = 0; a < m; a++) {
    for (let b = a + 1; b < m; b++) {
      const v = 0.5 * (c[a * m + b] + c[b * m + a]);
      c[a * m + b] = v;
      c[b * m + a] = v;
    }
  }
}

/** Inner weights E[b*m + a]: weight of score b in the inner estimate of construct a. */
function innerWeights(model: CompiledModel, c: Float64Array, m: number, e: Float64Array): void {
  e.fill(0);
  const { predecessors, successors, scheme } = model;
  for (let a = 0; a < m; a++) {
    if (scheme === 'path') {
      const pred = predecessors[a];
      if (pred.length > 0) {
        const beta = solveSubsystem(c, m, pred, a, `Inner regression of "${model.constructs[a]}"`);
        pred.forEach((q, k) => {
          e[q * m + a] = beta[k];
        });
      }
      for (const q of successors[a]) e[q * m + a] = c[q * m + a];
    } else {
      for (const q of [...predecessors[a], ...successors[a]]) {
        const r = c[q * m + a];
        e[q * m + a] = scheme === 'centroid' ? (r > 0 ? 1 : r < 0 ? -1 : 0) : r;
      }
    }
  }
}

/** Scale block weights so the construct score has unit variance: w'S_bb w = 1. */
function normalizeBlock(
  model: CompiledModel,
  s: Float64Array,
  w: Float64Array,
  p: number,
  b: number,
): void {
  const start = model.blockStart[b];
  const end = model.blockEnd[b];
  let v = 0;
  for (let i = start; i < end; i++) {
    let sum = 0;
    for (let k = start; k < end; k++) sum += s[i * p + k] * w[k];
    v += w[i] * sum;
  }
  if (!(v > 1e-300)) {
    throw new StatsError(
      'ZERO_VARIANCE',
      `Construct "${model.constructs[b]}" has a zero-variance score (its inner estimate vanished)`,
    );
  }
  const f = 1 / Math.sqrt(v);
  for (let i = start; i < end; i++) w[i] *= f;
}

/**
 * Run the PLS algorithm on the p × p item correlation matrix `s` (row-major, items in
 * `model.items` order).
 */
export function fitPlsCore(
  model: CompiledModel,
  s: Float64Array,
  tolerance: number,
  maxIterations: number,
): CoreFit {
  const p = model.items.length;
  const m = model.constructs.length;
  const inv = modeBInverses(model, s, p);
  let w = new Float64Array(p).fill(1);
  for (let b = 0; b < m; b++) normalizeBlock(model, s, w, p, b);
  const t = new Float64Array(p * m);
  const c = new Float64Array(m * m);
  const e = new Float64Array(m * m);
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations) {
    iterations++;
    scoreCovariances(model, s, w, p, m, t, c);
    innerWeights(model, c, m, e);
    const next = new Float64Array(p);
    for (let i = 0; i < p; i++) {
      const a = model.blockOf[i];
      let v = 0;
      for (let b = 0; b < m; b++) {
        const eb = e[b * m + a];
        if (eb !== 0) v += eb * t[i * m + b];
      }
      next[i] = v;
    }
    for (let b = 0; b < m; b++) {
      const bInv = inv[b];
      if (bInv) {
        const start = model.blockStart[b];
        const end = model.blockEnd[b];
        const v = Array.from(next.subarray(start, end));
        for (let i = start; i < end; i++) {
          let sum = 0;
          for (let k = start; k < end; k++) sum += bInv.get(i - start, k - start) * v[k - start];
          next[i] = sum;
        }
      }
      normalizeBlock(model, s, next, p, b);
    }
    let diff = 0;
    for (let i = 0; i < p; i++) diff += Math.abs(next[i] - w[i]);
    w = next;
    if (diff < tolerance) {
      converged = true;
      break;
    }
  }
  scoreCovariances(model, s, w, p, m, t, c);
  for (let a = 0; a < m; a++) c[a * m + a] = 1;
  const pathMatrix = new Float64Array(m * m);
  const r2 = new Float64Array(m);
  for (const a of model.endogenous) {
    const pred = model.predecessors[a];
    const rhs = pred.map((q) => c[q * m + a]);
    const beta = solveSubsystem(c, m, pred, a, `Structural regression of "${model.constructs[a]}"`);
    let rr = 0;
    pred.forEach((q, k) => {
      pathMatrix[q * m + a] = beta[k];
      rr += beta[k] * rhs[k];
    });
    r2[a] = rr;
  }
  return { weights: w, itemScore: t, lvCor: c, pathMatrix, r2, iterations, converged };
}

/** Total effects Σ_{k≥1} B^k of an acyclic path matrix (m × m row-major, from × to). */
export function totalEffects(pathMatrix: Float64Array, m: number): Float64Array {
  const total = new Float64Array(pathMatrix);
  let power = new Float64Array(pathMatrix);
  for (let step = 1; step < m; step++) {
    const next = new Float64Array(m * m);
    let any = false;
    for (let a = 0; a < m; a++) {
      for (let k = 0; k < m; k++) {
        const pak = power[a * m + k];
        if (pak === 0) continue;
        for (let b = 0; b < m; b++) {
          const v = pak * pathMatrix[k * m + b];
          if (v !== 0) {
            next[a * m + b] += v;
            any = true;
          }
        }
      }
    }
    if (!any) break;
    for (let i = 0; i < m * m; i++) total[i] += next[i];
    power = next;
  }
  return total;
}
