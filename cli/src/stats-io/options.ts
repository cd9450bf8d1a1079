/** Argument checking shared by the analyst commands; every problem is a one-line exit-2 error. */
import { readFileSync } from 'node:fs';
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { StatsError } from '@valueloop/stats';
import { CliError, EXIT_USAGE } from '../errors.ts';

type OptionsConfig = NonNullable<ParseArgsConfig['options']>;

/** `parseArgs` (strict) whose errors become usage errors. */
export function parseOptions<O extends OptionsConfig>(args: string[], options: O, usage: string) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new CliError(`${(error as Error).message} (usage: ${usage})`, EXIT_USAGE, {
      cause: error,
    });
  }
}

export function requireOption<T>(value: T | undefined, flag: string, usage: string): T {
  if (value === undefined || value === '') {
    throw new CliError(`${flag} is required (usage: ${usage})`);
  }
  return value;
}

export interface NumberRule {
  integer?: boolean;
  min?: number;
}

export function parseNumberOption(flag: string, raw: string, rule: NumberRule = {}): number {
  const value = Number(raw);
  const kind = rule.integer ? 'a whole number' : 'a number';
  if (raw.trim() === '' || !Number.isFinite(value) || (rule.integer && !Number.isInteger(value))) {
    throw new CliError(`${flag}: '${raw}' is not ${kind}`);
  }
  if (rule.min !== undefined && value < rule.min) {
    throw new CliError(`${flag}: must be at least ${rule.min} (got ${raw})`);
  }
  return value;
}

export function parseChoice<C extends string>(flag: string, raw: string, choices: readonly C[]): C {
  if (!(choices as readonly string[]).includes(raw)) {
    throw new CliError(`${flag}: unknown value '${raw}' (use ${choices.join(', ')})`);
  }
  return raw as C;
}

/** A comma-separated list of names, trimmed, without empties. */
export function parseList(raw: string): string[] {
  return raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** Reads a JSON file; unreadable or malformed files are usage errors naming the file. */
export function readJsonFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new CliError(`${file}: cannot read the file (${reason})`, EXIT_USAGE, { cause: error });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new CliError(`${file}: not valid JSON (${(error as Error).message})`, EXIT_USAGE, {
      cause: error,
    });
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Runs an estimator; a StatsError (bad or unsuitable data) becomes a one-line exit-2 error
 * naming the file. Anything else is a bug and propagates.
 */
export function withDataErrors<T>(file: string, work: () => T): T {
  try {
    return work();
  } catch (error) {
    throw asCliError(error, file);
  }
}

export async function withDataErrorsAsync<T>(file: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw asCliError(error, file);
  }
}

function asCliError(error: unknown, file: string): unknown {
  if (!(error instanceof StatsError)) return error;
  const message = error.message.replace(/\s+/g, ' ').trim();
  return new CliError(`${file}: ${message} [${error.code}]`, EXIT_USAGE, { cause: error });
}
