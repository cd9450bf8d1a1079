import type { RfmPatterns } from './data.ts';
import { type LikelihoodProblem, maximizeLikelihood } from './mle.ts';
import type { FitOptionsBase, ModelFit } from './types.ts';

export interface RunFitOptions<P> {
  problem: LikelihoodProblem;
  names: readonly (keyof P & string)[];
  defaults: P;
  options: FitOptionsBase<P>;
  customers: number;
  uniquePatterns: number;
}

function toParams<P>(names: readonly (keyof P & string)[], values: readonly number[]): P {
  const out: Record<string, number> = {};
  names.forEach((name, i) => {
    out[name] = values[i];
  });
  return out as P;
}

/** Runs the maximum-likelihood driver and shapes the result as a ModelFit. */
export function runFit<P>(args: RunFitOptions<P>): ModelFit<P> {
  const { names, defaults, options } = args;
  const initial = names.map((name) => {
    const v = options.initialParams?.[name];
    return typeof v === 'number' ? v : (defaults[name] as number);
  });
  const result = maximizeLikelihood({
    problem: args.problem,
    initial,
    penalizer: options.penalizer,
    standardErrors: options.standardErrors,
    maxIterations: options.maxIterations,
    gradientTolerance: options.gradientTolerance,
  });
  return {
    params: toParams<P>(names, result.theta),
    logLikelihood: result.logLikelihood,
    standardErrors: result.standardErrors ? toParams<P>(names, result.standardErrors) : null,
    covariance: result.covariance,
    parameterNames: names,
    convergence: result.convergence,
    customers: args.customers,
    uniquePatterns: args.uniquePatterns,
  };
}

/** Total weight of customers with at least one repeat purchase. */
export function repeatWeight(patterns: RfmPatterns): number {
  let total = 0;
  for (let i = 0; i < patterns.count; i++) {
    if (patterns.frequency[i] > 0) total += patterns.weight[i];
  }
  return total;
}
