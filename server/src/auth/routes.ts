import {
  apiTokenSchema,
  createApiTokenBodySchema,
  createdApiTokenSchema,
  idParamsSchema,
  loginBodySchema,
  okSchema,
  passwordResetConfirmBodySchema,
  passwordResetRequestBodySchema,
  type Role,
  sessionSchema,
} from '@valueloop/contracts';
import { z } from 'zod';
import type { RouteModule } from '../http/types.ts';
import { authorize } from '../policies/index.ts';
import { createApiToken, listApiTokens, revokeApiToken } from './api-token-service.ts';
import { authenticateSession, SESSION_COOKIE } from './authenticate.ts';
import { confirmPasswordReset, requestPasswordReset } from './password-reset-service.ts';
import type { SessionPrincipal } from './principal.ts';
import { getSessionView, signIn, signOut } from './session-service.ts';

const tags = ['auth'];

async function presentSession(
  deps: Parameters<RouteModule>[1],
  principal: SessionPrincipal,
  expiresAt: Date,
) {
  const { person, org } = await getSessionView({ db: deps.db, principal });
  return {
    person: {
      id: person.id,
      name: person.name,
      email: person.email,
      roles: person.roles as Role[],
      unitId: person.unitId,
    },
    organization: { id: org.id, name: org.name, slug: org.slug },
    csrfToken: principal.csrfToken,
    expiresAt: expiresAt.toISOString(),
  };
}

export const authRoutes: RouteModule = async (app, deps) => {
  const { db, config } = deps;
  const policy = {
    maxFailures: config.loginMaxFailures,
    lockMinutes: config.loginLockMinutes,
    sessionTtlHours: config.sessionTtlHours,
  };

  app.post(
    '/auth/login',
    {
      schema: { tags, body: loginBodySchema, response: { 200: sessionSchema } },
      config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      const { sessionId, principal, expiresAt } = await signIn({ db, ...request.body, policy });
      reply.setCookie(SESSION_COOKIE, sessionId, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: config.publicUrl.startsWith('https://'),
        expires: expiresAt,
      });
      return presentSession(deps, principal, expiresAt);
    },
  );

  app.get('/auth/session', { schema: { tags, response: { 200: sessionSchema } } }, (request) => {
    const principal = authenticateSession(request);
    const expiresAt = new Date(Date.now() + config.sessionTtlHours * 3_600_000);
    return presentSession(deps, principal, expiresAt);
  });

  app.post(
    '/auth/logout',
    { schema: { tags, response: { 200: okSchema } } },
    async (request, reply) => {
      authenticateSession(request);
      await signOut({ db, sessionId: request.cookies[SESSION_COOKIE]! });
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  );

  app.post(
    '/auth/password-reset',
    {
      schema: { tags, body: passwordResetRequestBodySchema, response: { 202: okSchema } },
      config: { rateLimit: { max: 5, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      await requestPasswordReset({ db, email: request.body.email, publicUrl: config.publicUrl });
      return reply.status(202).send({ ok: true as const });
    },
  );

  app.post(
    '/auth/password-reset/confirm',
    {
      schema: { tags, body: passwordResetConfirmBodySchema, response: { 200: okSchema } },
      config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
    },
    async (request) => {
      await confirmPasswordReset({ db, ...request.body });
      return { ok: true as const };
    },
  );

  app.get(
    '/api-tokens',
    { schema: { tags, response: { 200: z.object({ items: z.array(apiTokenSchema) }) } } },
    async (request) => {
      const principal = authenticateSession(request);
      authorize(principal, 'apiTokens.manage');
      return { items: await listApiTokens({ db, orgId: principal.orgId }) };
    },
  );

  app.post(
    '/api-tokens',
    { schema: { tags, body: createApiTokenBodySchema, response: { 201: createdApiTokenSchema } } },
    async (request, reply) => {
      const principal = authenticateSession(request);
      authorize(principal, 'apiTokens.manage');
      const created = await createApiToken({
        db,
        orgId: principal.orgId,
        createdBy: principal.personId,
        ...request.body,
      });
      return reply.status(201).send(created);
    },
  );

  app.delete(
    '/api-tokens/:id',
    { schema: { tags, params: idParamsSchema, response: { 200: apiTokenSchema } } },
    async (request) => {
      const principal = authenticateSession(request);
      authorize(principal, 'apiTokens.manage');
      return revokeApiToken({
        db,
        orgId: principal.orgId,
        tokenId: request.params.id,
        actorPersonId: principal.personId,
      });
    },
  );
};
