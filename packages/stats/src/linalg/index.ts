export {
  type CorrelationOptions,
  type CorrelationResult,
  correlationMatrix,
  covarianceOfColumns,
  covarianceToCorrelation,
} from './correlation.ts';
export {
  assertFinite,
  type ColumnsResult,
  type DataColumns,
  type DataInput,
  type DataRows,
  type Standardized,
  selectColumns,
  standardizeColumns,
} from './data.ts';
export { type DescriptiveResult, descriptiveStats, quantileSorted } from './descriptives.ts';
export { criticalValue, twoSidedP } from './distributions.ts';
export { fitLeastSquares, type LeastSquaresFit } from './least-squares.ts';
export { type OlsDiagnostics, type OlsOptions, type OlsResult, ols } from './ols.ts';
