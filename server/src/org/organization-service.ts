import type { UpdateOrganizationBody } from '@valueloop/contracts';
import { and, desc, eq } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client.ts';
import { auditLog, organizations, outboxMessages } from '../db/schema/index.ts';
import { rereleaseOrganizationResults } from '../employee-results/rerelease.ts';
import { AppError, notFound, validationFailed } from '../http/errors.ts';

export async function getOrganization(opts: { db: DbOrTx; orgId: string }) {
  const [org] = await opts.db.select().from(organizations).where(eq(organizations.id, opts.orgId));
  if (!org) throw notFound('Organization');
  return org;
}

/**
 * The minimum group sizes protect anonymity, so they may only go up; raising one re-releases
 * every released employee wave with the new thresholds (jobs committed with the change).
 */
export async function updateOrganization(opts: {
  db: Db;
  orgId: string;
  actorPersonId: string | null;
  changes: UpdateOrganizationBody;
}) {
  return opts.db.transaction(async (tx) => {
    const current = await getOrganization({ db: tx, orgId: opts.orgId });
    const { minGroupSize, minCommentGroupSize } = opts.changes;
    const lowered = [
      { field: 'minGroupSize', next: minGroupSize, now: current.minGroupSize },
      { field: 'minCommentGroupSize', next: minCommentGroupSize, now: current.minCommentGroupSize },
    ].filter(({ next, now }) => next !== undefined && next < now);
    if (lowered.length > 0) {
      throw validationFailed(
        lowered.map(({ field, now }) => ({
          field: `body.${field}`,
          message: `may only go up (currently ${now})`,
        })),
      );
    }
    const k = minGroupSize ?? current.minGroupSize;
    if (minCommentGroupSize !== undefined && minCommentGroupSize < k) {
      throw validationFailed([
        { field: 'body.minCommentGroupSize', message: `may not be below minGroupSize (${k})` },
      ]);
    }
    const [updated] = await tx
      .update(organizations)
      .set(opts.changes)
      .where(eq(organizations.id, opts.orgId))
      .returning();
    await tx.insert(auditLog).values({
      orgId: opts.orgId,
      actorPersonId: opts.actorPersonId,
      action: 'organization.updated',
      entityType: 'organization',
      entityId: opts.orgId,
      detail: { ...opts.changes },
    });
    const raised =
      (minGroupSize ?? current.minGroupSize) > current.minGroupSize ||
      (minCommentGroupSize ?? current.minCommentGroupSize) > current.minCommentGroupSize;
    if (raised) await rereleaseOrganizationResults({ db: tx, orgId: opts.orgId });
    return updated!;
  });
}

/** The development mailbox: the latest outbox messages of the organization. */
export async function listMailbox(opts: { db: Db; orgId: string; limit?: number }) {
  const rows = await opts.db
    .select()
    .from(outboxMessages)
    .where(and(eq(outboxMessages.orgId, opts.orgId)))
    .orderBy(desc(outboxMessages.createdAt), desc(outboxMessages.id))
    .limit(opts.limit ?? 100);
  return rows.map((m) => ({
    id: m.id,
    to: m.toAddress,
    subject: m.subject,
    body: m.bodyText,
    createdAt: m.createdAt.toISOString(),
  }));
}

/**
 * The organization a command-line tool acts on: the one with `slug`, or the only one there is.
 * Otherwise the error names the choices.
 */
export async function chooseOrganization(opts: { db: Db; slug?: string }) {
  const all = await opts.db
    .select({ id: organizations.id, slug: organizations.slug, name: organizations.name })
    .from(organizations)
    .orderBy(organizations.slug);
  const choices = all.map((o) => o.slug).join(', ') || 'none';
  if (opts.slug) {
    const found = all.find((o) => o.slug === opts.slug);
    if (!found) throw notFound(`Organization '${opts.slug}' (choose one of: ${choices})`);
    return found;
  }
  if (all.length === 1) return all[0]!;
  throw new AppError(
    'bad_request',
    all.length === 0
      ? 'There is no organization yet'
      : `There are ${all.length} organizations; pass --org with one of: ${choices}`,
  );
}
