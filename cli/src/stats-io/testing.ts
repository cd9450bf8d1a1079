/** Test helpers for the analyst commands: reference data paths, temporary files, the real CLI. */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CliError } from '../errors.ts';

/** The repository root (…/main) and the shared reference data beside it (…/shared/refdata). */
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
export const refdata = (relative: string): string =>
  fileURLToPath(new URL(`../../../../shared/refdata/${relative}`, import.meta.url));

/** Writes files into a fresh temporary folder; returns their paths. */
export function tempFiles(files: Record<string, string | Uint8Array>): Record<string, string> {
  const dir = mkdtempSync(path.join(tmpdir(), 'valueloop-cli-'));
  return Object.fromEntries(
    Object.entries(files).map(([name, text]) => {
      const file = path.join(dir, name);
      writeFileSync(file, text);
      return [name, file];
    }),
  );
}

/** The CliError thrown by `work` (fails the test when nothing or something else is thrown). */
export async function cliErrorOf(work: () => unknown): Promise<CliError> {
  try {
    await work();
  } catch (error) {
    if (error instanceof CliError) return error;
    throw error;
  }
  throw new Error('expected a CliError');
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `node cli/bin/valueloop.js …args` from the repository root. */
export function runCli(args: string[]): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['cli/bin/valueloop.js', ...args],
      { cwd: repoRoot, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? Number((error as { code?: unknown }).code ?? 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
