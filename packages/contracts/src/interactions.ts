import { z } from 'zod';

const externalId = z.string().trim().min(1).max(200);

export const interactionInputSchema = z.strictObject({
  /** The caller's id for this interaction; re-sending it never creates a second one. */
  externalId,
  customer: z.strictObject({
    externalId,
    name: z.string().trim().max(200).optional(),
    email: z.email().max(320).optional(),
  }),
  unitExternalId: externalId,
  employeeExternalIds: z.array(externalId).max(10).default([]),
  channel: z.string().trim().min(1).max(50),
  occurredAt: z.iso.datetime({ offset: true }),
  promisedAt: z.iso.datetime({ offset: true }).optional(),
  completedAt: z.iso.datetime({ offset: true }).optional(),
});
export type InteractionInput = z.infer<typeof interactionInputSchema>;

export const ingestInteractionsBodySchema = z.strictObject({
  items: z.array(interactionInputSchema).min(1).max(1000),
});

export const invitationSkipReasons = [
  'no_active_survey',
  'not_sampled',
  'quarantine',
  'opted_out',
  'no_email',
] as const;

export const invitationRefSchema = z.object({
  id: z.uuid(),
  channel: z.enum(['email', 'link']),
  /** The survey link; only returned here, once — the token is stored hashed. */
  url: z.string(),
  expiresAt: z.string(),
});

export const interactionResultSchema = z.object({
  externalId: z.string(),
  id: z.uuid(),
  created: z.boolean(),
  invitation: invitationRefSchema.nullable(),
  skippedReason: z.enum(invitationSkipReasons).nullable(),
});
export type InteractionResult = z.infer<typeof interactionResultSchema>;

export const ingestInteractionsResultSchema = z.object({
  results: z.array(interactionResultSchema),
});
