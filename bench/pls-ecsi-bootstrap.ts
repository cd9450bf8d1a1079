/**
 * PLS bootstrap benchmark: 1,000 (and 5,000) resamples of the ECSI model on mobi (250 × 24),
 * in-thread and on 1 / 2 threads (worker_threads). Anchor: seminr 20–26 s for 1,000 resamples.
 * Run: npx tsx bench/pls-ecsi-bootstrap.ts
 */
import { loadavg } from 'node:os';
import { bootstrapPlsParallel } from '../packages/stats/src/pls/bootstrap-parallel.ts';
import { bootstrapPlsSync, estimatePls } from '../packages/stats/src/pls/index.ts';
import {
  ECSI_MODEL,
  readCsvColumns,
  readExpected,
} from '../packages/stats/src/pls/testing/refdata.ts';

const data = readCsvColumns('data/mobi.csv');
const timings = readExpected<{ timings_seconds: Record<string, number> }>(
  'pls_ecsi_mobi.json',
).timings_seconds;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function time<T>(fn: () => T | Promise<T>): Promise<[number, T]> {
  const t0 = performance.now();
  const out = await fn();
  return [(performance.now() - t0) / 1000, out];
}

// Warm-up (JIT) so the single fit and the in-thread figures are steady-state.
for (let i = 0; i < 20; i++) estimatePls({ data, model: ECSI_MODEL });
bootstrapPlsSync({ data, model: ECSI_MODEL, resamples: 200, seed: 1 });

const fits: number[] = [];
for (let i = 0; i < 20; i++)
  fits.push((await time(() => estimatePls({ data, model: ECSI_MODEL })))[0]);
console.log(`load average (1 min): ${loadavg()[0].toFixed(2)} on this machine`);
console.log(
  `single PLS fit (median of 20): ${(median(fits) * 1000).toFixed(2)} ms (seminr 14.5 ms, plspm 26 ms, cSEM 18.5 ms incl. R overhead)`,
);

const base = { data, model: ECSI_MODEL, seed: 123 };
for (const resamples of [1000, 5000]) {
  const [inline] = await time(() => bootstrapPlsSync({ ...base, resamples }));
  const [one] = await time(() => bootstrapPlsParallel({ ...base, resamples, threads: 1 }));
  const [two, forced] = await time(() =>
    bootstrapPlsParallel({ ...base, resamples, threads: 2, minParallelMs: 0 }),
  );
  const [auto, policy] = await time(() => bootstrapPlsParallel({ ...base, resamples, threads: 2 }));
  const split = (r: typeof forced) => r.diagnostics.resamplesByThread?.join(' / ');
  console.log(
    `${resamples} resamples: in-thread ${inline.toFixed(3)} s | threads 1: ${one.toFixed(3)} s | ` +
      `threads 2, worker forced: ${two.toFixed(3)} s (main / worker: ${split(forced)}) | ` +
      `threads 2, default policy: ${auto.toFixed(3)} s (${split(policy)})`,
  );
}
console.log(
  '(worker start-up under tsx, about 0.3-0.4 s of CPU, is included in the 2-thread times)',
);
console.log(
  `reference (1,000 resamples, single-threaded R): seminr ${timings.seminr_bootstrap} s, plspm ${timings.plspm_bootstrap} s, cSEM ${timings.cSEM_bootstrap} s`,
);
