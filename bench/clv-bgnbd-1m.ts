// BG/NBD on 1,000,000 synthetic customers: fit time, standard errors, memory, lifetimes comparison.
// Run: npx tsx bench/clv-bgnbd-1m.ts
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { collapseRfm, fitBgNbd } from '../packages/stats/src/clv/index.ts';

const refdata = fileURLToPath(new URL('../../shared/refdata/clv/', import.meta.url));
const truth = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

const readStart = performance.now();
const text = gunzipSync(
  readFileSync(`${refdata}data/synthetic_bgnbd_1m_seed20240601.csv.gz`),
).toString('utf8');
const lines = text.split('\n');
const n = lines.length - 1 - (lines[lines.length - 1] === '' ? 1 : 0);
const frequency = new Float64Array(n);
const recency = new Float64Array(n);
const T = new Float64Array(n);
for (let i = 0; i < n; i++) {
  const line = lines[i + 1];
  const c1 = line.indexOf(',');
  const c2 = line.indexOf(',', c1 + 1);
  const c3 = line.indexOf(',', c2 + 1);
  frequency[i] = Number(line.slice(c1 + 1, c2));
  recency[i] = Number(line.slice(c2 + 1, c3));
  T[i] = Number(line.slice(c3 + 1));
}
const readSeconds = (performance.now() - readStart) / 1000;

const collapseRuns: number[] = [];
let patterns = collapseRfm({ frequency, recency, T });
for (let k = 0; k < 3; k++) {
  const start = performance.now();
  patterns = collapseRfm({ frequency, recency, T });
  collapseRuns.push((performance.now() - start) / 1000);
}
const collapseSeconds = Math.min(...collapseRuns);
const runs: number[] = [];
let fit = fitBgNbd({ customers: patterns });
for (let k = 0; k < 5; k++) {
  const start = performance.now();
  fit = fitBgNbd({ customers: patterns });
  runs.push((performance.now() - start) / 1000);
}
const fullStart = performance.now();
fitBgNbd({ customers: { frequency, recency, T } });
const fullSeconds = (performance.now() - fullStart) / 1000;

const median = (values: number[]) =>
  [...values].sort((p, q) => p - q)[Math.floor(values.length / 2)];
const memory = process.memoryUsage();
const lifetimes = JSON.parse(
  readFileSync(`${refdata}expected/lifetimes_timing_1m.json`, 'utf8'),
) as {
  full_fit_median_seconds: number;
  optimizer_only_median_seconds: number;
  hessian_only_median_seconds: number;
  optimizer_iterations: number;
  params: Record<string, number>;
};
const btyd = JSON.parse(readFileSync(`${refdata}expected/btyd_timing_1m.json`, 'utf8')) as {
  fit_seconds: number;
  LL: number;
};

const fmt = (v: number, d = 4) => v.toFixed(d);
console.log(
  `customers ${n}, distinct patterns ${patterns.count}; ${cpus().length} CPUs, load average ${loadavg()[0].toFixed(1)}`,
);
console.log(`read + parse (excluded): ${fmt(readSeconds, 3)} s`);
console.log(`validate + collapse identical rows (warm, min of 3): ${fmt(collapseSeconds, 3)} s`);
console.log(
  `fit incl. standard errors (collapsed input), median of 5 (min ${fmt(Math.min(...runs), 3)} s): ${fmt(median(runs), 3)} s [${runs.map((r) => fmt(r, 3)).join(', ')}]`,
);
console.log(`fit from raw columns incl. collapsing + SEs: ${fmt(fullSeconds, 3)} s`);
console.log(
  `convergence: ${fit.convergence.method}, iterations ${fit.convergence.iterations}, evaluations ${fit.convergence.functionEvaluations}, |grad| ${fit.convergence.gradientNorm.toExponential(2)}, converged ${fit.convergence.converged}`,
);
console.log(`log-likelihood ${fit.logLikelihood.toFixed(4)} (BTYD ${btyd.LL.toFixed(4)})`);
console.log('param      estimate     s.e.      truth    lifetimes');
for (const name of ['r', 'alpha', 'a', 'b'] as const) {
  console.log(
    `${name.padEnd(6)} ${fmt(fit.params[name], 6).padStart(12)} ${fmt(fit.standardErrors?.[name] ?? Number.NaN, 6).padStart(9)} ${fmt(truth[name], 3).padStart(8)} ${fmt(lifetimes.params[name], 6).padStart(11)}`,
  );
}
console.log(
  `peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB, heap used ${(memory.heapUsed / 2 ** 20).toFixed(0)} MB`,
);
console.log(
  `lifetimes 0.11.3 (2 cores): full fit ${fmt(lifetimes.full_fit_median_seconds, 2)} s = optimizer ${fmt(lifetimes.optimizer_only_median_seconds, 2)} s (${lifetimes.optimizer_iterations} iterations) + Hessian ${fmt(lifetimes.hessian_only_median_seconds, 2)} s; BTYD ${fmt(btyd.fit_seconds, 1)} s`,
);
console.log(
  `speed-up vs lifetimes full fit: ${fmt(lifetimes.full_fit_median_seconds / median(runs), 1)}x`,
);
