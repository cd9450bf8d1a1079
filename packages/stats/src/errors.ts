/**
 * Typed error for every statistical routine in this package. `code` is a stable machine-readable
 * identifier (e.g. 'SINGULAR_MATRIX', 'ZERO_VARIANCE', 'TOO_FEW_CASES', 'NON_FINITE',
 * 'UNKNOWN_CONSTRUCT', 'MISSING_COLUMN', 'INVALID_ARGUMENT'); the message is for humans.
 */
export class StatsError extends Error {
  constructor(
    public readonly code: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'StatsError';
  }
}
