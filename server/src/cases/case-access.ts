import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { cases } from '../db/schema/index.ts';
import { forbidden, notFound } from '../http/errors.ts';
import { type CaseViewer, casesVisibleTo } from './case-visibility.ts';

export type CaseRow = typeof cases.$inferSelect;

/**
 * One case the viewer may see. Unknown or of another organization → 404; in the organization
 * but outside the viewer's visibility → 403 (the people-route convention). `lock` takes the
 * row lock for a change in the caller's transaction.
 */
export async function findVisibleCase(opts: {
  db: DbOrTx;
  orgId: string;
  viewer: CaseViewer;
  caseId: string;
  lock?: boolean;
}): Promise<CaseRow> {
  const base = opts.db
    .select()
    .from(cases)
    .where(and(eq(cases.orgId, opts.orgId), eq(cases.id, opts.caseId)));
  const [row] = opts.lock ? await base.for('update') : await base;
  if (!row) throw notFound('Case');
  const visible = casesVisibleTo(opts.orgId, opts.viewer);
  if (visible) {
    const [seen] = await opts.db
      .select({ id: cases.id })
      .from(cases)
      .where(and(eq(cases.id, row.id), visible));
    if (!seen) throw forbidden('This case is outside the cases you may see');
  }
  return row;
}
