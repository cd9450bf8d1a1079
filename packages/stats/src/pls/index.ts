export { type CoreFit, fitPlsCore, totalEffects } from './algorithm.ts';
export {
  bootstrapPls,
  bootstrapPlsSync,
  type PlsBootstrapChunk,
  type PlsBootstrapChunkOptions,
  type PlsBootstrapOptions,
  type PlsBootstrapResult,
  summarizePlsBootstrap,
} from './bootstrap.ts';
export { bootstrapPlsParallel, type PlsBootstrapParallelOptions } from './bootstrap-parallel.ts';
export { constructScores, estimatePls, estimatePrepared } from './estimate.ts';
export { type CompiledModel, compileModel, pathKey } from './model.ts';
export { itemCorrelation, type PreparedPls, preparePls } from './prepare.ts';
export type {
  InnerScheme,
  NestedRecord,
  PlsConstructSpec,
  PlsDiagnostics,
  PlsMode,
  PlsModelSpec,
  PlsOptions,
  PlsPath,
  PlsReliability,
  PlsResult,
} from './types.ts';
