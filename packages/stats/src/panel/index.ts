export { crossLaggedPanel } from './cross-lagged.ts';
export {
  type EquationEstimate,
  estimatePanel,
  type PanelEstimate,
  type PanelSample,
} from './estimate.ts';
export {
  buildLagPairs,
  type LagBuild,
  type LagPair,
  type PanelObservation,
  type PeriodValue,
  type UnitValue,
} from './lags.ts';
export { type ClusterCovarianceInput, clusterRobustCovariance } from './sandwich.ts';
export type {
  CrossLaggedOptions,
  CrossLaggedResult,
  CrossLagVerdict,
  EquationFit,
  LagEffect,
  PanelEstimator,
} from './types.ts';
