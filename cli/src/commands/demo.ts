import { parseArgs } from 'node:util';
import {
  DEFAULT_DEMO_SEED,
  DemoOrganizationExistsError,
  formatDemoLogins,
  loadDemoOrganization,
  openDatabase,
} from '@valueloop/server';
import { CliError } from '../errors.ts';
import { loadConfigOrExit } from './start.ts';
import type { Command } from './types.ts';

export function parseSeed(value: string | undefined): number {
  if (value === undefined) return DEFAULT_DEMO_SEED;
  const seed = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(seed) || seed > 0xffffffff) {
    throw new CliError(`--seed: expected a whole number from 0 to 4294967295, got '${value}'`);
  }
  return seed;
}

export const demoCommand: Command = {
  async run(args) {
    const { values } = parseArgs({
      args,
      options: { seed: { type: 'string' }, force: { type: 'boolean', default: false } },
    });
    const seed = parseSeed(values.seed);
    const config = loadConfigOrExit();
    const database = await openDatabase(config.database);
    try {
      await database.migrate();
      const started = Date.now();
      const loaded = await loadDemoOrganization({ db: database.db, seed, force: values.force });
      const { units, people, customers } = loaded.counts;
      process.stdout.write(
        `✓ demo organization loaded in ${Date.now() - started} ms (seed ${seed}): ` +
          `${units} units, ${people} people, ${customers} customers\n` +
          formatDemoLogins(config.publicUrl),
      );
      return 0;
    } catch (error) {
      if (error instanceof DemoOrganizationExistsError) {
        throw new CliError(error.message, 1, { cause: error });
      }
      throw error;
    } finally {
      await database.close();
    }
  },
};
