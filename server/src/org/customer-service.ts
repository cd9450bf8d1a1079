import type { UpsertCustomerBody } from '@valueloop/contracts';
import { and, asc, eq, getTableColumns, ilike, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { customers } from '../db/schema/index.ts';
import { decodeCursor, pageFrom } from './cursor.ts';
import { keysetAfter } from './scope.ts';

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function listCustomers(opts: {
  db: Db;
  orgId: string;
  query: { limit: number; cursor?: string; q?: string };
}) {
  const { query } = opts;
  const after = decodeCursor(query.cursor);
  const pattern = query.q ? `%${escapeLike(query.q)}%` : null;
  const rows = await opts.db
    .select()
    .from(customers)
    .where(
      and(
        eq(customers.orgId, opts.orgId),
        pattern
          ? or(
              ilike(customers.externalId, pattern),
              ilike(customers.name, pattern),
              ilike(customers.email, pattern),
            )
          : undefined,
        after ? keysetAfter(customers.externalId, customers.id, after) : undefined,
      ),
    )
    .orderBy(asc(customers.externalId), asc(customers.id))
    .limit(query.limit + 1);
  return pageFrom(rows, query.limit, (r) => ({ key: r.externalId, id: r.id }));
}

/** Idempotent by external id: fields present in the input overwrite, absent ones are kept. */
export async function upsertCustomer(opts: { db: Db; orgId: string; input: UpsertCustomerBody }) {
  const { input } = opts;
  const set = {
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.email !== undefined ? { email: input.email } : {}),
    ...(input.attributes !== undefined ? { attributes: input.attributes } : {}),
  };
  const [row] = await opts.db
    .insert(customers)
    .values({ orgId: opts.orgId, ...input })
    .onConflictDoUpdate({
      target: [customers.orgId, customers.externalId],
      // A no-op assignment keeps RETURNING working when nothing else changes.
      set: Object.keys(set).length > 0 ? set : { externalId: sql`excluded.external_id` },
    })
    .returning({ ...getTableColumns(customers), created: sql<boolean>`(xmax = 0)` });
  const { created, ...customer } = row!;
  return { customer, created: Boolean(created) };
}
