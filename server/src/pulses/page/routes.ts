import { type FieldError, type SurveyLanguage, surveyLanguages } from '@valueloop/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../http/errors.ts';
import type { RouteDeps, ZodApp } from '../../http/types.ts';
import type { Answers } from '../../responses/answers.ts';
import { answersFromForm } from '../../survey-page/form-answers.ts';
import {
  languageOf,
  pageQuerySchema,
  sendPage,
  tokenParamsSchema,
} from '../../survey-page/page-request.ts';
import type { AssetUrls } from '../../survey-page/views/layout.ts';
import { submitEmployeeResponse } from '../submission.ts';
import { openDraft, saveEmployeeDraft } from '../submission-draft.ts';
import {
  type EmployeeInvitationLookup,
  findEmployeeInvitation,
  type OpenEmployeeInvitation,
} from '../submission-lookup.ts';
import { employeePageLogSerializers } from './log-redaction.ts';
import { employeeAnswersBodySchema, employeeSubmitBodySchema } from './request.ts';
import { renderEmployeeForm } from './views/employee-form.ts';
import { employeeStatePage } from './views/states.ts';

type Query = { lang?: string };
const logSerializers = employeePageLogSerializers;
const tokenRoute = { hide: true, params: tokenParamsSchema, querystring: pageQuerySchema };
const THANKS_PATH = '/e/thanks';

/** The page and status of a link that cannot be answered; the error code says which. */
const stateByCode = {
  not_found: { page: 'notFound', status: 404 },
  conflict: { page: 'answered', status: 409 },
  gone: { page: 'closed', status: 410 },
} as const;
const stateOfLookup = { unknown: 'not_found', answered: 'conflict', closed: 'gone' } as const;
type StateCode = keyof typeof stateByCode;
const isStateCode = (code: string): code is StateCode => code in stateByCode;

/**
 * The employee's survey pages at /e/:token (no login, no cookies). The token is the only key;
 * it never reaches a log line (see log-redaction.ts) and the thank-you page does not carry it.
 */
export function registerEmployeePages(app: ZodApp, { db }: RouteDeps, assets: AssetUrls) {
  const anyLanguage = (request: FastifyRequest, query: Query): SurveyLanguage =>
    languageOf(request, surveyLanguages, query);

  function sendState(request: FastifyRequest, reply: FastifyReply, code: StateCode, q: Query) {
    const { page, status } = stateByCode[code];
    return sendPage(
      reply,
      status,
      employeeStatePage(page, { lang: anyLanguage(request, q), assets }),
    );
  }

  function sendForm(
    request: FastifyRequest,
    reply: FastifyReply,
    opts: {
      token: string;
      query: Query;
      found: OpenEmployeeInvitation;
      answers: Answers;
      errors?: FieldError[];
    },
  ) {
    const { found, token } = opts;
    const lang = languageOf(request, found.definition.languages, opts.query);
    if (found.form.sections.length === 0)
      return sendPage(reply, 200, employeeStatePage('nothingToRate', { lang, assets }));
    const page = renderEmployeeForm({
      lang,
      assets,
      kind: found.kind,
      definition: found.definition,
      form: found.form,
      answers: opts.answers,
      errors: opts.errors ?? [],
      k: found.k,
      kComments: found.kComments,
      action: `/e/${token}?lang=${lang}`,
      draftUrl: `/e/${token}/draft?lang=${lang}`,
    });
    return sendPage(reply, opts.errors?.length ? 422 : 200, page);
  }

  const closedState = (found: Exclude<EmployeeInvitationLookup, { state: 'open' }>) =>
    stateOfLookup[found.state];

  app.get(
    THANKS_PATH,
    { schema: { hide: true, querystring: pageQuerySchema }, logSerializers },
    (request, reply) =>
      sendPage(
        reply,
        200,
        employeeStatePage('thanks', { lang: anyLanguage(request, request.query), assets }),
      ),
  );

  app.get('/e/:token', { schema: tokenRoute, logSerializers }, async (request, reply) => {
    const { token } = request.params;
    const found = await findEmployeeInvitation({ db, token, now: new Date() });
    if (found.state !== 'open') return sendState(request, reply, closedState(found), request.query);
    const answers = openDraft(token, found.sealedDraft);
    return sendForm(request, reply, { token, query: request.query, found, answers });
  });

  // The shared script saves with PUT; POST is the documented method. Both do the same.
  app.route({
    method: ['POST', 'PUT'],
    url: '/e/:token/draft',
    schema: { ...tokenRoute, body: employeeAnswersBodySchema },
    logSerializers,
    handler: async (request) => {
      await saveEmployeeDraft({ db, token: request.params.token, answers: request.body.answers });
      return { saved: true };
    },
  });

  app.post(
    '/e/:token',
    { schema: { ...tokenRoute, body: employeeSubmitBodySchema }, logSerializers },
    async (request, reply) => {
      const { token } = request.params;
      const body = request.body;
      if (!('form' in body)) {
        const result = await submitEmployeeResponse({ db, token, answers: body.answers });
        const lang = languageOf(request, surveyLanguages, request.query);
        return { stored: result.stored, next: `${THANKS_PATH}?lang=${lang}` };
      }
      const found = await findEmployeeInvitation({ db, token, now: new Date() });
      if (found.state !== 'open')
        return sendState(request, reply, closedState(found), request.query);
      const answers = answersFromForm(found.form.definition, body.form);
      try {
        await submitEmployeeResponse({ db, token, answers });
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        if (isStateCode(error.code)) return sendState(request, reply, error.code, request.query);
        if (error.code !== 'validation_failed') throw error;
        return sendForm(request, reply, {
          token,
          query: request.query,
          found,
          answers,
          errors: error.errors,
        });
      }
      const lang = languageOf(request, found.definition.languages, request.query);
      return reply.redirect(`${THANKS_PATH}?lang=${lang}`, 303);
    },
  );

  // Anything else under /e/ is a broken link: the same page, and the URL still kept out of logs.
  app.all('/e/*', { schema: { hide: true }, logSerializers }, (request, reply) =>
    sendState(request, reply, 'not_found', {}),
  );
}
