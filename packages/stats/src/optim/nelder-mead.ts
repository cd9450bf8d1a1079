import type { MinimizeResult } from './types.ts';

export interface NelderMeadOptions {
  objective: (x: Float64Array) => number;
  initial: ArrayLike<number>;
  /** Initial simplex edge; default 0.1. */
  initialStep?: number;
  maxIterations?: number;
  /** Stop when the simplex spread in both x and f falls below these. */
  xTolerance?: number;
  fTolerance?: number;
}

/** Derivative-free Nelder–Mead simplex minimisation (adaptive coefficients of Gao & Han 2012). */
export function minimizeNelderMead(options: NelderMeadOptions): MinimizeResult {
  const n = options.initial.length;
  const f = (x: Float64Array) => {
    const v = options.objective(x);
    return Number.isFinite(v) ? v : Number.POSITIVE_INFINITY;
  };
  const alpha = 1;
  const beta = 1 + 2 / n;
  const gamma = 0.75 - 1 / (2 * n);
  const delta = 1 - 1 / n;
  const maxIterations = options.maxIterations ?? 4000 * n;
  const xtol = options.xTolerance ?? 1e-10;
  const ftol = options.fTolerance ?? 1e-13;
  const step = options.initialStep ?? 0.1;
  const simplex: Float64Array[] = [];
  const values: number[] = [];
  const x0 = Float64Array.from(options.initial);
  simplex.push(x0);
  values.push(f(x0));
  for (let i = 0; i < n; i++) {
    const v = Float64Array.from(x0);
    v[i] += step;
    simplex.push(v);
    values.push(f(v));
  }
  let evaluations = n + 1;
  let iterations = 0;
  let converged = false;
  const order = simplex.map((_, i) => i);
  const centroid = new Float64Array(n);
  const point = (coef: number) => {
    const worst = simplex[order[n]];
    const p = new Float64Array(n);
    for (let i = 0; i < n; i++) p[i] = centroid[i] + coef * (centroid[i] - worst[i]);
    return p;
  };
  while (iterations < maxIterations) {
    order.sort((a, b) => values[a] - values[b]);
    const best = simplex[order[0]];
    let spreadX = 0;
    for (let k = 1; k <= n; k++) {
      const v = simplex[order[k]];
      for (let i = 0; i < n; i++) spreadX = Math.max(spreadX, Math.abs(v[i] - best[i]));
    }
    const spreadF = Math.abs(values[order[n]] - values[order[0]]);
    if (spreadX <= xtol && spreadF <= ftol * Math.max(1, Math.abs(values[order[0]]))) {
      converged = true;
      break;
    }
    iterations++;
    centroid.fill(0);
    for (let k = 0; k < n; k++) {
      const v = simplex[order[k]];
      for (let i = 0; i < n; i++) centroid[i] += v[i] / n;
    }
    const worstIndex = order[n];
    const reflected = point(alpha);
    const fr = f(reflected);
    evaluations++;
    if (fr < values[order[0]]) {
      const expanded = point(alpha * beta);
      const fe = f(expanded);
      evaluations++;
      if (fe < fr) {
        simplex[worstIndex] = expanded;
        values[worstIndex] = fe;
      } else {
        simplex[worstIndex] = reflected;
        values[worstIndex] = fr;
      }
      continue;
    }
    if (fr < values[order[n - 1]]) {
      simplex[worstIndex] = reflected;
      values[worstIndex] = fr;
      continue;
    }
    const outside = fr < values[worstIndex];
    const contracted = point(outside ? alpha * gamma : -gamma);
    const fc = f(contracted);
    evaluations++;
    if (fc < (outside ? fr : values[worstIndex])) {
      simplex[worstIndex] = contracted;
      values[worstIndex] = fc;
      continue;
    }
    for (let k = 1; k <= n; k++) {
      const v = simplex[order[k]];
      for (let i = 0; i < n; i++) v[i] = best[i] + delta * (v[i] - best[i]);
      values[order[k]] = f(v);
      evaluations++;
    }
  }
  order.sort((a, b) => values[a] - values[b]);
  return {
    x: Float64Array.from(simplex[order[0]]),
    value: values[order[0]],
    gradient: new Float64Array(n).fill(Number.NaN),
    gradientNorm: Number.NaN,
    iterations,
    evaluations,
    converged,
    message: converged ? 'simplex tolerance reached' : 'maximum iterations reached',
  };
}
