import { StatsError } from '../errors.ts';
import { minimizeBfgs } from '../optim/bfgs.ts';
import { computeHessianFromGradient } from '../optim/hessian.ts';
import { invertPositiveDefinite } from '../optim/linear.ts';
import { minimizeNelderMead } from '../optim/nelder-mead.ts';
import { minimizeNewton } from '../optim/newton.ts';
import type { MinimizeResult } from '../optim/types.ts';
import type { ConvergenceReport } from './types.ts';

/** A likelihood on positive parameters, evaluated on the original data scale. */
export interface LikelihoodProblem {
  parameterNames: readonly string[];
  /** Sum of customer weights (the objective is the mean negative log-likelihood). */
  totalWeight: number;
  /** Multipliers applied to each parameter inside the L2 penalty (lifetimes' time scaling). */
  penaltyScale: readonly number[];
  /**
   * Total log-likelihood at natural parameters `theta`; fills the gradient (and, when
   * `hasHessian`, the row-major Hessian) with respect to `theta` when the arrays are given.
   */
  evaluate(
    theta: Float64Array,
    gradient: Float64Array | null,
    hessian: Float64Array | null,
  ): number;
  hasHessian: boolean;
  /** Optional cheaper problem (e.g. a subsample) whose solution starts the full fit. */
  warmStart?: LikelihoodProblem;
}

export interface MaximizeLikelihoodOptions {
  problem: LikelihoodProblem;
  initial: readonly number[];
  penalizer?: number;
  standardErrors?: boolean;
  maxIterations?: number;
  gradientTolerance?: number;
}

export interface MaximumLikelihoodResult {
  theta: number[];
  logLikelihood: number;
  standardErrors: number[] | null;
  covariance: number[][] | null;
  convergence: ConvergenceReport;
}

function makeObjective(problem: LikelihoodProblem, penalizer: number) {
  const k = problem.parameterNames.length;
  const n = problem.totalWeight;
  const theta = new Float64Array(k);
  const gTheta = new Float64Array(k);
  const hTheta = new Float64Array(k * k);
  return (u: Float64Array, gradient: Float64Array | null, hessian: Float64Array | null): number => {
    for (let i = 0; i < k; i++) theta[i] = Math.exp(u[i]);
    const ll = problem.evaluate(theta, gradient ? gTheta : null, hessian ? hTheta : null);
    if (!Number.isFinite(ll)) return Number.POSITIVE_INFINITY;
    let penalty = 0;
    for (let i = 0; i < k; i++) penalty += (problem.penaltyScale[i] * theta[i]) ** 2;
    if (gradient) {
      for (let i = 0; i < k; i++) {
        const c2 = problem.penaltyScale[i] ** 2;
        gradient[i] = theta[i] * (-gTheta[i] / n + 2 * penalizer * c2 * theta[i]);
      }
    }
    if (hessian && gradient) {
      for (let i = 0; i < k; i++) {
        for (let j = 0; j < k; j++) {
          const pen = i === j ? 2 * penalizer * problem.penaltyScale[i] ** 2 : 0;
          hessian[i * k + j] = theta[i] * theta[j] * (-hTheta[i * k + j] / n + pen);
        }
        hessian[i * k + i] += gradient[i];
      }
    }
    return -ll / n + penalizer * penalty;
  };
}

/**
 * Maximum-likelihood fit in log-parameter space: (warm start on a subsample) → damped Newton with
 * the exact Hessian when available, else BFGS → Nelder–Mead fallback and BFGS polish when needed.
 * Standard errors come from the inverse Hessian of the total (penalised) objective.
 */
