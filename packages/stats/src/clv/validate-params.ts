import { StatsError } from '../errors.ts';

/** Throws INVALID_PARAMETERS unless every listed parameter is finite and > 0. */
export function requirePositiveParams<P extends object>(
  params: P,
  names: readonly (keyof P)[],
): void {
  for (const name of names) {
    const v = params[name];
    if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) {
      throw new StatsError(
        'INVALID_PARAMETERS',
        `parameter ${String(name)} must be a finite number > 0 (got ${String(v)})`,
      );
    }
  }
}

/** Throws INVALID_ARGUMENT unless `value` is finite and >= 0. */
export function requireNonNegative(name: string, value: number): void {
  if (!Number.isFinite(value) || value < 0) {
    throw new StatsError('INVALID_ARGUMENT', `${name} must be a finite number >= 0 (got ${value})`);
  }
}

/** Throws when a computed result is not finite instead of returning NaN. */
export function requireFiniteResult(what: string, value: number): number {
  if (!Number.isFinite(value)) {
    throw new StatsError('NON_FINITE', `${what} is not finite for these parameters/inputs`);
  }
  return value;
}
