import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../db/client.ts';
import { AppError } from '../http/errors.ts';
import { resolveApiToken } from './api-token-service.ts';
import type { Principal, SessionPrincipal } from './principal.ts';
import { safeEqual } from './secrets.ts';
import { resolveSession } from './session-service.ts';

export const SESSION_COOKIE = 'vl_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
    /** Set when a session cookie was present but expired, so 401 can say so. */
    sessionExpired: boolean;
  }
}

/**
 * Resolves the caller from a bearer API token or the session cookie on every request,
 * and enforces CSRF (header must equal the session's token) on cookie-authenticated writes.
 */
export function registerAuthentication(app: FastifyInstance, db: Db) {
  app.decorateRequest('principal', null);
  app.decorateRequest('sessionExpired', false);
  app.addHook('onRequest', async (request) => {
    // Only the API knows sessions: public pages (the survey page) never read a cookie.
    if (!request.url.startsWith('/api/')) return;
    const header = request.headers.authorization;
    if (header?.startsWith('Bearer ')) {
      const principal = await resolveApiToken({ db, token: header.slice(7).trim() });
      if (!principal) throw new AppError('unauthenticated', 'The API token is unknown or revoked');
      request.principal = principal;
      return;
    }
    const sessionId = request.cookies[SESSION_COOKIE];
    if (!sessionId) return;
    const lookup = await resolveSession({ db, sessionId });
    if (lookup.status === 'expired') request.sessionExpired = true;
    if (lookup.status !== 'valid') return;
    if (!SAFE_METHODS.has(request.method)) {
      const sent = request.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !safeEqual(sent, lookup.principal.csrfToken)) {
        throw new AppError(
          'csrf_failed',
          'Send the x-csrf-token header from GET /api/v1/auth/session',
        );
      }
    }
    request.principal = lookup.principal;
  });
}

export function authenticate(request: FastifyRequest): Principal {
  if (request.principal) return request.principal;
  if (request.sessionExpired) {
    throw new AppError('session_expired', 'Your session has expired; please sign in again');
  }
  throw new AppError('unauthenticated', 'Sign in or send an API token');
}

export function authenticateSession(request: FastifyRequest): SessionPrincipal {
  const principal = authenticate(request);
  if (principal.kind !== 'session') {
    throw new AppError('forbidden', 'This endpoint needs a signed-in person, not an API token');
  }
  return principal;
}
