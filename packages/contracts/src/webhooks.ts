import { z } from 'zod';

/** Event types a webhook subscription may ask for. */
export const webhookEventTypes = ['response.received'] as const;
export const webhookEventTypeSchema = z.enum(webhookEventTypes);
export type WebhookEventType = z.infer<typeof webhookEventTypeSchema>;

const webhookUrlSchema = z.url({ protocol: /^https?$/ }).max(2000);
const eventTypesSchema = z.array(webhookEventTypeSchema).min(1).max(webhookEventTypes.length);

/** `url` must be https; plain http is accepted only for localhost outside production. */
export const createWebhookBodySchema = z.strictObject({
  url: webhookUrlSchema,
  eventTypes: eventTypesSchema,
});
export type CreateWebhookBody = z.infer<typeof createWebhookBodySchema>;

export const updateWebhookBodySchema = z.strictObject({
  url: webhookUrlSchema.optional(),
  eventTypes: eventTypesSchema.optional(),
  active: z.boolean().optional(),
});
export type UpdateWebhookBody = z.infer<typeof updateWebhookBodySchema>;

export const webhookSchema = z.object({
  id: z.uuid(),
  url: z.string(),
  eventTypes: z.array(webhookEventTypeSchema),
  active: z.boolean(),
  createdAt: z.string(),
});
export type Webhook = z.infer<typeof webhookSchema>;
/** Returned once, at creation: the `whsec_…` signing secret is never shown again. */
export const createdWebhookSchema = webhookSchema.extend({ secret: z.string() });
export const webhookListSchema = z.object({ items: z.array(webhookSchema) });

export const webhookDeliveryStatusSchema = z.enum(['pending', 'delivered', 'failed', 'stopped']);
export const webhookDeliverySchema = z.object({
  id: z.number().int(),
  subscriptionId: z.uuid(),
  /** The `webhook-id` header: the same on every attempt of this delivery. */
  messageId: z.string(),
  eventType: z.string(),
  status: webhookDeliveryStatusSchema,
  attempts: z.number().int(),
  lastStatusCode: z.number().int().nullable(),
  lastError: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  createdAt: z.string(),
});
export type WebhookDelivery = z.infer<typeof webhookDeliverySchema>;

/** Newest first; `cursor` is the `nextCursor` of the previous page. */
export const webhookDeliveriesQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z
    .string()
    .regex(/^\d{1,18}$/)
    .optional(),
});
export const webhookDeliveryPageSchema = z.object({
  items: z.array(webhookDeliverySchema),
  nextCursor: z.string().nullable(),
});
export const webhookDeliveryParamsSchema = z.strictObject({
  id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER),
});
