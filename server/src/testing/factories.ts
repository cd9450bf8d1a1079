import { randomBytes } from 'node:crypto';
import type { Role } from '@valueloop/contracts';
import { hashPassword } from '../auth/session-service.ts';
import type { Db } from '../db/client.ts';
import {
  credentials,
  customers,
  organizations,
  people,
  supportEdges,
  units,
} from '../db/schema/index.ts';

const uniq = () => randomBytes(4).toString('hex');
export const TEST_PASSWORD = 'correct horse battery staple';
let cachedHash: Promise<string> | null = null;

export async function createOrganization(
  db: Db,
  overrides: Partial<typeof organizations.$inferInsert> = {},
) {
  const id = uniq();
  const [org] = await db
    .insert(organizations)
    .values({ slug: `org-${id}`, name: `Org ${id}`, ...overrides })
    .returning();
  return org!;
}

export async function createUnit(
  db: Db,
  orgId: string,
  overrides: Partial<typeof units.$inferInsert> = {},
) {
  const id = uniq();
  const [unit] = await db
    .insert(units)
    .values({
      orgId,
      externalId: `U-${id}`,
      name: `Unit ${id}`,
      level: 'team',
      kind: 'front_line',
      ...overrides,
    })
    .returning();
  return unit!;
}

/** A person who can sign in with TEST_PASSWORD. */
export async function createPerson(
  db: Db,
  orgId: string,
  overrides: Partial<typeof people.$inferInsert> & { roles?: Role[] } = {},
) {
  const id = uniq();
  const [person] = await db
    .insert(people)
    .values({
      orgId,
      externalId: `P-${id}`,
      name: `Person ${id}`,
      email: `person-${id}@example.test`,
      roles: ['employee'],
      hireDate: '2024-01-15',
      ...overrides,
    })
    .returning();
  cachedHash ??= hashPassword(TEST_PASSWORD);
  await db.insert(credentials).values({
    personId: person!.id,
    orgId,
    email: person!.email.toLowerCase(),
    passwordHash: await cachedHash,
  });
  return person!;
}

export async function createSupportEdge(
  db: Db,
  orgId: string,
  edge: { fromUnitId: string; toUnitId: string },
) {
  const [row] = await db
    .insert(supportEdges)
    .values({ orgId, ...edge })
    .returning();
  return row!;
}

export async function createCustomer(
  db: Db,
  orgId: string,
  overrides: Partial<typeof customers.$inferInsert> = {},
) {
  const id = uniq();
  const [row] = await db
    .insert(customers)
    .values({ orgId, externalId: `C-${id}`, name: `Customer ${id}`, ...overrides })
    .returning();
  return row!;
}
