import { describe, expect, it } from 'vitest';
import { minimizeBfgs } from './bfgs.ts';
import { computeHessianFromGradient } from './hessian.ts';
import { invertPositiveDefinite } from './linear.ts';
import { minimizeNelderMead } from './nelder-mead.ts';
import { minimizeNewton } from './newton.ts';

const rosenbrock = (x: Float64Array, g: Float64Array): number => {
  const [a, b] = [x[0], x[1]];
  g[0] = -2 * (1 - a) - 400 * a * (b - a * a);
  g[1] = 200 * (b - a * a);
  return (1 - a) ** 2 + 100 * (b - a * a) ** 2;
};

describe('optimizers', () => {
  it('BFGS finds the Rosenbrock minimum', () => {
    const result = minimizeBfgs({ objective: rosenbrock, initial: [-1.2, 1] });
    expect(result.converged).toBe(true);
    expect(result.x[0]).toBeCloseTo(1, 7);
    expect(result.x[1]).toBeCloseTo(1, 7);
  });

  it('Nelder-Mead finds the Rosenbrock minimum without derivatives', () => {
    const g = new Float64Array(2);
    const result = minimizeNelderMead({ objective: (x) => rosenbrock(x, g), initial: [-1.2, 1] });
    expect(result.converged).toBe(true);
    expect(result.x[0]).toBeCloseTo(1, 5);
  });

  it('Newton with an exact Hessian finds the Rosenbrock minimum', () => {
    const result = minimizeNewton({
      objective: (x, g, h) => {
        const v = rosenbrock(x, g);
        if (h) {
          h[0] = 2 - 400 * (x[1] - 3 * x[0] * x[0]);
          h[1] = -400 * x[0];
          h[2] = -400 * x[0];
          h[3] = 200;
        }
        return v;
      },
      initial: [-1.2, 1],
    });
    expect(result.converged).toBe(true);
    expect(result.x[1]).toBeCloseTo(1, 8);
  });

  it('the finite-difference Hessian of an exact gradient matches the analytic one', () => {
    const h = computeHessianFromGradient({ objective: rosenbrock, x: [0.5, 0.3] });
    expect(h[0]).toBeCloseTo(2 - 400 * (0.3 - 3 * 0.25), 5);
    expect(h[1]).toBeCloseTo(-200, 5);
  });

  it('Cholesky inversion returns null for an indefinite matrix', () => {
    expect(invertPositiveDefinite(Float64Array.from([1, 2, 2, 1]), 2)).toBeNull();
    const inv = invertPositiveDefinite(Float64Array.from([4, 2, 2, 3]), 2);
    expect(Array.from(inv ?? [])).toEqual(
      [0.375, -0.25, -0.25, 0.5].map((v) => expect.closeTo(v, 12)),
    );
  });
});
