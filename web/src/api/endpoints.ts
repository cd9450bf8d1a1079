import {
  apiTokenSchema,
  createdApiTokenSchema,
  type ImportKind,
  importResultSchema,
  mailboxSchema,
  meSchema,
  okSchema,
  personPageSchema,
  type Session,
  sessionSchema,
  unitTreeSchema,
} from '@valueloop/contracts';
import { z } from 'zod';
import { ApiError, api, rememberCsrfToken } from './client.ts';

/** The signed-in session, or null when nobody is signed in. */
export async function getSession(): Promise<Session | null> {
  try {
    const session = await api('/auth/session', sessionSchema);
    rememberCsrfToken(session.csrfToken);
    return session;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      rememberCsrfToken(null);
      return null;
    }
    throw error;
  }
}

export async function login(body: { email: string; password: string }): Promise<Session> {
  const session = await api('/auth/login', sessionSchema, { method: 'POST', body });
  rememberCsrfToken(session.csrfToken);
  return session;
}

export async function logout(): Promise<void> {
  await api('/auth/logout', okSchema, { method: 'POST' });
  rememberCsrfToken(null);
}

export const requestPasswordReset = (email: string) =>
  api('/auth/password-reset', okSchema, { method: 'POST', body: { email } });

export const confirmPasswordReset = (body: { token: string; password: string }) =>
  api('/auth/password-reset/confirm', okSchema, { method: 'POST', body });

export const getMe = () => api('/people/me', meSchema);
export const getUnitTree = () => api('/units/tree', unitTreeSchema);

export const listPeople = (query: {
  q?: string;
  unitId?: string;
  limit?: number;
  cursor?: string;
}) => api('/people', personPageSchema, { query });

export const runImport = (kind: ImportKind, csv: string) =>
  api(`/imports/${kind}`, importResultSchema, {
    method: 'POST',
    body: csv,
    contentType: 'text/csv',
  });

export const getMailbox = () => api('/dev/mailbox', mailboxSchema);

export const listApiTokens = () => api('/api-tokens', z.object({ items: z.array(apiTokenSchema) }));

export const createApiToken = (body: { name: string; scopes: Array<'ingest' | 'read'> }) =>
  api('/api-tokens', createdApiTokenSchema, { method: 'POST', body });

export const revokeApiToken = (id: string) =>
  api(`/api-tokens/${id}`, apiTokenSchema, { method: 'DELETE' });
