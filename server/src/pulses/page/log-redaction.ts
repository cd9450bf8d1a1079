import type { FastifyRequest } from 'fastify';

/** `/e/<token>…` → `/e/[redacted]…`: a link token in a log would tie a person to a survey. */
export function redactEmployeeLinkUrl(url: string): string {
  return url.replace(/^\/e\/[^/?#]+/, '/e/[redacted]');
}

type LoggedError = Error & { code?: unknown; cause?: unknown };

/**
 * An error without the values it may quote: a failed query's message ends with its bound
 * parameters (the token's hash, answers), and a database error's message or detail can quote a
 * value. Kept: the type, the codes, the SQL text (bound, so value-free) and the stack frames.
 */
export function redactedError(error: LoggedError) {
  // A driver error (it has a severity) can quote a value in its message: keep only its code.
  const fromDriver = typeof (error as { severity?: unknown }).severity === 'string';
  const message = fromDriver ? 'database error' : (error.message.split('\nparams:')[0] ?? '');
  const frames = (error.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
  const cause = error.cause as LoggedError | undefined;
  return {
    type: error.name,
    message,
    ...(error.code !== undefined ? { code: String(error.code) } : {}),
    stack: [`${error.name}: ${message}`, ...frames].join('\n'),
    ...(cause instanceof Error
      ? { cause: { type: cause.name, ...(cause.code ? { code: String(cause.code) } : {}) } }
      : {}),
  };
}

/**
 * Log serializers of the employee survey pages. `req` replaces Fastify's default, which logs
 * the URL (with the token) and the client's address and port: the address with the time of a
 * submit would tell who answered and when. Method and redacted URL only. `err` drops the values
 * an unexpected error may quote.
 */
export const employeePageLogSerializers = {
  req: (request: FastifyRequest) => ({
    method: request.method,
    url: redactEmployeeLinkUrl(request.url),
  }),
  err: redactedError,
};
