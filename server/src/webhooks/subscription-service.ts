import type {
  CreateWebhookBody,
  UpdateWebhookBody,
  Webhook,
  WebhookEventType,
} from '@valueloop/contracts';
import { and, desc, eq } from 'drizzle-orm';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import { auditLog, webhookSubscriptions } from '../db/schema/index.ts';
import { notFound, validationFailed } from '../http/errors.ts';
import { generateWebhookSecret } from './signing.ts';

type SubscriptionRow = typeof webhookSubscriptions.$inferSelect;

export function presentWebhook(s: SubscriptionRow): Webhook {
  return {
    id: s.id,
    url: s.url,
    eventTypes: s.eventTypes as WebhookEventType[],
    active: s.active,
    createdAt: s.createdAt.toISOString(),
  };
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** https anywhere; plain http only to this machine, and never in production. */
export function checkWebhookUrl(url: string, env: Config['env']): void {
  const u = new URL(url);
  const localHttp = u.protocol === 'http:' && env !== 'production' && LOCAL_HOSTS.has(u.hostname);
  if (u.protocol !== 'https:' && !localHttp) {
    throw validationFailed(
      [
        {
          field: 'body.url',
          message: 'must use https (http only to localhost outside production)',
        },
      ],
      'The webhook URL must use https',
    );
  }
}

export async function listWebhooks(opts: { db: Db; orgId: string }): Promise<Webhook[]> {
  const rows = await opts.db
    .select()
    .from(webhookSubscriptions)
    .where(eq(webhookSubscriptions.orgId, opts.orgId))
    .orderBy(desc(webhookSubscriptions.createdAt));
  return rows.map(presentWebhook);
}

/** Creates a subscription; the signing secret is in this answer only. */
export async function createWebhook(opts: {
  db: Db;
  orgId: string;
  actorId: string;
  env: Config['env'];
  body: CreateWebhookBody;
}): Promise<Webhook & { secret: string }> {
  checkWebhookUrl(opts.body.url, opts.env);
  return opts.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(webhookSubscriptions)
      .values({
        orgId: opts.orgId,
        url: opts.body.url,
        eventTypes: [...new Set(opts.body.eventTypes)],
        secret: generateWebhookSecret(),
      })
      .returning();
    await tx.insert(auditLog).values({
      orgId: opts.orgId,
      actorPersonId: opts.actorId,
      action: 'webhook.created',
      entityType: 'webhook',
      entityId: row!.id,
      detail: { url: row!.url, eventTypes: row!.eventTypes },
    });
    return { ...presentWebhook(row!), secret: row!.secret };
  });
}

export async function updateWebhook(opts: {
  db: Db;
  orgId: string;
  actorId: string;
  webhookId: string;
  env: Config['env'];
  body: UpdateWebhookBody;
}): Promise<Webhook> {
  if (opts.body.url) checkWebhookUrl(opts.body.url, opts.env);
  const { url, eventTypes, active } = opts.body;
  return opts.db.transaction(async (tx) => {
    const [row] = await tx
      .update(webhookSubscriptions)
      .set({
        ...(url === undefined ? {} : { url }),
        ...(eventTypes === undefined ? {} : { eventTypes: [...new Set(eventTypes)] }),
        ...(active === undefined ? {} : { active }),
      })
      .where(
        and(
          eq(webhookSubscriptions.orgId, opts.orgId),
          eq(webhookSubscriptions.id, opts.webhookId),
        ),
      )
      .returning();
    if (!row) throw notFound('Webhook');
    await tx.insert(auditLog).values({
      orgId: opts.orgId,
      actorPersonId: opts.actorId,
      action: 'webhook.updated',
      entityType: 'webhook',
      entityId: row.id,
      detail: { ...opts.body },
    });
    return presentWebhook(row);
  });
}

/** Deletes a subscription and its delivery log; pending deliveries are dropped. */
export async function deleteWebhook(opts: {
  db: Db;
  orgId: string;
  actorId: string;
  webhookId: string;
}): Promise<Webhook> {
  return opts.db.transaction(async (tx) => {
    const [row] = await tx
      .delete(webhookSubscriptions)
      .where(
        and(
          eq(webhookSubscriptions.orgId, opts.orgId),
          eq(webhookSubscriptions.id, opts.webhookId),
        ),
      )
      .returning();
    if (!row) throw notFound('Webhook');
    await tx.insert(auditLog).values({
      orgId: opts.orgId,
      actorPersonId: opts.actorId,
      action: 'webhook.deleted',
      entityType: 'webhook',
      entityId: row.id,
      detail: { url: row.url },
    });
    return presentWebhook(row);
  });
}
