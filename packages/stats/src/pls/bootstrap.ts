/**
 * PLS bootstrap. Resample r uses its own generator `createRng(seed, r)`, so any split of the
 * resample range over threads gives bit-identical draws. `bootstrapPls` computes a range
 * [start, end); `summarizePlsBootstrap` combines chunks; `bootstrapPlsSync` does all in-thread.
 */
import {
  type BootstrapStatistic,
  checkBootstrapSettings,
  summarizeDraws,
} from '../bootstrap/summary.ts';
import { StatsError } from '../errors.ts';
import { createRng, resampleCounts } from '../random.ts';
import { fitPlsCore, totalEffects } from './algorithm.ts';
import { estimatePrepared } from './estimate.ts';
import { type CompiledModel, pathKey } from './model.ts';
import { itemCorrelation, type PreparedPls, preparePls } from './prepare.ts';
import type { PlsOptions, PlsResult } from './types.ts';

export interface PlsBootstrapOptions extends PlsOptions {
  /** Number of resamples B (e.g. 1000). */
  resamples: number;
  seed: number;
  /** Percentile interval coverage, default 0.95. */
  confidenceLevel?: number;
}

export interface PlsBootstrapChunkOptions {
  prepared: PreparedPls;
  seed: number;
  /** First resample index (inclusive). */
  start: number;
  /** Last resample index (exclusive). */
  end: number;
}

/** Raw draws of resamples [start, end): row r − start of `values` holds the statistics vector. */
export interface PlsBootstrapChunk {
  start: number;
  end: number;
  statCount: number;
  values: Float64Array;
  /** 1 when the resample produced a converged, non-singular fit. */
  ok: Uint8Array;
}

export interface PlsBootstrapResult {
  estimate: PlsResult;
  resamples: number;
  /** Resamples that failed (singular, zero variance or not converged) and were left out. */
  failed: number;
  seed: number;
  confidenceLevel: number;
  /** Keyed 'From -> To'. */
  paths: Record<string, BootstrapStatistic>;
  /** Keyed 'ITEM -> Construct' (as seminr). */
  weights: Record<string, BootstrapStatistic>;
  loadings: Record<string, BootstrapStatistic>;
  rSquared: Record<string, BootstrapStatistic>;
  /** Keyed 'From -> To', for every pair joined by a directed route. */
  totalEffects: Record<string, BootstrapStatistic>;
  /** Keyed 'From -> To', for every pair joined by a route of length ≥ 2. */
  indirectEffects: Record<string, BootstrapStatistic>;
  /** `resamplesByThread` (parallel runs): resamples whose result came from each thread, main first. */
  diagnostics: { warnings: string[]; resamplesByThread?: number[] };
}

interface Layout {
  statCount: number;
  effectPairs: [number, number][];
  indirectPairs: [number, number][];
}

function layoutOf(model: CompiledModel): Layout {
  const m = model.constructs.length;
  const adjacency = new Float64Array(m * m);
  for (const [a, b] of model.paths) adjacency[a * m + b] = 1;
  const reach = totalEffects(adjacency, m);
  const effectPairs: [number, number][] = [];
  const indirectPairs: [number, number][] = [];
  for (let a = 0; a < m; a++) {
    for (let b = 0; b < m; b++) {
      const routes = reach[a * m + b];
      if (routes > 0) effectPairs.push([a, b]);
      if (routes - adjacency[a * m + b] > 0) indirectPairs.push([a, b]);
    }
  }
  const p = model.items.length;
  const statCount =
    model.paths.length +
    2 * p +
    model.endogenous.length +
    effectPairs.length +
    indirectPairs.length;
  return { statCount, effectPairs, indirectPairs };
}

function statistics(prepared: PreparedPls, layout: Layout, counts?: Float64Array): Float64Array {
  const { model } = prepared;
  const m = model.constructs.length;
  const p = model.items.length;
  const s = itemCorrelation(prepared.rows, prepared.model.items.length, counts);
  const fit = fitPlsCore(model, s, prepared.tolerance, prepared.maxIterations);
  if (!fit.converged) throw new StatsError('NOT_CONVERGED', 'PLS did not converge');
  const out = new Float64Array(layout.statCount);
  let k = 0;
  for (const [a, b] of model.paths) out[k++] = fit.pathMatrix[a * m + b];
  for (let i = 0; i < p; i++) out[k++] = fit.weights[i];
  for (let i = 0; i < p; i++) out[k++] = fit.itemScore[i * m + model.blockOf[i]];
  for (const a of model.endogenous) out[k++] = fit.r2[a];
  const total = totalEffects(fit.pathMatrix, m);
  for (const [a, b] of layout.effectPairs) out[k++] = total[a * m + b];
  for (const [a, b] of layout.indirectPairs)
    out[k++] = total[a * m + b] - fit.pathMatrix[a * m + b];
  return out;
}

