import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

export const organizations = pgTable('organizations', {
  id: uuid('id').primaryKey().defaultRandom(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  currency: text('currency').notNull().default('USD'),
  /** Minimum group size for employee results; configurable upward only (floor 3 enforced in code). */
  minGroupSize: integer('min_group_size').notNull().default(5),
  /** Minimum group size for employee comments; never below minGroupSize. */
  minCommentGroupSize: integer('min_comment_group_size').notNull().default(10),
  createdAt: createdAt(),
});

export const units = pgTable(
  'units',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    externalId: text('external_id').notNull(),
    parentId: uuid('parent_id').references((): AnyPgColumn => units.id),
    name: text('name').notNull(),
    /** Level in the tree, e.g. region, branch, team. */
    level: text('level').notNull(),
    kind: text('kind', { enum: ['front_line', 'back_office'] }).notNull(),
    managerId: uuid('manager_id').references((): AnyPgColumn => people.id, {
      onDelete: 'set null',
    }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('units_org_external_uq').on(t.orgId, t.externalId),
    index('units_org_parent_idx').on(t.orgId, t.parentId),
  ],
);

/** A back-office unit (from) serves another unit (to). */
export const supportEdges = pgTable(
  'support_edges',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    fromUnitId: uuid('from_unit_id')
      .notNull()
      .references(() => units.id, { onDelete: 'cascade' }),
    toUnitId: uuid('to_unit_id')
      .notNull()
      .references(() => units.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.fromUnitId, t.toUnitId] }),
    index('support_edges_org_to_idx').on(t.orgId, t.toUnitId),
  ],
);

export const roleValues = ['admin', 'analyst', 'executive', 'manager', 'employee'] as const;

export const people = pgTable(
  'people',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    externalId: text('external_id').notNull(),
    name: text('name').notNull(),
    email: text('email').notNull(),
    unitId: uuid('unit_id').references((): AnyPgColumn => units.id, { onDelete: 'set null' }),
    roles: text('roles').array().notNull().default(sql`ARRAY['employee']::text[]`),
    hireDate: date('hire_date', { mode: 'string' }),
    exitDate: date('exit_date', { mode: 'string' }),
    exitReason: text('exit_reason', { enum: ['voluntary', 'involuntary', 'other'] }),
    payBand: text('pay_band'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('people_org_external_uq').on(t.orgId, t.externalId),
    uniqueIndex('people_org_email_uq').on(t.orgId, sql`lower(${t.email})`),
    index('people_org_unit_idx').on(t.orgId, t.unitId),
    index('people_org_name_idx').on(t.orgId, t.name, t.id),
  ],
);

export const customers = pgTable(
  'customers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    externalId: text('external_id').notNull(),
    name: text('name'),
    email: text('email'),
    attributes: jsonb('attributes').$type<Record<string, string | number | boolean | null>>(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('customers_org_external_uq').on(t.orgId, t.externalId)],
);
