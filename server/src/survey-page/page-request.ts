import type { SurveyLanguage } from '@valueloop/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { pickLanguage } from './language.ts';

export const tokenParamsSchema = z.object({ token: z.string().min(1).max(200) });
export const keyParamsSchema = z.object({ key: z.string().min(1).max(200) });
export const pageQuerySchema = z.object({ lang: z.string().max(16).optional() });

/** Answers as the script sends them: only the visible questions' answers, all of them. */
export const saveAnswersBodySchema = z.strictObject({
  answers: z.record(z.string().max(64), z.unknown()),
  elapsedMs: z.number().int().min(0).max(2_000_000_000).optional(),
});

const jsonSubmitSchema = saveAnswersBodySchema.extend({
  /** Open links: the id rendered into the form, so a double submit stores once. */
  submissionId: z.uuid().optional(),
  /** Open links: the signed render time. */
  startedAt: z.string().max(200).optional(),
});
export type JsonSubmit = z.infer<typeof jsonSubmitSchema>;

/** The scoped form parser wraps `application/x-www-form-urlencoded` bodies as `{ form }`. */
export const formBodySchema = z.strictObject({
  form: z.record(z.string(), z.array(z.string())),
});

export const submitBodySchema = z.union([jsonSubmitSchema, formBodySchema]);

export function languageOf(
  request: FastifyRequest,
  available: readonly SurveyLanguage[],
  query: { lang?: string },
): SurveyLanguage {
  return pickLanguage({
    available,
    query: query.lang,
    acceptLanguage: request.headers['accept-language'],
  });
}

export function sendPage(reply: FastifyReply, status: number, page: string) {
  return reply.status(status).type('text/html; charset=utf-8').send(page);
}

export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');
