import { type FieldError, surveyLanguages } from '@valueloop/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import QRCode from 'qrcode';
import { AppError } from '../http/errors.ts';
import type { RouteDeps, ZodApp } from '../http/types.ts';
import type { Answers } from '../responses/answers.ts';
import { answersFromForm } from './form-answers.ts';
import { optOutByToken } from './opt-out.ts';
import {
  languageOf,
  pageQuerySchema,
  saveAnswersBodySchema,
  sendPage,
  submitBodySchema,
  tokenParamsSchema,
} from './page-request.ts';
import {
  findInvitationByToken,
  type InvitationLookup,
  markInvitationOpened,
  type OpenInvitation,
  resumableAnswers,
} from './survey-access.ts';
import { saveInvitationAnswers, submitInvitationResponse } from './survey-submission.ts';
import { listThankablePeople, thankedDisplayNames } from './thank-picker.ts';
import type { AssetUrls } from './views/layout.ts';
import {
  alreadyAnsweredPage,
  expiredPage,
  notFoundPage,
  optOutConfirmPage,
  optOutDonePage,
  thankYouPage,
} from './views/pages.ts';
import { renderSurveyForm } from './views/survey-form.ts';

type Query = { lang?: string };
const tokenRoute = { hide: true, params: tokenParamsSchema, querystring: pageQuerySchema };

