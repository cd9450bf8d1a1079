import type { RouteDeps, ZodApp } from '../../http/types.ts';
import { parseFormBody } from '../../survey-page/form-answers.ts';
import { CONTENT_SECURITY_POLICY } from '../../survey-page/page-request.ts';
import { sharedSurveyAssetUrls } from './assets.ts';
import { registerEmployeePages } from './routes.ts';

/**
 * The employee's survey pages (/e/…): server-rendered, the survey page's script and styles,
 * strict headers, no cookies. Registered in its own encapsulated context (page-modules.ts), so
 * the form parser, headers and log serializers stay here.
 */
export async function employeeSurveyPageRoutes(app: ZodApp, deps: RouteDeps) {
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string' },
    (_request, body, done) => done(null, { form: parseFormBody(String(body)) }),
  );
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
    reply.header('referrer-policy', 'no-referrer');
    reply.header('x-content-type-options', 'nosniff');
    reply.header('cache-control', 'no-store');
    reply.removeHeader('set-cookie');
    return payload;
  });
  registerEmployeePages(app, deps, sharedSurveyAssetUrls());
}
