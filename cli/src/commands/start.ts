import { parseArgs } from 'node:util';
import {
  ConfigError,
  formatDemoLogins,
  type LoadedDemo,
  loadConfig,
  loadDemoIfEmpty,
  type ProcessRole,
  startValueLoop,
} from '@valueloop/server';
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
  async run(args) {
    const { values } = parseArgs({
      args,
      options: { role: { type: 'string', default: 'web,worker' } },
    });
    const roles = parseRoles(values.role);
    const config = loadConfigOrExit();
    const started = Date.now();
    let demo = null as { loaded: LoadedDemo; ms: number } | null;
    const running = await startValueLoop({
      config,
      roles,
      // First start: an empty database gets the demo organization, so there is something to see.
      onMigrated: async (database) => {
        if (config.demo !== 'auto') return;
        const t0 = Date.now();
        const loaded = await loadDemoIfEmpty({ db: database.db });
        if (loaded) demo = { loaded, ms: Date.now() - t0 };
      },
    });
    const where =
      config.database.kind === 'pglite' ? `PGlite in ${config.database.dataDir}` : 'PostgreSQL';
    process.stdout.write(
      `ValueLoop is running (${roles.join(', ')}) on ${where}, ready in ${Date.now() - started} ms\n` +
        (running.url ? `Open ${config.publicUrl}\n` : ''),
    );
    if (demo) {
      const { loaded, ms } = demo;
      const { people, customers } = loaded.counts;
      process.stdout.write(
        `Empty database: loaded the demo organization in ${ms} ms (${people} people, ${customers} customers; VALUELOOP_DEMO=off skips this).\n` +
          formatDemoLogins(config.publicUrl),
      );
    }
    const shutdown = async () => {
      await running.stop();
      process.exit(0);
    };
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
    return 0;
  },
};
