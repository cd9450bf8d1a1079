export {
  type KeyDriverBootstrap,
  type KeyDriverOptions,
  type KeyDriverResult,
  keyDrivers,
  type PerPredictor,
} from './key-drivers.ts';
export {
  type ImportanceVectors,
  importanceFromCorrelation,
  johnsonRelativeWeights,
} from './measures.ts';
export { allSubsetRSquared, MAX_EXACT_PREDICTORS, shapleyFromSubsets } from './subsets.ts';
