import { timestamp, uuid } from 'drizzle-orm/pg-core';
import { organizations } from './org.ts';

/** Column builders shared by the tenant tables. */
export const ts = (name: string) => timestamp(name, { withTimezone: true });

/** The tenant column: every tenant table has it, and deleting an organization removes its rows. */
export const orgRef = () =>
  uuid('org_id')
    .notNull()
    .references(() => organizations.id, { onDelete: 'cascade' });