export function maximizeLikelihood(options: MaximizeLikelihoodOptions): MaximumLikelihoodResult {
  const { problem } = options;
  const k = problem.parameterNames.length;
  const penalizer = options.penalizer ?? 0;
  if (!(penalizer >= 0) || !Number.isFinite(penalizer)) {
    throw new StatsError(
      'INVALID_ARGUMENT',
      `penalizer must be finite and >= 0 (got ${penalizer})`,
    );
  }
  const gtol = options.gradientTolerance ?? 1e-9;
  const maxIterations = options.maxIterations ?? 1000;
  const warnings: string[] = [];
  const stages: string[] = [];
  let iterations = 0;
  let evaluations = 0;
  let start: Float64Array = Float64Array.from(options.initial, (v) => Math.log(v));
  if (!start.every(Number.isFinite)) {
    throw new StatsError('INVALID_ARGUMENT', 'initial parameters must be finite and > 0');
  }

  const objective = makeObjective(problem, penalizer);
  const withGradient = (u: Float64Array, g: Float64Array) => objective(u, g, null);
  const initialPoint = start;

  // Stage 1: BFGS (on a subsample when the problem offers one) to reach the basin.
  const firstProblem = problem.warmStart ?? problem;
  const firstObjective = problem.warmStart
    ? makeObjective(problem.warmStart, penalizer)
    : objective;
  const first = minimizeBfgs({
    objective: (u, g) => firstObjective(u, g, null),
    initial: start,
    gradientTolerance: problem.hasHessian || problem.warmStart ? Math.max(gtol, 1e-6) : gtol,
    maxIterations,
  });
  stages.push(problem.warmStart ? 'subsample-bfgs' : 'bfgs');
  iterations += first.iterations;
  if (firstProblem === problem) evaluations += first.evaluations;
  let best: MinimizeResult = first;
  let hessianAtBest: Float64Array | null = null;
  if (problem.warmStart || !first.converged) best = { ...first, value: Number.POSITIVE_INFINITY };
  if (Number.isFinite(first.value) && first.x.every(Number.isFinite)) start = first.x;

  /** Counts a later stage and keeps its result (with its exact Hessian, if any) when not worse. */
  const consider = (stage: string, result: MinimizeResult, hessian: Float64Array | null) => {
    stages.push(stage);
    iterations += result.iterations;
    evaluations += result.evaluations;
    if (result.value <= best.value || !Number.isFinite(best.value)) {
      best = result;
      hessianAtBest = hessian;
    }
  };
  const polishWithBfgs = (initial: Float64Array) =>
    consider(
      'bfgs',
      minimizeBfgs({ objective: withGradient, initial, gradientTolerance: gtol, maxIterations }),
      null,
    );

  // Stage 2: exact-Hessian Newton or BFGS polish on the full problem.
  if (problem.hasHessian) {
    const newton = minimizeNewton({
      objective,
      initial: start,
      gradientTolerance: gtol,
      maxIterations,
    });
    consider('newton', newton, newton.hessian);
  }
  if (!best.converged) polishWithBfgs(start);
  // Stage 3: derivative-free fallback from the initial point, then a BFGS polish.
  if (!best.converged) {
    warnings.push(`gradient-based optimizer stopped: ${best.message}; trying Nelder-Mead`);
    const simplex = minimizeNelderMead({
      objective: (u) => objective(u, null, null),
      initial: initialPoint,
    });
    stages.push('nelder-mead');
    iterations += simplex.iterations;
    evaluations += simplex.evaluations;
    polishWithBfgs(simplex.x);
    if (!best.converged) warnings.push(`optimizer did not converge: ${best.message}`);
  }
  if (!Number.isFinite(best.value) || !best.x.every(Number.isFinite)) {
    throw new StatsError(
      'NON_CONVERGENCE',
      'the likelihood could not be evaluated at any tried point',
    );
  }
  const theta = Array.from(best.x, (u) => Math.exp(u));
  let penalty = 0;
  for (let i = 0; i < k; i++) penalty += (problem.penaltyScale[i] * theta[i]) ** 2;
  // The objective is −LL/N + λ·penalty: recover LL without another pass over the data.
  const logLikelihood = -(best.value - penalizer * penalty) * problem.totalWeight;
  for (let i = 0; i < k; i++) {
    if (theta[i] < 1e-8 || theta[i] > 1e8) {
      warnings.push(`parameter ${problem.parameterNames[i]} = ${theta[i]} is at an extreme value`);
    }
  }

  let standardErrors: number[] | null = null;
  let covariance: number[][] | null = null;
  if (options.standardErrors ?? true) {
    const hessian =
      hessianAtBest ??
      (problem.hasHessian
        ? (() => {
            const h = new Float64Array(k * k);
            objective(best.x, new Float64Array(k), h);
            return h;
          })()
        : computeHessianFromGradient({ objective: withGradient, x: best.x }));
    if (!problem.hasHessian) evaluations += 2 * k;
    const total = hessian.map((v) => v * problem.totalWeight);
    const inverse = invertPositiveDefinite(total, k);
    if (inverse) {
      covariance = [];
      for (let i = 0; i < k; i++) {
        const row: number[] = [];
        for (let j = 0; j < k; j++) row.push(theta[i] * theta[j] * inverse[i * k + j]);
        covariance.push(row);
      }
      standardErrors = theta.map((t, i) => t * Math.sqrt(inverse[i * k + i]));
    } else {
      warnings.push('standard errors unavailable: the Hessian is not positive definite');
    }
  }
  return {
    theta,
    logLikelihood,
    standardErrors,
    covariance,
    convergence: {
      converged: best.converged,
      iterations,
      functionEvaluations: evaluations,
      gradientNorm: best.gradientNorm,
      method: stages.join('+'),
      warnings,
    },
  };
}
