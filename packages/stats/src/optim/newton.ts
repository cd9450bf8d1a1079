import { solvePositiveDefinite } from './linear.ts';
import type { MinimizeResult, ObjectiveWithHessian } from './types.ts';

export interface NewtonOptions {
  objective: ObjectiveWithHessian;
  initial: ArrayLike<number>;
  /** Converged when the max-abs gradient falls below this. Default 1e-9. */
  gradientTolerance?: number;
  maxIterations?: number;
  /** Largest allowed change of any coordinate per iteration. Default 2. */
  maxStep?: number;
}

function maxAbs(v: Float64Array): number {
  let m = 0;
  for (const e of v) m = Math.max(m, Math.abs(e));
  return m;
}

/**
 * Damped Newton minimisation with an exact Hessian: Levenberg shift when the Hessian is not
 * positive definite, backtracking (Armijo) on the step. Returns the Hessian at the solution in
 * `hessian`.
 */
export function minimizeNewton(options: NewtonOptions): MinimizeResult & { hessian: Float64Array } {
  const n = options.initial.length;
  const gtol = options.gradientTolerance ?? 1e-9;
  const maxIterations = options.maxIterations ?? 100;
  const maxStep = options.maxStep ?? 2;
  let x: Float64Array = Float64Array.from(options.initial);
  let gradient: Float64Array = new Float64Array(n);
  let hessian = new Float64Array(n * n);
  let value = options.objective(x, gradient, hessian);
  let evaluations = 1;
  let iterations = 0;
  let converged = false;
  let message = 'maximum iterations reached';
  if (!Number.isFinite(value)) {
    return {
      x,
      value,
      gradient,
      hessian,
      gradientNorm: Number.NaN,
      iterations,
      evaluations,
      converged,
      message: 'objective is not finite at the starting point',
    };
  }
  while (iterations < maxIterations) {
    if (maxAbs(gradient) < gtol) {
      converged = true;
      message = 'gradient tolerance reached';
      break;
    }
    let shift = 0;
    let direction: Float64Array | null = null;
    let diagScale = 0;
    for (let i = 0; i < n; i++) diagScale = Math.max(diagScale, Math.abs(hessian[i * n + i]));
    for (let attempt = 0; attempt < 30 && !direction; attempt++) {
      const shifted = Float64Array.from(hessian);
      for (let i = 0; i < n; i++) shifted[i * n + i] += shift;
      direction = solvePositiveDefinite(shifted, gradient, n);
      if (!direction) shift = shift === 0 ? 1e-8 * Math.max(1, diagScale) : shift * 10;
    }
    if (!direction) {
      message = 'could not find a descent direction';
      break;
    }
    let slope = 0;
    for (let i = 0; i < n; i++) {
      direction[i] = -direction[i];
      slope += direction[i] * gradient[i];
    }
    if (shift === 0 && -slope < 1e-24 * Math.max(1, Math.abs(value))) {
      converged = true;
      message = 'Newton decrement below rounding level';
      break;
    }
    let largest = 0;
    for (let i = 0; i < n; i++) largest = Math.max(largest, Math.abs(direction[i]));
    let step = largest > maxStep ? maxStep / largest : 1;
    let accepted = false;
    const trialGradient = new Float64Array(n);
    const trialHessian = new Float64Array(n * n);
    for (let k = 0; k < 40; k++) {
      const trial = new Float64Array(n);
      for (let i = 0; i < n; i++) trial[i] = x[i] + step * direction[i];
      const v = options.objective(trial, trialGradient, trialHessian);
      evaluations++;
      // At the precision limit the value cannot decrease measurably: accept a step that
      // reduces the gradient while keeping the value within rounding.
      const armijo = v <= value + 1e-4 * step * slope;
      const flat =
        Math.abs(v - value) <= 1e-14 * Math.max(1, Math.abs(value)) &&
        maxAbs(trialGradient) < maxAbs(gradient);
      if (Number.isFinite(v) && (armijo || flat)) {
        x = trial;
        value = v;
        gradient = Float64Array.from(trialGradient);
        hessian = Float64Array.from(trialHessian);
        accepted = true;
        break;
      }
      step *= 0.5;
    }
    if (!accepted) {
      converged = maxAbs(gradient) < gtol * 1e3;
      message = 'line search failed to make progress';
      break;
    }
    iterations++;
  }
  return {
    x,
    value,
    gradient,
    hessian,
    gradientNorm: maxAbs(gradient),
    iterations,
    evaluations,
    converged,
    message,
  };
}
