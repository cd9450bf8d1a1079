import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

// These tests run the real CLI in child processes; a fresh on-disk PGlite takes a while to create.
import { parseSeed } from './demo.ts';
import { nodeVersionCheck, rootCause } from './doctor.ts';

const bin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/valueloop.js');
const tempDirs: string[] = [];
afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

function freshDataDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'valueloop-cli-'));
  tempDirs.push(dir);
  return dir;
}

/** The environment without any ValueLoop settings of the machine running the tests. */
function cleanEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const base = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !k.startsWith('VALUELOOP_') && !['DATABASE_URL', 'PORT', 'HOST'].includes(k),
    ),
  );
  return { ...base, VALUELOOP_LOG_LEVEL: 'silent', ...env };
}

function run(args: string[], env: Record<string, string>) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(process.execPath, [bin, ...args], { env: cleanEnv(env) }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

describe('valueloop doctor', () => {
  it('reports an unreachable database with ✗ and a non-zero exit', async () => {
    const res = await run(['doctor', '--role', 'worker'], {
      DATABASE_URL: 'postgres://127.0.0.1:1/x',
    });
    expect(res.code).toBe(1);
    expect(res.stdout).toContain('✓ configuration valid');
    expect(res.stdout).toMatch(/✗ database unreachable: PostgreSQL: .*ECONNREFUSED/);
  });

  it('names the bad variable when the configuration is invalid', async () => {
    const res = await run(['doctor'], { DATABASE_URL: 'mysql://db/x' });
    expect(res.code).toBe(1);
    expect(res.stdout).toMatch(/✗ configuration invalid:\s+DATABASE_URL: must start with postgres/);
  });

  it('passes on a fresh PGlite directory once migrations are applied', async () => {
    const env = { VALUELOOP_DATA_DIR: freshDataDir() };
    const before = await run(['doctor', '--role', 'worker'], env);
    expect(before.stdout).toContain('✓ configuration valid');
    expect(before.stdout).toMatch(/✓ database reachable: PGlite in .* \(PostgreSQL \d+/);
    expect(before.stdout).toMatch(/✗ migrations not current: \d+ pending \(0000_foundation/);
    expect(before.code).toBe(1);

    expect((await run(['migrate'], env)).code).toBe(0);
    const after = await run(['doctor', '--role', 'worker'], env);
    expect(after.stdout).toMatch(/✓ migrations current \(\d+ applied\)/);
    expect(after.stdout).toMatch(/✓ Node \d+\.\d+/);
    expect(after.stdout).not.toContain('✗');
    expect(after.code).toBe(0);
  }, 240_000);

  it('checks the Node version against 20.19', () => {
    expect(nodeVersionCheck('20.19.0').ok).toBe(true);
    expect(nodeVersionCheck('22.1.0').ok).toBe(true);
    expect(nodeVersionCheck('20.18.3')).toEqual({
      ok: false,
      message: 'Node 20.18.3 is too old (>= 20.19 required)',
    });
  });

  it('reports the innermost cause of a wrapped driver error', () => {
    const refused = new AggregateError([new Error('connect ECONNREFUSED 127.0.0.1:1')], '');
    expect(rootCause(new Error('Failed query: select 1', { cause: refused }))).toBe(
      'connect ECONNREFUSED 127.0.0.1:1',
    );
  });
});

describe('valueloop start and demo', () => {
  it('loads the demo on first start, prints the logins and the load time', async () => {
    const env = { VALUELOOP_DATA_DIR: freshDataDir(), PORT: '0' };
    const child = spawn(process.execPath, [bin, 'start', '--role', 'web'], { env: cleanEnv(env) });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes('employee@harbor.example')) child.kill('SIGTERM');
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(stdout).toMatch(/loaded the demo organization in \d+ ms/);
    expect(stdout).toContain("password 'valueloop-demo'");
    for (const email of ['admin', 'analyst', 'ceo', 'manager', 'employee']) {
      expect(stdout).toContain(`${email}@harbor.example`);
    }
    expect(code).toBe(0);

    const again = await run(['demo'], env);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("'harbor-bank' already exists (use --force");
  }, 240_000);

  it('rejects a seed that is not a whole number', () => {
    expect(parseSeed('12')).toBe(12);
    expect(() => parseSeed('1.5')).toThrow(/--seed/);
    expect(() => parseSeed('-3')).toThrow(/--seed/);
  });
});
