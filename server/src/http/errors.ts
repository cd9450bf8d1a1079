import type { ErrorCode, FieldError } from '@valueloop/contracts';

/** One table from code to HTTP status. 401 = who are you?, 403 = you may not. */
export const statusByCode: Record<ErrorCode, number> = {
  bad_request: 400,
  validation_failed: 422,
  unauthenticated: 401,
  session_expired: 401,
  invalid_credentials: 401,
  account_locked: 423,
  csrf_failed: 403,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
};

export const titleByCode: Record<ErrorCode, string> = {
  bad_request: 'Bad request',
  validation_failed: 'Validation failed',
  unauthenticated: 'Authentication required',
  session_expired: 'Session expired',
  invalid_credentials: 'Invalid e-mail or password',
  account_locked: 'Account locked',
  csrf_failed: 'CSRF token missing or wrong',
  forbidden: 'Forbidden',
  not_found: 'Not found',
  conflict: 'Conflict',
  gone: 'Gone',
  payload_too_large: 'Payload too large',
  unsupported_media_type: 'Unsupported media type',
  rate_limited: 'Too many requests',
  internal: 'Internal server error',
};

export interface AppErrorOptions extends ErrorOptions {
  errors?: FieldError[];
  /** Extra response headers, e.g. Retry-After. */
  headers?: Record<string, string>;
  /** For a version conflict: the resource as it is now, sent as the problem's `current`. */
  current?: unknown;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly errors?: FieldError[];
  readonly headers?: Record<string, string>;
  readonly current?: unknown;

  constructor(code: ErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.errors = options.errors;
    this.headers = options.headers;
    this.current = options.current;
  }

  get status(): number {
    return statusByCode[this.code];
  }
}

export const notFound = (what: string) => new AppError('not_found', `${what} not found`);
export const forbidden = (why = 'You may not do this') => new AppError('forbidden', why);
export const validationFailed = (errors: FieldError[], message = 'The request is not valid') =>
  new AppError('validation_failed', message, { errors });
