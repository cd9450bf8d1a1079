/** Gauss–Legendre nodes and weights on [−1, 1] (Newton iteration on P_n). */
export function computeGaussLegendreRule(n: number): {
  nodes: Float64Array;
  weights: Float64Array;
} {
  const nodes = new Float64Array(n);
  const weights = new Float64Array(n);
  for (let i = 0; i < Math.ceil(n / 2); i++) {
    let z = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    let derivative = 0;
    for (let iter = 0; iter < 100; iter++) {
      let p0 = 1;
      let p1 = 0;
      for (let j = 1; j <= n; j++) {
        const p2 = p1;
        p1 = p0;
        p0 = ((2 * j - 1) * z * p1 - (j - 1) * p2) / j;
      }
      derivative = (n * (z * p0 - p1)) / (z * z - 1);
      const dz = p0 / derivative;
      z -= dz;
      if (Math.abs(dz) < 1e-16) break;
    }
    nodes[i] = -z;
    nodes[n - 1 - i] = z;
    const w = 2 / ((1 - z * z) * derivative * derivative);
    weights[i] = w;
    weights[n - 1 - i] = w;
  }
  return { nodes, weights };
}

export const GAUSS_LEGENDRE_16 = computeGaussLegendreRule(16);

/**
 * Panel edges on [0, length]: the first panel has width `first`, widths double up to `maxWidth`
 * and stay there (resolves a peak at 0 and a long smooth tail with few panels).
 */
export function computeGeometricPanels(length: number, first: number, maxWidth: number): number[] {
  const edges = [0];
  let width = Math.min(Math.max(first, 1e-300), maxWidth);
  let position = 0;
  while (position < length) {
    position = Math.min(length, position + width);
    edges.push(position);
    width = Math.min(width * 2, maxWidth);
  }
  return edges;
}
