/** Measurement-model quality: reliability (α, ρC, ρA, AVE), HTMT and inner-model VIF. */
import { inverse, Matrix } from 'ml-matrix';
import { StatsError } from '../errors.ts';
import type { CoreFit } from './algorithm.ts';
import type { CompiledModel } from './model.ts';
import type { PlsReliability } from './types.ts';

/**
 * Reliability of every block. With standardized items: α = k/(k−1)·(1 − k/ΣR),
 * ρC = (Σλ)²/((Σλ)² + Σ(1−λ²)), AVE = mean λ², and
 * ρA = (w'w)² · w'(S − diag S)w / w'(ww' − diag ww')w with w the unit-variance weights
 * (Dijkstra & Henseler 2015). Single-item blocks get 1 for all four.
 */
export function reliability(model: CompiledModel, s: Float64Array, fit: CoreFit): PlsReliability[] {
  const p = model.items.length;
  const m = model.constructs.length;
  return model.constructs.map((_, b) => {
    const start = model.blockStart[b];
    const end = model.blockEnd[b];
    const k = end - start;
    if (k === 1) return { alpha: 1, rhoC: 1, rhoA: 1, ave: 1 };
    let sumR = 0;
    let offDiagQuad = 0;
    let ww = 0;
    let ww2 = 0;
    for (let i = start; i < end; i++) {
      ww += fit.weights[i] ** 2;
      ww2 += fit.weights[i] ** 4;
      for (let j = start; j < end; j++) {
        sumR += s[i * p + j];
        if (i !== j) offDiagQuad += fit.weights[i] * s[i * p + j] * fit.weights[j];
      }
    }
    let sumL = 0;
    let sumL2 = 0;
    for (let i = start; i < end; i++) {
      const l = fit.itemScore[i * m + b];
      sumL += l;
      sumL2 += l * l;
    }
    const alpha = (k / (k - 1)) * (1 - k / sumR);
    const rhoC = (sumL * sumL) / (sumL * sumL + (k - sumL2));
    const denom = ww * ww - ww2; // w'(ww' − diag(ww'))w
    const rhoA = (ww * ww * offDiagQuad) / denom;
    return { alpha, rhoC, rhoA, ave: sumL2 / k };
  });
}

/**
 * Heterotrait–monotrait ratio of correlations (Henseler, Ringle & Sarstedt 2015) on absolute item
 * correlations. Returns m × m with null where a construct has a single item (monotrait mean undefined).
 */
export function htmt(model: CompiledModel, s: Float64Array): (number | null)[][] {
  const p = model.items.length;
  const m = model.constructs.length;
  const mono = model.constructs.map((_, b) => {
    const start = model.blockStart[b];
    const end = model.blockEnd[b];
    if (end - start < 2) return null;
    let sum = 0;
    let count = 0;
    for (let i = start; i < end; i++) {
      for (let j = i + 1; j < end; j++) {
        sum += Math.abs(s[i * p + j]);
        count++;
      }
    }
    return sum / count;
  });
  const out: (number | null)[][] = Array.from({ length: m }, (_, a) =>
    Array.from({ length: m }, (_, b) => (a === b ? 1 : null)),
  );
  for (let a = 0; a < m; a++) {
    for (let b = a + 1; b < m; b++) {
      const ma = mono[a];
      const mb = mono[b];
      if (ma === null || mb === null || ma <= 0 || mb <= 0) continue;
      let sum = 0;
      let count = 0;
      for (let i = model.blockStart[a]; i < model.blockEnd[a]; i++) {
        for (let j = model.blockStart[b]; j < model.blockEnd[b]; j++) {
          sum += Math.abs(s[i * p + j]);
          count++;
        }
      }
      const value = sum / count / Math.sqrt(ma * mb);
      out[a][b] = value;
      out[b][a] = value;
    }
  }
  return out;
}

/** VIF of each endogenous construct's predictors: diag((C_PP)⁻¹). */
export function innerVif(model: CompiledModel, lvCor: Float64Array): Map<number, number[]> {
  const m = model.constructs.length;
  const out = new Map<number, number[]>();
  for (const a of model.endogenous) {
    const pred = model.predecessors[a];
    if (pred.length === 1) {
      out.set(a, [1]);
      continue;
    }
    const sub = new Matrix(pred.map((x) => pred.map((y) => lvCor[x * m + y])));
    const inv = inverse(sub);
    const vif = pred.map((_, k) => inv.get(k, k));
    if (vif.some((v) => !Number.isFinite(v) || v < 1 - 1e-9)) {
      throw new StatsError(
        'SINGULAR_MATRIX',
        `Predictors of "${model.constructs[a]}" are perfectly collinear`,
      );
    }
    out.set(a, vif);
  }
  return out;
}
