import { z } from 'zod';
import { roleSchema } from './common.ts';

export const loginBodySchema = z.strictObject({
  email: z.email().max(320),
  password: z.string().min(1).max(1000),
});

export const sessionSchema = z.object({
  person: z.object({
    id: z.uuid(),
    name: z.string(),
    email: z.string(),
    roles: z.array(roleSchema),
    unitId: z.uuid().nullable(),
  }),
  organization: z.object({ id: z.uuid(), name: z.string(), slug: z.string() }),
  /** Send back as the `x-csrf-token` header on every cookie-authenticated write. */
  csrfToken: z.string(),
  expiresAt: z.string(),
});
export type Session = z.infer<typeof sessionSchema>;

export const passwordResetRequestBodySchema = z.strictObject({ email: z.email().max(320) });
export const passwordResetConfirmBodySchema = z.strictObject({
  token: z.string().min(20).max(200),
  password: z.string().min(10, 'must be at least 10 characters').max(1000),
});

export const apiTokenScopeSchema = z.enum(['ingest', 'read']);
export const createApiTokenBodySchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
  scopes: z.array(apiTokenScopeSchema).min(1),
});
export const apiTokenSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  prefix: z.string(),
  scopes: z.array(apiTokenScopeSchema),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type ApiToken = z.infer<typeof apiTokenSchema>;
/** Returned once, at creation: the secret is never shown again. */
export const createdApiTokenSchema = apiTokenSchema.extend({ token: z.string() });
