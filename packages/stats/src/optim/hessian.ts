import type { ObjectiveWithGradient } from './types.ts';

export interface GradientHessianOptions {
  objective: ObjectiveWithGradient;
  x: ArrayLike<number>;
  /** Relative step; default 1e-5. */
  step?: number;
}

/** Symmetrised Hessian (row-major) by central differences of an exact gradient. */
export function computeHessianFromGradient(options: GradientHessianOptions): Float64Array {
  const n = options.x.length;
  const base = Float64Array.from(options.x);
  const h = new Float64Array(n * n);
  const gPlus = new Float64Array(n);
  const gMinus = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const step = (options.step ?? 1e-5) * Math.max(1, Math.abs(base[j]));
    const xp = Float64Array.from(base);
    const xm = Float64Array.from(base);
    xp[j] += step;
    xm[j] -= step;
    options.objective(xp, gPlus);
    options.objective(xm, gMinus);
    for (let i = 0; i < n; i++) h[i * n + j] = (gPlus[i] - gMinus[i]) / (2 * step);
  }
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const m = 0.5 * (h[i * n + j] + h[j * n + i]);
      h[i * n + j] = m;
      h[j * n + i] = m;
    }
  }
  return h;
}