/** Compute the bootstrap draws for resamples [start, end) (one thread's share). */
export function bootstrapPls(options: PlsBootstrapChunkOptions): PlsBootstrapChunk {
  const { prepared, seed, start, end } = options;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start) {
    throw new StatsError('INVALID_ARGUMENT', `Invalid resample range [${start}, ${end})`);
  }
  const layout = layoutOf(prepared.model);
  const count = end - start;
  const values = new Float64Array(count * layout.statCount);
  const ok = new Uint8Array(count);
  const counts = new Float64Array(prepared.n);
  for (let r = start; r < end; r++) {
    resampleCounts(createRng(seed, r), prepared.n, counts);
    try {
      values.set(statistics(prepared, layout, counts), (r - start) * layout.statCount);
      ok[r - start] = 1;
    } catch (error) {
      if (!(error instanceof StatsError)) throw error;
    }
  }
  return { start, end, statCount: layout.statCount, values, ok };
}

/** Combine chunks (any order, must cover [0, B) exactly) into the bootstrap summary. */
export function summarizePlsBootstrap(
  prepared: PreparedPls,
  chunks: readonly PlsBootstrapChunk[],
  seed: number,
  confidenceLevel = 0.95,
): PlsBootstrapResult {
  const { model } = prepared;
  const layout = layoutOf(model);
  const sorted = [...chunks].sort((a, b) => a.start - b.start);
  let expectedStart = 0;
  for (const c of sorted) {
    if (c.start !== expectedStart || c.statCount !== layout.statCount) {
      throw new StatsError('INVALID_ARGUMENT', 'Bootstrap chunks do not tile the resample range');
    }
    expectedStart = c.end;
  }
  const resamples = expectedStart;
  const rows: Float64Array[] = [];
  for (const c of sorted) {
    for (let r = 0; r < c.end - c.start; r++) {
      if (c.ok[r]) rows.push(c.values.subarray(r * c.statCount, (r + 1) * c.statCount));
    }
  }
  const failed = resamples - rows.length;
  const original = statistics(prepared, layout);
  const summarize = (k: number) =>
    summarizeDraws(
      rows.map((row) => row[k]),
      original[k],
      confidenceLevel,
    );
  const names = model.constructs;
  const result: Omit<PlsBootstrapResult, 'estimate'> = {
    resamples,
    failed,
    seed,
    confidenceLevel,
    paths: {},
    weights: {},
    loadings: {},
    rSquared: {},
    totalEffects: {},
    indirectEffects: {},
    diagnostics: { warnings: [] },
  };
  let k = 0;
  for (const [a, b] of model.paths) result.paths[pathKey(names[a], names[b])] = summarize(k++);
  const itemKey = (i: number) => pathKey(model.items[i], names[model.blockOf[i]]);
  for (let i = 0; i < model.items.length; i++) result.weights[itemKey(i)] = summarize(k++);
  for (let i = 0; i < model.items.length; i++) result.loadings[itemKey(i)] = summarize(k++);
  for (const a of model.endogenous) result.rSquared[names[a]] = summarize(k++);
  for (const [a, b] of layout.effectPairs)
    result.totalEffects[pathKey(names[a], names[b])] = summarize(k++);
  for (const [a, b] of layout.indirectPairs) {
    result.indirectEffects[pathKey(names[a], names[b])] = summarize(k++);
  }
  if (failed > 0) {
    result.diagnostics.warnings.push(
      `${failed} of ${resamples} resamples failed and were left out`,
    );
  }
  return { estimate: estimatePrepared(prepared), ...result };
}

/** Single-threaded bootstrap of a PLS model. */
export function bootstrapPlsSync(options: PlsBootstrapOptions): PlsBootstrapResult {
  checkBootstrapSettings(options.resamples, options.seed);
  const prepared = preparePls(options);
  const chunk = bootstrapPls({ prepared, seed: options.seed, start: 0, end: options.resamples });
  return summarizePlsBootstrap(prepared, [chunk], options.seed, options.confidenceLevel);
}
