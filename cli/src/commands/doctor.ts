import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  type Config,
  ConfigError,
  type Database,
  getDatabaseVersion,
  getMigrationStatus,
  loadConfig,
  openDatabase,
} from '@valueloop/server';
import { parseRoles } from './start.ts';
import type { Command } from './types.ts';

export interface Check {
  ok: boolean;
  message: string;
}

const MIN_NODE: [number, number] = [20, 19];
const DATABASE_TIMEOUT_MS = 10_000;
export const webIndexPath = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../web/dist/index.html',
);

/** Preflight checks, in order; each names what is wrong and how to fix it. */
export async function runDoctorChecks(opts: {
  env?: Record<string, string | undefined>;
  checkWebBuild: boolean;
}): Promise<Check[]> {
  const checks: Check[] = [];
  let config: Config | null = null;
  try {
    config = loadConfig(opts.env);
    checks.push({ ok: true, message: 'configuration valid' });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    checks.push({
      ok: false,
      message: error.message.replace(/^Invalid configuration:/, 'configuration invalid:'),
    });
  }
  if (config) checks.push(...(await databaseChecks(config)));
  if (opts.checkWebBuild) {
    const relative = path.relative(process.cwd(), webIndexPath) || webIndexPath;
    checks.push(
      existsSync(webIndexPath)
        ? { ok: true, message: `web build present (${relative})` }
        : { ok: false, message: `web build missing: ${relative} (run npm run build:web)` },
    );
  }
  checks.push(nodeVersionCheck(process.versions.node));
  return checks;
}

async function databaseChecks(config: Config): Promise<Check[]> {
  const where =
    config.database.kind === 'pglite' ? `PGlite in ${config.database.dataDir}` : 'PostgreSQL';
  let database: Database | null = null;
  try {
    const version = await withTimeout(
      (async () => {
        database = await openDatabase(config.database);
        return getDatabaseVersion(database);
      })(),
      DATABASE_TIMEOUT_MS,
    );
    const checks: Check[] = [{ ok: true, message: `database reachable: ${where} (${version})` }];
    const status = await getMigrationStatus(database!);
    if (status.current) {
      checks.push({ ok: true, message: `migrations current (${status.applied} applied)` });
    } else {
      const problems = [
        status.pending.length
          ? `${status.pending.length} pending (${status.pending.join(', ')})`
          : '',
        status.changed.length ? `changed after applying: ${status.changed.join(', ')}` : '',
        status.unknown
          ? `${status.unknown} applied that this version does not know (upgrade ValueLoop)`
          : '',
      ].filter(Boolean);
      checks.push({
        ok: false,
        message: `migrations not current: ${problems.join('; ')} (run valueloop migrate)`,
      });
    }
    return checks;
  } catch (error) {
    return [{ ok: false, message: `database unreachable: ${where}: ${rootCause(error)}` }];
  } finally {
    await (database as Database | null)?.close().catch(() => undefined);
  }
}

export function nodeVersionCheck(version: string): Check {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  const ok = major > MIN_NODE[0] || (major === MIN_NODE[0] && minor >= MIN_NODE[1]);
  const required = `>= ${MIN_NODE.join('.')}`;
  return ok
    ? { ok: true, message: `Node ${version} (${required})` }
    : { ok: false, message: `Node ${version} is too old (${required} required)` };
}

/** The innermost reason: drivers wrap "connection refused" in query and aggregate errors. */
export function rootCause(error: unknown): string {
  let current = error;
  for (let depth = 0; depth < 10; depth++) {
    if (current instanceof AggregateError && current.errors.length > 0) current = current.errors[0];
    else if (current instanceof Error && current.cause !== undefined) current = current.cause;
    else break;
  }
  if (current instanceof Error) {
    const code = (current as { code?: unknown }).code;
    return current.message || (typeof code === 'string' ? code : current.name);
  }
  return String(current);
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms / 1000} s`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

export const doctorCommand: Command = {
  async run(args) {
    const { values } = parseArgs({
      args,
      options: { role: { type: 'string', default: 'web,worker' } },
    });
    const roles = parseRoles(values.role);
    const checks = await runDoctorChecks({ checkWebBuild: roles.includes('web') });
    for (const check of checks) {
      process.stdout.write(`${check.ok ? '✓' : '✗'} ${check.message}\n`);
    }
    return checks.every((c) => c.ok) ? 0 : 1;
  },
};
