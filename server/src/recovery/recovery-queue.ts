import type { recoveriesQuerySchema } from '@valueloop/contracts';
import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../db/client.ts';
import { recoveryActions } from '../db/schema/index.ts';
import { selectRecoveryRows } from './recovery-rows.ts';
import { type RecoveryReader, recoveriesVisibleTo } from './recovery-scope.ts';

/**
 * Recoveries by status, newest first — with `status=pending_approval` the approvals queue: a
 * manager gets those charged to units they manage (and below), admins every one.
 */
export async function listRecoveries(opts: {
  db: Db;
  orgId: string;
  reader: RecoveryReader;
  query: z.infer<typeof recoveriesQuerySchema>;
}) {
  const where = and(
    recoveriesVisibleTo(opts.orgId, opts.reader),
    opts.query.status ? eq(recoveryActions.status, opts.query.status) : undefined,
  );
  return {
    items: await selectRecoveryRows({
      db: opts.db,
      orgId: opts.orgId,
      where,
      limit: opts.query.limit,
    }),
  };
}
