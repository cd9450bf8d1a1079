import type { ObjectiveWithGradient } from './types.ts';

export interface LineSearchPoint {
  step: number;
  value: number;
  slope: number;
  x: Float64Array;
  gradient: Float64Array;
}

export interface StrongWolfeOptions {
  objective: ObjectiveWithGradient;
  x: Float64Array;
  value: number;
  gradient: Float64Array;
  direction: Float64Array;
  initialStep: number;
  c1?: number;
  c2?: number;
  maxEvaluations?: number;
}

export interface LineSearchResult {
  point: LineSearchPoint | null;
  evaluations: number;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/** Minimiser of the cubic through (a, fa, da) and (b, fb, db), or NaN. */
function cubicMinimizer(a: number, fa: number, da: number, b: number, fb: number, db: number) {
  const d1 = da + db - (3 * (fa - fb)) / (a - b);
  const disc = d1 * d1 - da * db;
  if (!(disc >= 0)) return Number.NaN;
  const d2 = Math.sign(b - a) * Math.sqrt(disc);
  return b - ((b - a) * (db + d2 - d1)) / (db - da + 2 * d2);
}

/**
 * Line search satisfying the strong Wolfe conditions (Nocedal & Wright, algorithms 3.5/3.6) with
 * safeguarded cubic interpolation. Non-finite trial values are treated as "too far".
 */
export function searchStrongWolfe(options: StrongWolfeOptions): LineSearchResult {
  const { objective, x, value, gradient, direction } = options;
  const c1 = options.c1 ?? 1e-4;
  const c2 = options.c2 ?? 0.9;
  const maxEvaluations = options.maxEvaluations ?? 25;
  const n = x.length;
  const slope0 = dot(gradient, direction);
  let evaluations = 0;

  const evaluate = (step: number): LineSearchPoint => {
    const xt = new Float64Array(n);
    for (let i = 0; i < n; i++) xt[i] = x[i] + step * direction[i];
    const gt = new Float64Array(n);
    const v = objective(xt, gt);
    evaluations++;
    const finite = Number.isFinite(v) && gt.every(Number.isFinite);
    return {
      step,
      value: finite ? v : Number.POSITIVE_INFINITY,
      slope: finite ? dot(gt, direction) : Number.NaN,
      x: xt,
      gradient: gt,
    };
  };

  const zoom = (loIn: LineSearchPoint, hiIn: LineSearchPoint): LineSearchPoint | null => {
    let lo = loIn;
    let hi = hiIn;
    while (evaluations < maxEvaluations) {
      const left = Math.min(lo.step, hi.step);
      const right = Math.max(lo.step, hi.step);
      const width = right - left;
      if (width <= 1e-16 * Math.max(1, right)) return lo.step > 0 ? lo : null;
      let step = Number.isFinite(hi.value)
        ? cubicMinimizer(lo.step, lo.value, lo.slope, hi.step, hi.value, hi.slope)
        : Number.NaN;
      if (!(step > left + 0.1 * width && step < right - 0.1 * width)) step = left + 0.5 * width;
      const trial = evaluate(step);
      if (trial.value > value + c1 * step * slope0 || trial.value >= lo.value) {
        hi = trial;
      } else {
        if (Math.abs(trial.slope) <= -c2 * slope0) return trial;
        if (trial.slope * (hi.step - lo.step) >= 0) hi = lo;
        lo = trial;
      }
    }
    return lo.step > 0 ? lo : null;
  };

  let previous: LineSearchPoint = {
    step: 0,
    value,
    slope: slope0,
    x,
    gradient,
  };
  let step = options.initialStep;
  for (let i = 0; evaluations < maxEvaluations; i++) {
    const trial = evaluate(step);
    if (!Number.isFinite(trial.value)) {
      step = previous.step + 0.25 * (step - previous.step);
      continue;
    }
    if (trial.value > value + c1 * step * slope0 || (i > 0 && trial.value >= previous.value)) {
      return { point: zoom(previous, trial), evaluations };
    }
    if (Math.abs(trial.slope) <= -c2 * slope0) return { point: trial, evaluations };
    if (trial.slope >= 0) return { point: zoom(trial, previous), evaluations };
    previous = trial;
    step *= 2;
  }
  return { point: previous.step > 0 ? previous : null, evaluations };
}
