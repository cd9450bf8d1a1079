#!/usr/bin/env node
// Runs the browser end-to-end suite: builds the web when web/dist is missing or stale, starts
// ValueLoop on a free port with a fresh data directory (the demo organization loads on first
// start), runs e2e/ with Vitest against it, then stops the server.
import { spawn, spawnSync } from 'node:child_process';
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const artifacts = path.join(root, 'e2e', 'artifacts');
const HEALTH_TIMEOUT_MS = 120_000;

const log = (message) => process.stdout.write(`[e2e] ${message}\n`);

/** The newest modification time under the given files and folders (skipping node_modules). */
function newestMtime(paths) {
  let newest = 0;
  const visit = (p) => {
    if (!existsSync(p)) return;
    const stat = statSync(p);
    if (stat.isDirectory()) {
      for (const entry of readdirSync(p)) if (entry !== 'node_modules') visit(path.join(p, entry));
    } else newest = Math.max(newest, stat.mtimeMs);
  };
  for (const p of paths) visit(p);
  return newest;
}

function buildWebIfStale() {
  const builtAt = existsSync(path.join(root, 'web/dist/index.html'))
    ? statSync(path.join(root, 'web/dist/index.html')).mtimeMs
    : 0;
  const sources = [
    'web/src',
    'web/index.html',
    'web/vite.config.ts',
    'web/package.json',
    'packages/contracts/src',
  ];
  if (builtAt > newestMtime(sources.map((s) => path.join(root, s)))) {
    log('web/dist is up to date');
    return;
  }
  log('building the web (npm run build:web)');
  const result = spawnSync('npm', ['run', 'build:web'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('npm run build:web failed');
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitForHealth(url, child) {
  const deadline = Date.now() + HEALTH_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode}`);
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`no healthy server at ${url} within ${HEALTH_TIMEOUT_MS / 1000} s`);
}

function stop(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(killer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

function runVitest(baseUrl) {
  return new Promise((resolve) => {
    const vitest = spawn(
      process.execPath,
      [
        path.join(root, 'node_modules/vitest/vitest.mjs'),
        'run',
        '--config',
        'e2e/vitest.config.ts',
      ],
      { cwd: root, stdio: 'inherit', env: { ...process.env, E2E_BASE_URL: baseUrl } },
    );
    vitest.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

async function main() {
  const started = Date.now();
  buildWebIfStale();
  mkdirSync(artifacts, { recursive: true });
  const dataDir = mkdtempSync(path.join(tmpdir(), 'valueloop-e2e-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const serverLog = path.join(artifacts, 'server.log');
  const out = createWriteStream(serverLog);
  log(
    `starting ValueLoop on ${baseUrl} (data in ${dataDir}, log in ${path.relative(root, serverLog)})`,
  );
  // A fresh PGlite database in a temporary directory, whatever DATABASE_URL says.
  const { DATABASE_URL: _ignored, ...env } = process.env;
  const child = spawn(process.execPath, [path.join(root, 'cli/bin/valueloop.js'), 'start'], {
    cwd: root,
    env: {
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
      VALUELOOP_DATA_DIR: dataDir,
      VALUELOOP_DEMO: 'auto',
      VALUELOOP_PUBLIC_URL: baseUrl,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.pipe(out, { end: false });
  child.stderr.pipe(out, { end: false });

  let code = 1;
  try {
    await waitForHealth(baseUrl, child);
    log(`server healthy after ${((Date.now() - started) / 1000).toFixed(1)} s; running the suite`);
    code = await runVitest(baseUrl);
  } catch (error) {
    log(`failed: ${error instanceof Error ? error.message : String(error)}`);
    log(`see ${path.relative(root, serverLog)}`);
  } finally {
    await stop(child);
    out.end();
    rmSync(dataDir, { recursive: true, force: true });
  }
  log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s, exit code ${code}`);
  process.exit(code);
}

for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => process.exit(130));
await main();
