/** `--bootstrap N --seed S` (and `--json`) for the analyst commands that resample. */
import { parseNumberOption, withDataErrors } from './options.ts';
import { withStatus } from './progress.ts';

/** parseOptions entries for `--bootstrap`, `--seed` and `--json`. */
export const BOOTSTRAP_AND_JSON_FLAGS = {
  bootstrap: { type: 'string' },
  seed: { type: 'string' },
  json: { type: 'boolean' },
} as const;

export interface BootstrapOptions {
  bootstrap?: number;
  seed?: number;
}

/** `--bootstrap` (a whole number >= 2) and `--seed` (a whole number), each when given. */
export function parseBootstrapOptions(values: {
  bootstrap?: string;
  seed?: string;
}): BootstrapOptions {
  return {
    bootstrap:
      values.bootstrap === undefined
        ? undefined
        : parseNumberOption('--bootstrap', values.bootstrap, { integer: true, min: 2 }),
    seed:
      values.seed === undefined
        ? undefined
        : parseNumberOption('--seed', values.seed, { integer: true }),
  };
}

export interface BootstrapSettings {
  resamples: number;
  seed: number;
}

/** The resamples and seed when `--bootstrap` was given; without `--seed`, seed 1 and a warning. */
export function bootstrapSettings(
  options: BootstrapOptions,
  warnings: string[],
): BootstrapSettings | undefined {
  const resamples = options.bootstrap;
  if (resamples === undefined) return undefined;
  if (options.seed === undefined) warnings.push('no --seed given: the bootstrap used seed 1');
  return { resamples, seed: options.seed ?? 1 };
}

/**
 * Runs a synchronous estimator, with a status line while it bootstraps; a StatsError becomes a
 * one-line error naming the file.
 */
export function runEstimator<T>(
  file: string,
  bootstrap: BootstrapSettings | undefined,
  run: () => T,
): T {
  return withDataErrors(file, () =>
    bootstrap === undefined
      ? run()
      : withStatus(`Bootstrapping ${bootstrap.resamples} resamples`, run),
  );
}
