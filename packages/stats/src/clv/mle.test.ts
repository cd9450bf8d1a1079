import { describe, expect, it } from 'vitest';
import { type LikelihoodProblem, maximizeLikelihood } from './mle.ts';

/** Log-likelihood of n = 200 exponential waiting times with mean 2 (rate MLE = 0.5). */
function exponentialProblem(brokenGradient: boolean): LikelihoodProblem {
  const n = 200;
  const sum = 400;
  return {
    parameterNames: ['rate'],
    totalWeight: n,
    penaltyScale: [1],
    hasHessian: false,
    evaluate: (theta, gradient) => {
      const rate = theta[0];
      if (gradient) gradient[0] = brokenGradient ? 1e3 * Math.sin(1e4 * rate) : n / rate - sum;
      return n * Math.log(rate) - rate * sum;
    },
  };
}

describe('maximum-likelihood driver', () => {
  it('finds the maximum and its standard error with BFGS', () => {
    const result = maximizeLikelihood({ problem: exponentialProblem(false), initial: [3] });
    expect(result.convergence.converged).toBe(true);
    expect(result.convergence.method).toBe('bfgs');
    expect(result.theta[0]).toBeCloseTo(0.5, 8);
    expect(result.standardErrors?.[0]).toBeCloseTo(0.5 / Math.sqrt(200), 6);
    expect(result.logLikelihood).toBeCloseTo(200 * Math.log(0.5) - 200, 8);
  });

  it('falls back to Nelder-Mead and reports it when the gradient is unusable', () => {
    const result = maximizeLikelihood({ problem: exponentialProblem(true), initial: [3] });
    expect(result.convergence.method).toContain('nelder-mead');
    expect(result.convergence.warnings.length).toBeGreaterThan(0);
    expect(result.theta[0]).toBeCloseTo(0.5, 4);
  });

  it('rejects a negative penalizer with a typed error', () => {
    expect(() =>
      maximizeLikelihood({ problem: exponentialProblem(false), initial: [1], penalizer: -1 }),
    ).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});