/** The invitation pages under /s/:token (no login, no cookies). */
export function registerInvitationPages(app: ZodApp, { db, config }: RouteDeps, assets: AssetUrls) {
  const langQuery = (lang: string) => `?lang=${lang}`;
  const preference = (request: FastifyRequest, query: Query) => ({
    query: query.lang,
    acceptLanguage: request.headers['accept-language'],
  });

  /** The page for a link that cannot be answered (unknown, expired, already answered). */
  function sendClosed(
    request: FastifyRequest,
    reply: FastifyReply,
    found: InvitationLookup,
    query: Query,
  ) {
    if (found.state === 'not_found') {
      const lang = languageOf(request, surveyLanguages, query);
      return sendPage(reply, 404, notFoundPage({ lang, assets }));
    }
    const lang = languageOf(request, found.definition.languages, query);
    if (found.state === 'expired') return sendPage(reply, 410, expiredPage({ lang, assets }));
    return sendPage(reply, 200, alreadyAnsweredPage({ lang, assets }));
  }

  async function sendForm(
    request: FastifyRequest,
    reply: FastifyReply,
    opts: {
      token: string;
      query: Query;
      found: OpenInvitation;
      answers?: Answers;
      errors?: FieldError[];
      now: Date;
    },
  ) {
    const { found, token } = opts;
    const lang = languageOf(request, found.definition.languages, opts.query);
    const people = await listThankablePeople({
      db,
      orgId: found.ctx.orgId,
      unitId: found.unitId,
      now: opts.now,
    });
    const page = renderSurveyForm({
      lang,
      assets,
      definition: found.definition,
      answers: opts.answers ?? resumableAnswers(found, opts.now),
      errors: opts.errors ?? [],
      people,
      action: `/s/${token}/submit${langQuery(lang)}`,
      saveUrl: `/s/${token}/answers${langQuery(lang)}`,
      hidden: {},
      elapsedMs: found.response?.status === 'partial' ? (found.response.durationMs ?? 0) : 0,
      optOutUrl: `/s/${token}/opt-out${langQuery(lang)}`,
    });
    return sendPage(reply, opts.errors?.length ? 422 : 200, page);
  }

  app.get('/s/:token', { schema: tokenRoute }, async (request, reply) => {
    const now = new Date();
    const { token } = request.params;
    const found = await findInvitationByToken({ db, token, now });
    if (found.state !== 'open') return sendClosed(request, reply, found, request.query);
    await markInvitationOpened({ db, invitationId: found.invitation.id, now });
    return sendForm(request, reply, { token, query: request.query, found, now });
  });

  app.put(
    '/s/:token/answers',
    { schema: { ...tokenRoute, body: saveAnswersBodySchema } },
    async (request) => {
      await saveInvitationAnswers({
        db,
        token: request.params.token,
        answers: request.body.answers,
        elapsedMs: request.body.elapsedMs ?? null,
        language: preference(request, request.query),
      });
      return { saved: true };
    },
  );

  app.post(
    '/s/:token/submit',
    { schema: { ...tokenRoute, body: submitBodySchema } },
    async (request, reply) => {
      const { token } = request.params;
      const body = request.body;
      const language = preference(request, request.query);
      if (!('form' in body)) {
        const result = await submitInvitationResponse({
          db,
          token,
          answers: body.answers,
          elapsedMs: body.elapsedMs ?? null,
          language,
        });
        const lang = request.query.lang ? langQuery(request.query.lang) : '';
        return { responseId: result.responseId, next: `/s/${token}/thanks${lang}` };
      }
      const now = new Date();
      const found = await findInvitationByToken({ db, token, now });
      if (found.state === 'not_found' || found.state === 'expired')
        return sendClosed(request, reply, found, request.query);
      const answers = answersFromForm(found.definition, body.form);
      try {
        await submitInvitationResponse({ db, token, answers, elapsedMs: null, language, now });
      } catch (error) {
        if (
          !(error instanceof AppError) ||
          error.code !== 'validation_failed' ||
          found.state !== 'open'
        )
          throw error;
        return sendForm(request, reply, {
          token,
          query: request.query,
          found,
          answers,
          errors: error.errors,
          now,
        });
      }
      const lang = languageOf(request, found.definition.languages, request.query);
      return reply.redirect(`/s/${token}/thanks${langQuery(lang)}`, 303);
    },
  );

  app.get('/s/:token/thanks', { schema: tokenRoute }, async (request, reply) => {
    const { token } = request.params;
    const found = await findInvitationByToken({ db, token, now: new Date() });
    if (found.state === 'open') return reply.redirect(`/s/${token}`, 303);
    if (found.state !== 'completed') return sendClosed(request, reply, found, request.query);
    const lang = languageOf(request, found.definition.languages, request.query);
    const thankedNames = await thankedDisplayNames({
      db,
      orgId: found.ctx.orgId,
      personIds: found.response?.thankedPersonIds ?? [],
    });
    return sendPage(
      reply,
      200,
      thankYouPage({ lang, assets, definition: found.definition, thankedNames }),
    );
  });

  app.get('/s/:token/opt-out', { schema: tokenRoute }, async (request, reply) => {
    const { token } = request.params;
    const found = await findInvitationByToken({ db, token, now: new Date() });
    if (found.state === 'not_found') return sendClosed(request, reply, found, request.query);
    const lang = languageOf(request, found.definition.languages, request.query);
    return sendPage(
      reply,
      200,
      optOutConfirmPage({ lang, assets, action: `/s/${token}/opt-out${langQuery(lang)}` }),
    );
  });

  app.post('/s/:token/opt-out', { schema: tokenRoute }, async (request, reply) => {
    const { token } = request.params;
    const found = await findInvitationByToken({ db, token, now: new Date() });
    if (found.state === 'not_found') return sendClosed(request, reply, found, request.query);
    await optOutByToken({ db, token });
    const lang = languageOf(request, found.definition.languages, request.query);
    return sendPage(reply, 200, optOutDonePage({ lang, assets }));
  });

  // QR codes of the survey link, for printed receipts; only for links that can be answered.
  for (const format of ['svg', 'png'] as const) {
    app.get(`/s/:token/qr.${format}`, { schema: tokenRoute }, async (request, reply) => {
      const { token } = request.params;
      const found = await findInvitationByToken({ db, token, now: new Date() });
      if (found.state === 'not_found' || found.state === 'expired')
        return sendClosed(request, reply, found, request.query);
      const url = `${config.publicUrl}/s/${token}`;
      if (format === 'svg') {
        const svg = await QRCode.toString(url, {
          type: 'svg',
          errorCorrectionLevel: 'M',
          margin: 2,
        });
        return reply.type('image/svg+xml').send(svg);
      }
      const png = await QRCode.toBuffer(url, {
        type: 'png',
        errorCorrectionLevel: 'M',
        margin: 2,
        scale: 8,
      });
      return reply.type('image/png').send(png);
    });
  }
}
