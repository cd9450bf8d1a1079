import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { chooseOrganization, importCsv, openDatabase } from '@valueloop/server';
import { CliError, EXIT_USAGE } from '../errors.ts';
import { loadConfigOrExit } from './start.ts';
import type { Command } from './types.ts';

const kinds = { units: 'units', people: 'people', edges: 'support-edges' } as const;
type KindArg = keyof typeof kinds;

interface RowProblem {
  line?: number;
  column?: string;
  message: string;
}

/** The service's errors carry a stable code and, for bad files, one entry per bad row. */
function problemOf(error: unknown): { code: string; message: string; errors: RowProblem[] } | null {
  if (!(error instanceof Error) || !('code' in error) || typeof error.code !== 'string') {
    return null;
  }
  const errors = 'errors' in error && Array.isArray(error.errors) ? error.errors : [];
  return { code: error.code, message: error.message, errors: errors as RowProblem[] };
}

export const importCommand: Command = {
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { org: { type: 'string' } },
    });
    const [kindArg, file] = positionals;
    if (!kindArg || !(kindArg in kinds) || !file || positionals.length > 2) {
      throw new CliError('usage: valueloop import units|people|edges FILE [--org SLUG]');
    }
    const bytes = await readFile(file).catch((error: unknown) => {
      throw new CliError(`cannot read ${file}: ${(error as Error).message}`, EXIT_USAGE, {
        cause: error,
      });
    });
    // Invalid UTF-8 becomes U+FFFD, which the import reports per line, as over HTTP.
    const text = new TextDecoder('utf-8').decode(bytes);
    const config = loadConfigOrExit();
    const database = await openDatabase(config.database);
    try {
      const org = await chooseOrganization({ db: database.db, slug: values.org });
      const result = await importCsv({
        db: database.db,
        orgId: org.id,
        actorPersonId: null,
        kind: kinds[kindArg as KindArg],
        text,
      });
      process.stdout.write(
        `✓ ${file} → ${org.slug}: ${result.created} created, ${result.updated} updated, ${result.unchanged} unchanged\n`,
      );
      return 0;
    } catch (error) {
      const problem = problemOf(error);
      if (!problem || problem.code === 'internal') throw error;
      for (const e of problem.errors) {
        process.stderr.write(`${file}:${e.line ?? 1}:${e.column ?? ''}: ${e.message}\n`);
      }
      throw new CliError(problem.message, EXIT_USAGE, { cause: error });
    } finally {
      await database.close();
    }
  },
};
