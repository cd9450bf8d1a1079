import type { RouteDeps, ZodApp } from '../http/types.ts';
import { registerSurveyAssets } from './assets.ts';
import { parseFormBody } from './form-answers.ts';
import { registerOpenLinkPages } from './open-link-routes.ts';
import { CONTENT_SECURITY_POLICY } from './page-request.ts';
import { registerInvitationPages } from './routes.ts';
import { createStartStamper } from './started-at.ts';

/** Paths of the public survey pages; they never read or set cookies. */

/**
 * The public survey pages: server-rendered HTML, one small script, strict security headers.
 * Registered in its own encapsulated context so the form parser and headers stay here.
 */
export async function surveyPageRoutes(app: ZodApp, deps: RouteDeps) {
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string' },
    (_request, body, done) => done(null, { form: parseFormBody(String(body)) }),
  );
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
    reply.header('referrer-policy', 'no-referrer');
    reply.header('x-content-type-options', 'nosniff');
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    reply.removeHeader('set-cookie');
    return payload;
  });
  const assets = registerSurveyAssets(app);
  registerInvitationPages(app, deps, assets);
  registerOpenLinkPages(app, deps, assets, createStartStamper());
}
