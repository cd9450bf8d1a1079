/** Objective that writes its gradient into `gradient` and returns the value. */
export type ObjectiveWithGradient = (x: Float64Array, gradient: Float64Array) => number;

/** Objective that also writes the row-major Hessian (n × n) when `hessian` is given. */
export type ObjectiveWithHessian = (
  x: Float64Array,
  gradient: Float64Array,
  hessian: Float64Array | null,
) => number;

export interface MinimizeResult {
  x: Float64Array;
  value: number;
  gradient: Float64Array;
  /** Max-abs norm of the gradient at `x` (NaN for derivative-free methods). */
  gradientNorm: number;
  iterations: number;
  evaluations: number;
  converged: boolean;
  message: string;
}
