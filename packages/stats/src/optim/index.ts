export { type BfgsOptions, minimizeBfgs } from './bfgs.ts';
export { computeHessianFromGradient, type GradientHessianOptions } from './hessian.ts';
export {
  type LineSearchResult,
  type StrongWolfeOptions,
  searchStrongWolfe,
} from './line-search.ts';
export { invertPositiveDefinite, solvePositiveDefinite } from './linear.ts';
export { minimizeNelderMead, type NelderMeadOptions } from './nelder-mead.ts';
export { minimizeNewton, type NewtonOptions } from './newton.ts';
export type { MinimizeResult, ObjectiveWithGradient, ObjectiveWithHessian } from './types.ts';
