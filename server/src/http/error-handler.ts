import type { ErrorCode, FieldError, Problem } from '@valueloop/contracts';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, statusByCode, titleByCode } from './errors.ts';

function problem(
  request: FastifyRequest,
  code: ErrorCode,
  detail: string,
  errors?: FieldError[],
  current?: unknown,
): Problem & { current?: unknown } {
  return {
    type: `https://valueloop.dev/problems/${code.replaceAll('_', '-')}`,
    title: titleByCode[code],
    status: statusByCode[code],
    detail,
    code,
    instance: request.url,
    requestId: String(request.id),
    ...(errors && errors.length > 0 ? { errors } : {}),
    ...(current === undefined ? {} : { current }),
  };
}

export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  code: ErrorCode,
  detail: string,
  errors?: FieldError[],
  current?: unknown,
) {
  return reply
    .status(statusByCode[code])
    .type('application/problem+json')
    .send(problem(request, code, detail, errors, current));
}

function fieldPath(prefix: string, path: readonly PropertyKey[]): string {
  const parts = path.map(String);
  return [prefix, ...parts].filter(Boolean).join('.');
}

/** The one central error handler: every failure becomes problem+json with a request id. */
export function registerErrorHandler(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError | AppError | Error, request, reply) => {
    if (error instanceof AppError) {
      if (error.headers) reply.headers(error.headers);
      return sendProblem(request, reply, error.code, error.message, error.errors, error.current);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const where = (error.validationContext ?? 'body').replace('querystring', 'query');
      const errors = error.validation.map((v) => {
        const issuePath = v.instancePath.split('/').filter(Boolean);
        const keys = (v.params as { keys?: string[] }).keys;
        const field = keys?.length
          ? keys.map((k) => fieldPath(where, [...issuePath, k])).join(', ')
          : fieldPath(where, issuePath);
        return { field, message: v.message ?? 'is not valid' };
      });
      const first = errors[0];
      const detail = first ? `${first.field}: ${first.message}` : 'The request is not valid';
      return sendProblem(request, reply, 'validation_failed', detail, errors);
    }
    const fe = error as FastifyError;
    if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return sendProblem(request, reply, 'payload_too_large', 'The request body is too large');
    }
    if (fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return sendProblem(request, reply, 'unsupported_media_type', fe.message);
    }
    if (fe.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || fe.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
      return sendProblem(request, reply, 'bad_request', 'The body is not valid JSON');
    }
    if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
      if (fe.statusCode === 429) return sendProblem(request, reply, 'rate_limited', fe.message);
      return sendProblem(request, reply, 'bad_request', fe.message);
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(request, reply, 'internal', 'Something went wrong on our side');
  });

  app.setNotFoundHandler((request, reply) =>
    sendProblem(request, reply, 'not_found', `No route for ${request.method} ${request.url}`),
  );
}
