/** `estimatePls`: full PLS-PM estimation with all reported quantities. */
import { type CoreFit, fitPlsCore, totalEffects } from './algorithm.ts';
import { type CompiledModel, pathKey } from './model.ts';
import { itemCorrelation, type PreparedPls, preparePls } from './prepare.ts';
import { htmt, innerVif, reliability } from './quality.ts';
import type { NestedRecord, PlsOptions, PlsResult } from './types.ts';

function squareRecord(names: string[], values: ArrayLike<number>): NestedRecord {
  const m = names.length;
  const out: NestedRecord = {};
  names.forEach((a, i) => {
    out[a] = {};
    names.forEach((b, j) => {
      out[a][b] = values[i * m + j];
    });
  });
  return out;
}

/** Construct scores of the prepared (standardized) data: Y_b = Σ_{i∈b} w_i z_i. */
export function constructScores(
  prepared: PreparedPls,
  weights: Float64Array,
): Record<string, number[]> {
  const { model, columns, n } = prepared;
  const out: Record<string, number[]> = {};
  model.constructs.forEach((name, b) => {
    const y = new Array<number>(n).fill(0);
    for (let i = model.blockStart[b]; i < model.blockEnd[b]; i++) {
      const col = columns[i];
      const wi = weights[i];
      for (let r = 0; r < n; r++) y[r] += wi * col[r];
    }
    out[name] = y;
  });
  return out;
}

function outerRecords(model: CompiledModel, fit: CoreFit) {
  const m = model.constructs.length;
  const outerWeights: NestedRecord = {};
  const outerLoadings: NestedRecord = {};
  const crossLoadings: NestedRecord = {};
  model.constructs.forEach((name, b) => {
    outerWeights[name] = {};
    outerLoadings[name] = {};
    for (let i = model.blockStart[b]; i < model.blockEnd[b]; i++) {
      outerWeights[name][model.items[i]] = fit.weights[i];
      outerLoadings[name][model.items[i]] = fit.itemScore[i * m + b];
    }
  });
  model.items.forEach((item, i) => {
    crossLoadings[item] = {};
    model.constructs.forEach((name, b) => {
      crossLoadings[item][name] = fit.itemScore[i * m + b];
    });
  });
  return { outerWeights, outerLoadings, crossLoadings };
}

/** Estimate from an already prepared data set (used by the bootstrap for the original sample). */
export function estimatePrepared(prepared: PreparedPls): PlsResult {
  const { model, n } = prepared;
  const m = model.constructs.length;
  const names = model.constructs;
  const s = itemCorrelation(prepared.rows, prepared.model.items.length);
  const fit = fitPlsCore(model, s, prepared.tolerance, prepared.maxIterations);
  const warnings: string[] = [];
  if (prepared.nDropped > 0) {
    warnings.push(`${prepared.nDropped} of ${prepared.nInput} rows dropped (listwise deletion)`);
  }
  if (!fit.converged) {
    warnings.push(`The PLS algorithm did not converge in ${prepared.maxIterations} iterations`);
  }
  const paths = model.paths.map(([a, b]) => ({
    from: names[a],
    to: names[b],
    coefficient: fit.pathMatrix[a * m + b],
  }));
  const pathCoefficients: Record<string, number> = {};
  for (const pth of paths) pathCoefficients[pathKey(pth.from, pth.to)] = pth.coefficient;
  const rSquared: Record<string, number> = {};
  const rSquaredAdjusted: Record<string, number> = {};
  for (const a of model.endogenous) {
    const k = model.predecessors[a].length;
    rSquared[names[a]] = fit.r2[a];
    rSquaredAdjusted[names[a]] = 1 - ((1 - fit.r2[a]) * (n - 1)) / (n - k - 1);
    if (n - k - 1 <= 0) warnings.push(`Adjusted R² of "${names[a]}" is undefined (too few cases)`);
  }
  const total = totalEffects(fit.pathMatrix, m);
  const indirect = total.map((v, i) => v - fit.pathMatrix[i]);
  const rel = reliability(model, s, fit);
  const reliabilityRecord: PlsResult['reliability'] = {};
  names.forEach((name, b) => {
    reliabilityRecord[name] = rel[b];
  });
  const h = htmt(model, s);
  const htmtRecord: PlsResult['htmt'] = {};
  names.forEach((a, i) => {
    htmtRecord[a] = {};
    names.forEach((b, j) => {
      htmtRecord[a][b] = h[i][j];
    });
  });
  const vif = innerVif(model, fit.lvCor);
  const innerVifRecord: NestedRecord = {};
  for (const [a, values] of vif) {
    innerVifRecord[names[a]] = {};
    model.predecessors[a].forEach((q, k) => {
      innerVifRecord[names[a]][names[q]] = values[k];
    });
  }
  return {
    constructs: [...names],
    scheme: model.scheme,
    n,
    ...outerRecords(model, fit),
    paths,
    pathCoefficients,
    rSquared,
    rSquaredAdjusted,
    totalEffects: squareRecord(names, total),
    indirectEffects: squareRecord(names, indirect),
    constructCorrelations: squareRecord(names, fit.lvCor),
    scores: constructScores(prepared, fit.weights),
    reliability: reliabilityRecord,
    htmt: htmtRecord,
    innerVif: innerVifRecord,
    diagnostics: {
      warnings,
      nInput: prepared.nInput,
      nDropped: prepared.nDropped,
      iterations: fit.iterations,
      converged: fit.converged,
      tolerance: prepared.tolerance,
      scoreVarianceDivisor: 'n-1',
    },
  };
}

/**
 * PLS path modeling (PLS-PM) with standardized indicators and unit-variance construct scores
 * (divisor n − 1; plspm uses n, which changes only the scale of its scores).
 */
export function estimatePls(options: PlsOptions): PlsResult {
  return estimatePrepared(preparePls(options));
}
