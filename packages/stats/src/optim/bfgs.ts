import { searchStrongWolfe } from './line-search.ts';
import type { MinimizeResult, ObjectiveWithGradient } from './types.ts';

export interface BfgsOptions {
  objective: ObjectiveWithGradient;
  initial: ArrayLike<number>;
  /** Converged when the max-abs gradient falls below this. Default 1e-9. */
  gradientTolerance?: number;
  maxIterations?: number;
  /** Optional initial inverse-Hessian approximation (row-major n × n). */
  initialInverseHessian?: Float64Array;
}

function maxAbs(v: Float64Array): number {
  let m = 0;
  for (const e of v) m = Math.max(m, Math.abs(e));
  return m;
}

function identity(n: number, scale: number): Float64Array {
  const h = new Float64Array(n * n);
  for (let i = 0; i < n; i++) h[i * n + i] = scale;
  return h;
}

/** Quasi-Newton minimisation (BFGS inverse update) with a strong-Wolfe line search. */
export function minimizeBfgs(options: BfgsOptions): MinimizeResult {
  const n = options.initial.length;
  const gtol = options.gradientTolerance ?? 1e-9;
  const maxIterations = options.maxIterations ?? 500;
  let x: Float64Array = Float64Array.from(options.initial);
  let gradient: Float64Array = new Float64Array(n);
  let value = options.objective(x, gradient);
  let evaluations = 1;
  if (!Number.isFinite(value) || !gradient.every(Number.isFinite)) {
    return {
      x,
      value,
      gradient,
      gradientNorm: Number.NaN,
      iterations: 0,
      evaluations,
      converged: false,
      message: 'objective is not finite at the starting point',
    };
  }
  let h = options.initialInverseHessian
    ? Float64Array.from(options.initialInverseHessian)
    : identity(n, 1);
  let fresh = !options.initialInverseHessian;
  const direction = new Float64Array(n);
  const s = new Float64Array(n);
  const y = new Float64Array(n);
  const hy = new Float64Array(n);
  let iterations = 0;
  let message = 'maximum iterations reached';
  let converged = false;
  let failures = 0;

  while (iterations < maxIterations) {
    if (maxAbs(gradient) < gtol) {
      converged = true;
      message = 'gradient tolerance reached';
      break;
    }
    let slope = 0;
    for (let i = 0; i < n; i++) {
      let d = 0;
      for (let j = 0; j < n; j++) d -= h[i * n + j] * gradient[j];
      direction[i] = d;
      slope += d * gradient[i];
    }
    if (!(slope < 0)) {
      h = identity(n, 1);
      fresh = true;
      for (let i = 0; i < n; i++) direction[i] = -gradient[i];
    }
    const gnorm = Math.sqrt(gradient.reduce((acc, g) => acc + g * g, 0));
    const initialStep = fresh && iterations === 0 ? Math.min(1, 1 / gnorm) : 1;
    const search = searchStrongWolfe({
      objective: options.objective,
      x,
      value,
      gradient,
      direction,
      initialStep,
    });
    evaluations += search.evaluations;
    const point = search.point;
    if (!point || !(point.value <= value)) {
      failures++;
      // No decrease is representable: a minimum up to floating-point precision when the
      // gradient is already small.
      if (maxAbs(gradient) < Math.max(gtol, 1e-6)) {
        converged = true;
        message = 'no further decrease representable (precision limit)';
        break;
      }
      if (fresh || failures > 2) {
        message = 'line search failed to make progress';
        break;
      }
      h = identity(n, 1);
      fresh = true;
      continue;
    }
    iterations++;
    let sy = 0;
    let yy = 0;
    for (let i = 0; i < n; i++) {
      s[i] = point.x[i] - x[i];
      y[i] = point.gradient[i] - gradient[i];
      sy += s[i] * y[i];
      yy += y[i] * y[i];
    }
    const previousValue = value;
    x = point.x;
    gradient = point.gradient;
    value = point.value;
    if (sy > 1e-300 && yy > 0) {
      if (fresh) {
        h = identity(n, sy / yy);
        fresh = false;
      }
      // H+ = (I - rho s y') H (I - rho y s') + rho s s'
      const rho = 1 / sy;
      let yhy = 0;
      for (let i = 0; i < n; i++) {
        let acc = 0;
        for (let j = 0; j < n; j++) acc += h[i * n + j] * y[j];
        hy[i] = acc;
        yhy += y[i] * acc;
      }
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          h[i * n + j] += rho * ((1 + rho * yhy) * s[i] * s[j] - hy[i] * s[j] - s[i] * hy[j]);
        }
      }
    }
    if (
      previousValue - value <= 1e-16 * Math.max(1, Math.abs(value)) &&
      maxAbs(gradient) < gtol * 1e3
    ) {
      converged = maxAbs(gradient) < gtol * 1e3;
      message = 'no further progress possible (precision limit)';
      break;
    }
  }
  return {
    x,
    value,
    gradient,
    gradientNorm: maxAbs(gradient),
    iterations,
    evaluations,
    converged,
    message,
  };
}
