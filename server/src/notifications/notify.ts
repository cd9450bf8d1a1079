import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { notifications, people } from '../db/schema/index.ts';
import { queueEmail } from '../mail/queue-email.ts';

export type NotificationKind = (typeof notifications.$inferInsert)['kind'];

/**
 * Tells one person something: an in-app notification and, unless `email: false`, an e-mail
 * copy through the outbox — both in the caller's transaction, so a rolled-back change notifies
 * no one. With a `dedupeKey` a person is told once per key (e.g. `sla_at_risk:<caseId>`);
 * returns false when that notification already existed.
 */
export async function notify(opts: {
  db: DbOrTx;
  orgId: string;
  personId: string;
  kind: NotificationKind;
  title: string;
  body: string;
  /** App path, e.g. `/cases/<id>`; the e-mail carries it as an absolute link. */
  link?: string;
  dedupeKey?: string;
  email?: boolean;
  publicUrl?: string;
}): Promise<boolean> {
  const inserted = await opts.db
    .insert(notifications)
    .values({
      orgId: opts.orgId,
      personId: opts.personId,
      kind: opts.kind,
      title: opts.title,
      body: opts.body,
      link: opts.link ?? null,
      dedupeKey: opts.dedupeKey ?? null,
    })
    .onConflictDoNothing()
    .returning({ id: notifications.id });
  if (inserted.length === 0) return false;
  if (opts.email === false) return true;
  const [person] = await opts.db
    .select({ email: people.email })
    .from(people)
    .where(eq(people.id, opts.personId));
  if (!person) return true;
  const link = opts.link ? `\n\n${opts.publicUrl ?? ''}${opts.link}` : '';
  await queueEmail({
    db: opts.db,
    orgId: opts.orgId,
    to: person.email,
    subject: opts.title,
    body: `${opts.body}${link}`,
  });
  return true;
}
