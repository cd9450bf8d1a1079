#!/usr/bin/env node
// Runs every bench/*.ts one after another with tsx, printing a header per benchmark and its
// output. `--only NAME` (repeatable, matches a file name with or without .ts, or a substring)
// runs a subset. Benchmarks that need PostgreSQL start their own. Nothing here asserts timings.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const benchDir = path.join(root, 'bench');

const { values } = parseArgs({ options: { only: { type: 'string', multiple: true } } });
const all = readdirSync(benchDir)
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
  .sort();
const wanted = values.only ?? [];
const selected =
  wanted.length === 0
    ? all
    : all.filter((f) => wanted.some((w) => f === w || f === `${w}.ts` || f.includes(w)));
if (selected.length === 0) {
  process.stderr.write(
    `run-bench: no benchmark matches ${wanted.join(', ')} (have: ${all.join(', ')})\n`,
  );
  process.exit(2);
}

const tsxCli = createRequire(import.meta.url).resolve('tsx/cli');
const failed = [];
for (const file of selected) {
  const title = `── ${file} `;
  process.stdout.write(`\n${title}${'─'.repeat(Math.max(0, 78 - title.length))}\n`);
  const started = performance.now();
  const run = spawnSync(process.execPath, [tsxCli, path.join('bench', file)], {
    cwd: root,
    stdio: 'inherit',
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const status = run.status === 0 ? 'done' : `FAILED (exit ${run.status ?? run.signal})`;
  process.stdout.write(`── ${file}: ${status} in ${seconds} s\n`);
  if (run.status !== 0) failed.push(file);
}
if (failed.length > 0) {
  process.stderr.write(`run-bench: ${failed.length} benchmark(s) failed: ${failed.join(', ')}\n`);
  process.exit(1);
}
