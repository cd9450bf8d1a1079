/**
 * Inverse of a symmetric positive-definite matrix (row-major n × n) via Cholesky, or null when the
 * matrix is not positive definite.
 */
export function invertPositiveDefinite(matrix: Float64Array, n: number): Float64Array | null {
  const l = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    let d = matrix[j * n + j];
    for (let k = 0; k < j; k++) d -= l[j * n + k] * l[j * n + k];
    if (!(d > 0) || !Number.isFinite(d)) return null;
    const ljj = Math.sqrt(d);
    l[j * n + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let v = matrix[i * n + j];
      for (let k = 0; k < j; k++) v -= l[i * n + k] * l[j * n + k];
      l[i * n + j] = v / ljj;
    }
  }
  // Solve L L' X = I column by column.
  const inverse = new Float64Array(n * n);
  const z = new Float64Array(n);
  for (let c = 0; c < n; c++) {
    for (let i = 0; i < n; i++) {
      let v = i === c ? 1 : 0;
      for (let k = 0; k < i; k++) v -= l[i * n + k] * z[k];
      z[i] = v / l[i * n + i];
    }
    for (let i = n - 1; i >= 0; i--) {
      let v = z[i];
      for (let k = i + 1; k < n; k++) v -= l[k * n + i] * inverse[k * n + c];
      inverse[i * n + c] = v / l[i * n + i];
    }
  }
  return inverse;
}

/** Solves H d = g for symmetric positive-definite H; null when H is not positive definite. */
export function solvePositiveDefinite(
  matrix: Float64Array,
  rhs: Float64Array,
  n: number,
): Float64Array | null {
  const inverse = invertPositiveDefinite(matrix, n);
  if (!inverse) return null;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let v = 0;
    for (let j = 0; j < n; j++) v += inverse[i * n + j] * rhs[j];
    out[i] = v;
  }
  return out;
}
