import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { caseEvents, cases, people } from '../db/schema/index.ts';
import { findVisibleCase } from './case-access.ts';
import type { CaseViewer } from './case-visibility.ts';

/**
 * An internal note on the timeline (never sent to the customer). A note is not a change of
 * the case, so it needs no version; it counts as the first action on a new case.
 */
export async function addCaseNote(opts: {
  db: Db;
  orgId: string;
  viewer: CaseViewer;
  actorId: string;
  caseId: string;
  text: string;
  now?: Date;
}) {
  const now = opts.now ?? new Date();
  return opts.db.transaction(async (tx) => {
    const row = await findVisibleCase({ ...opts, db: tx });
    const [event] = await tx
      .insert(caseEvents)
      .values({
        orgId: opts.orgId,
        caseId: row.id,
        at: now,
        actorId: opts.actorId,
        kind: 'note',
        data: { text: opts.text },
      })
      .returning();
    await tx
      .update(cases)
      .set({
        firstActionAt: sql`coalesce(${cases.firstActionAt}, ${now.toISOString()}::timestamptz)`,
      })
      .where(eq(cases.id, row.id));
    const [actor] = await tx
      .select({ id: people.id, name: people.name })
      .from(people)
      .where(eq(people.id, opts.actorId));
    return {
      id: event!.id,
      at: event!.at.toISOString(),
      actor: actor ?? null,
      kind: event!.kind,
      data: event!.data,
    };
  });
}
