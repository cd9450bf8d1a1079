import type { Notification } from '@valueloop/contracts';
import { and, count, desc, eq, isNull, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { notifications } from '../db/schema/index.ts';
import { notFound } from '../http/errors.ts';
import { decodeCursor, pageFrom } from '../org/cursor.ts';

type NotificationRow = typeof notifications.$inferSelect;

/** The public fields of a notification (never its person, org or de-duplication key). */
export function presentNotification(row: NotificationRow): Notification {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    body: row.body,
    link: row.link,
    readAt: row.readAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

/** Microsecond text of created_at: a millisecond cursor could skip rows of the same ms. */
const createdAtText = sql<string>`to_char(${notifications.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

const own = (orgId: string, personId: string) =>
  and(eq(notifications.orgId, orgId), eq(notifications.personId, personId));

/** The caller's own inbox, newest first, with the count of all their unread notifications. */
export async function listNotifications(opts: {
  db: DbOrTx;
  orgId: string;
  personId: string;
  limit: number;
  cursor?: string;
  unreadOnly?: boolean;
}) {
  const after = decodeCursor(opts.cursor);
  const where: (SQL | undefined)[] = [
    own(opts.orgId, opts.personId),
    opts.unreadOnly ? isNull(notifications.readAt) : undefined,
    after
      ? sql`(${notifications.createdAt}, ${notifications.id}) < (${after.key}::timestamptz, ${after.id}::uuid)`
      : undefined,
  ];
  const rows = await opts.db
    .select({ row: notifications, key: createdAtText })
    .from(notifications)
    .where(and(...where))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(opts.limit + 1);
  const page = pageFrom(rows, opts.limit, (r) => ({ key: r.key, id: r.row.id }));
  const [unread] = await opts.db
    .select({ n: count() })
    .from(notifications)
    .where(and(own(opts.orgId, opts.personId), isNull(notifications.readAt)));
  return {
    unread: unread?.n ?? 0,
    items: page.rows.map((r) => presentNotification(r.row)),
    nextCursor: page.nextCursor,
  };
}

/**
 * Marks one of the caller's notifications read (idempotent: the first read time stays).
 * Someone else's id answers 404, exactly like an unknown one: it must not confirm it exists.
 */
export async function markNotificationRead(opts: {
  db: DbOrTx;
  orgId: string;
  personId: string;
  notificationId: string;
}): Promise<Notification> {
  const mine = and(own(opts.orgId, opts.personId), eq(notifications.id, opts.notificationId));
  await opts.db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(mine, isNull(notifications.readAt)));
  const [row] = await opts.db.select().from(notifications).where(mine);
  if (!row) throw notFound('Notification');
  return presentNotification(row);
}

/** Marks every unread notification of the caller read; returns how many changed. */
export async function markAllNotificationsRead(opts: {
  db: DbOrTx;
  orgId: string;
  personId: string;
}): Promise<{ marked: number }> {
  const changed = await opts.db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(own(opts.orgId, opts.personId), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return { marked: changed.length };
}
