import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, type ProcessRole, startValueLoop } from '@valueloop/server';
import { CliError } from '../errors.ts';
import type { Command } from './types.ts';

const knownRoles: readonly ProcessRole[] = ['web', 'worker'];

export function parseRoles(value: string): ProcessRole[] {
  const roles = value.split(',').map((r) => r.trim());
  for (const r of roles) {
    if (!knownRoles.includes(r as ProcessRole)) {
      throw new CliError(`--role: unknown role '${r}' (use ${knownRoles.join(', ')})`);
    }
  }
  return roles as ProcessRole[];
}

export function loadConfigOrExit() {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) throw new CliError(error.message, 2, { cause: error });
    throw error;
  }
}

export const startCommand: Command = {
  summary: 'Start ValueLoop (--role web,worker; default both)',
  async run(args) {
    const { values } = parseArgs({
      args,
      options: { role: { type: 'string', default: 'web,worker' } },
    });
    const roles = parseRoles(values.role);
    const config = loadConfigOrExit();
    const started = Date.now();
    const running = await startValueLoop({ config, roles });
    const where =
      config.database.kind === 'pglite' ? `PGlite in ${config.database.dataDir}` : 'PostgreSQL';
    process.stdout.write(
      `ValueLoop is running (${roles.join(', ')}) on ${where}, ready in ${Date.now() - started} ms\n` +
        (running.url ? `Open ${config.publicUrl}\n` : ''),
    );
    const shutdown = async () => {
      await running.stop();
      process.exit(0);
    };
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
    return 0;
  },
};
