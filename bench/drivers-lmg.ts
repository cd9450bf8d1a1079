/**
 * Key-driver benchmark: exact LMG/Shapley for 12 predictors (4,096 subsets) on mobi, a synthetic
 * 15-predictor case, and a 1,000-resample bootstrap. Anchor: relaimpo 0.75 s (median) for 12.
 * Run: npx tsx bench/drivers-lmg.ts
 */
import { keyDrivers } from '../packages/stats/src/drivers/index.ts';
import { readCsvColumns } from '../packages/stats/src/pls/testing/refdata.ts';
import { createRng } from '../packages/stats/src/random.ts';

const mobi = readCsvColumns('data/mobi.csv');
const twelve = [
  'IMAG1',
  'IMAG2',
  'IMAG3',
  'IMAG4',
  'IMAG5',
  'PERQ1',
  'PERQ2',
  'PERQ3',
  'PERQ4',
  'PERQ5',
  'PERQ6',
  'PERQ7',
];

function medianMs(fn: () => unknown, reps: number): number {
  fn();
  const xs: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    fn();
    xs.push(performance.now() - t0);
  }
  xs.sort((a, b) => a - b);
  return xs[Math.floor(reps / 2)];
}

const ms12 = medianMs(() => keyDrivers({ data: mobi, outcome: 'CUSA1', predictors: twelve }), 20);
console.log(
  `LMG + relative weights + first/last/pratt, 12 predictors (4,096 subsets): ${ms12.toFixed(2)} ms (median of 20; relaimpo 754 ms)`,
);

const rng = createRng(2024);
const n = 500;
const cols: Record<string, number[]> = {};
const predictors = Array.from({ length: 15 }, (_, j) => `x${j}`);
const common = Array.from({ length: n }, () => rng.normal());
for (const p of predictors) cols[p] = common.map((c) => 0.5 * c + rng.normal());
cols.y = common.map(
  (c, i) => c + predictors.reduce((s, p, j) => s + cols[p][i] * (j % 4) * 0.1, 0) + rng.normal(),
);
const ms15 = medianMs(() => keyDrivers({ data: cols, outcome: 'y', predictors }), 5);
console.log(`15 predictors (32,768 subsets): ${ms15.toFixed(1)} ms (median of 5)`);

const t0 = performance.now();
keyDrivers({
  data: mobi,
  outcome: 'CUSA1',
  predictors: twelve,
  bootstrap: { resamples: 1000, seed: 123 },
});
console.log(
  `12 predictors with 1,000 bootstrap resamples: ${((performance.now() - t0) / 1000).toFixed(2)} s`,
);
