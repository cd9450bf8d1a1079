import { randomUUID } from 'node:crypto';
import { surveyLanguages } from '@valueloop/contracts';
import type { FastifyRequest } from 'fastify';
import { AppError, notFound } from '../http/errors.ts';
import type { RouteDeps, ZodApp } from '../http/types.ts';
import { answersFromForm, formValue } from './form-answers.ts';
import {
  keyParamsSchema,
  languageOf,
  pageQuerySchema,
  sendPage,
  submitBodySchema,
} from './page-request.ts';
import type { StartStamper } from './started-at.ts';
import { findOpenLinkSurvey } from './survey-access.ts';
import { answeringTimeMs, submitOpenLinkResponse } from './survey-submission.ts';
import type { AssetUrls } from './views/layout.ts';
import { notFoundPage, thankYouPage } from './views/pages.ts';
import { renderSurveyForm } from './views/survey-form.ts';

/** Per IP and survey: a kiosk keeps working, a script filling one survey does not. */
export const OPEN_LINK_LIMITS = {
  pageViewsPerIpPerMinute: 60,
  submitsPerIpPerMinute: 20,
  submitsPerSurveyPerMinute: 600,
};

const keyOf = (request: FastifyRequest) => (request.params as { key?: string }).key ?? '';
const keyRoute = { hide: true, params: keyParamsSchema, querystring: pageQuerySchema };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Open-link surveys `/s/o/:key` (kiosks, web links): no invitation is created; one submission
 * per page load, made idempotent by the submission id rendered into the form.
 */
export function registerOpenLinkPages(
  app: ZodApp,
  { db }: RouteDeps,
  assets: AssetUrls,
  stamper: StartStamper,
) {
  const perSurvey = app.rateLimit({
    max: OPEN_LINK_LIMITS.submitsPerSurveyPerMinute,
    timeWindow: '1 minute',
    keyGenerator: (request) => `open-link-survey:${keyOf(request)}`,
  });

  async function surveyOrNull(key: string) {
    return findOpenLinkSurvey({ db, key });
  }

  app.get(
    '/s/o/:key',
    {
      schema: keyRoute,
      config: {
        rateLimit: {
          max: OPEN_LINK_LIMITS.pageViewsPerIpPerMinute,
          timeWindow: '1 minute',
          keyGenerator: (request) => `open-link-view:${request.ip}:${keyOf(request)}`,
        },
      },
    },
    async (request, reply) => {
      const { key } = request.params;
      const survey = await surveyOrNull(key);
      if (!survey) {
        const lang = languageOf(request, surveyLanguages, request.query);
        return sendPage(reply, 404, notFoundPage({ lang, assets }));
      }
      const lang = languageOf(request, survey.definition.languages, request.query);
      const page = renderSurveyForm({
        lang,
        assets,
        definition: survey.definition,
        answers: {},
        errors: [],
        people: [],
        action: `/s/o/${key}/submit?lang=${lang}`,
        saveUrl: null,
        hidden: { submissionId: randomUUID(), startedAt: stamper.stamp(new Date()) },
        elapsedMs: 0,
        optOutUrl: null,
      });
      return sendPage(reply, 200, page);
    },
  );

  app.post(
    '/s/o/:key/submit',
    {
      schema: { ...keyRoute, body: submitBodySchema },
      preHandler: perSurvey,
      config: {
        rateLimit: {
          max: OPEN_LINK_LIMITS.submitsPerIpPerMinute,
          timeWindow: '1 minute',
          keyGenerator: (request) => `open-link-submit:${request.ip}:${keyOf(request)}`,
        },
      },
    },
    async (request, reply) => {
      const { key } = request.params;
      const survey = await surveyOrNull(key);
      if (!survey) throw notFound('Survey');
      const lang = languageOf(request, survey.definition.languages, request.query);
      const body = request.body;
      const isForm = 'form' in body;
      const submissionId = isForm ? formValue(body.form, 'submissionId') : body.submissionId;
      if (!submissionId || !UUID.test(submissionId))
        throw new AppError('bad_request', 'submissionId must be the UUID rendered into the form');
      const now = new Date();
      const answers = isForm ? answersFromForm(survey.definition, body.form) : body.answers;
      const durationMs = answeringTimeMs({
        serverStart: stamper.verify(isForm ? formValue(body.form, 'startedAt') : body.startedAt),
        clientElapsedMs: isForm ? null : (body.elapsedMs ?? null),
        now,
      });
      const next = `/s/o/${key}/thanks?lang=${lang}`;
      try {
        const result = await submitOpenLinkResponse({
          db,
          survey,
          submissionId,
          answers,
          durationMs,
          language: { query: lang },
          now,
        });
        if (!isForm) return { responseId: result.responseId, next };
      } catch (error) {
        if (!isForm || !(error instanceof AppError) || error.code !== 'validation_failed')
          throw error;
        const page = renderSurveyForm({
          lang,
          assets,
          definition: survey.definition,
          answers: answersFromForm(survey.definition, body.form),
          errors: error.errors ?? [],
          people: [],
          action: `/s/o/${key}/submit?lang=${lang}`,
          saveUrl: null,
          hidden: { submissionId, startedAt: formValue(body.form, 'startedAt') ?? '' },
          elapsedMs: 0,
          optOutUrl: null,
        });
        return sendPage(reply, 422, page);
      }
      return reply.redirect(next, 303);
    },
  );

  app.get('/s/o/:key/thanks', { schema: keyRoute }, async (request, reply) => {
    const survey = await surveyOrNull(request.params.key);
    if (!survey) {
      const lang = languageOf(request, surveyLanguages, request.query);
      return sendPage(reply, 404, notFoundPage({ lang, assets }));
    }
    const lang = languageOf(request, survey.definition.languages, request.query);
    return sendPage(
      reply,
      200,
      thankYouPage({ lang, assets, definition: survey.definition, thankedNames: [] }),
    );
  });
}
