import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { hashPassword } from '../auth/session-service.ts';
import type { Db, Tx } from '../db/client.ts';
import {
  credentials,
  customers,
  organizations,
  people,
  supportEdges,
  units,
} from '../db/schema/index.ts';
import { type DemoCausalModel, demoCausalModel } from './causal-model.ts';
import { type DemoData, generateDemoData } from './generate.ts';
import { insertDemoFeedback, type LoadedFeedback } from './load-feedback.ts';
import { insertDemoLoop, type LoadedLoop } from './load-loop.ts';
import { insertDemoPulses, type LoadedPulses } from './load-pulses.ts';
import { DEMO_PASSWORD } from './logins.ts';

export const DEMO_ORG_SLUG = 'harbor-bank';
const BATCH_SIZE = 1000;
// One key for every process that might seed at once (e.g. a web and a worker starting together).
const DEMO_LOCK_KEY = 7_117_001;

export class DemoOrganizationExistsError extends Error {
  constructor() {
    super(`The organization '${DEMO_ORG_SLUG}' already exists (use --force to replace it)`);
    this.name = 'DemoOrganizationExistsError';
  }
}

export interface LoadedDemo {
  orgId: string;
  seed: number;
  counts: {
    units: number;
    supportEdges: number;
    people: number;
    customers: number;
    logins: number;
    interactions: number;
    invitations: number;
    responses: number;
  };
  /** The demo survey's ids and the feedback row counts. */
  feedback: LoadedFeedback;
  /** The employee surveys, programs, closed waves and their row counts. */
  pulses: LoadedPulses;
  /** The closed loop's settings ids and row counts. */
  loop: LoadedLoop;
  /** Database ids by external id, for later loading steps. */
  ids: { units: Map<string, string>; people: Map<string, string>; customers: Map<string, string> };
  data: DemoData;
}

/**
 * Generates the Harbor Savings Bank demo and inserts it in one transaction with batched
 * multi-row inserts. Refuses when the organization exists, unless `force` (which deletes it
 * first; the delete cascades to everything the organization owns).
 */
export async function loadDemoOrganization(opts: {
  db: Db;
  seed?: number;
  model?: DemoCausalModel;
  /** The demo's "today"; defaults to now. */
  asOf?: Date;
  force?: boolean;
  customerCount?: number;
  /** Interaction volume multiplier; see DEFAULT_FEEDBACK_SCALE. */
  scale?: number;
}): Promise<LoadedDemo> {
  const data = generateDemoData({
    seed: opts.seed,
    model: opts.model ?? demoCausalModel,
    asOf: opts.asOf ?? new Date(),
    customerCount: opts.customerCount,
    scale: opts.scale,
  });
  // argon2 is slow on purpose: hash once, outside the transaction, and reuse the hash.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return opts.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${DEMO_LOCK_KEY})`);
    const [existing] = await tx
      .select({ id: organizations.id })
      .from(organizations)
      .where(eq(organizations.slug, DEMO_ORG_SLUG));
    if (existing) {
      if (!opts.force) throw new DemoOrganizationExistsError();
      await clearFeedbackHistory(tx, existing.id);
      await tx.delete(organizations).where(eq(organizations.id, existing.id));
    }
    return insertDemoData(tx, data, passwordHash);
  });
}

/**
 * Loads the demo only when the database has no organization at all (first start).
 * Returns null when there was something already.
 */
export async function loadDemoIfEmpty(opts: {
  db: Db;
  seed?: number;
  asOf?: Date;
  scale?: number;
}): Promise<LoadedDemo | null> {
  const [any] = await opts.db.select({ id: organizations.id }).from(organizations).limit(1);
  if (any) return null;
  try {
    return await loadDemoOrganization({
      db: opts.db,
      seed: opts.seed,
      asOf: opts.asOf,
      scale: opts.scale,
    });
  } catch (error) {
    // Another process seeded it between our check and our lock.
    if (error instanceof DemoOrganizationExistsError) return null;
    throw error;
  }
}

async function insertDemoData(tx: Tx, data: DemoData, passwordHash: string): Promise<LoadedDemo> {
  const orgId = randomUUID();
  await tx.insert(organizations).values({ id: orgId, ...data.organization });

  const unitIds = new Map(data.units.map((u) => [u.externalId, randomUUID()]));
  const personIds = new Map(data.people.map((p) => [p.externalId, randomUUID()]));
  const customerIds = new Map(data.customers.map((c) => [c.externalId, randomUUID()]));
  const managerOf = new Map(
    data.people.filter((p) => p.manages).map((p) => [p.manages!, personIds.get(p.externalId)!]),
  );

  // Units reference their manager and people reference their unit: insert units without
  // managers, then people, then set the managers.
  await insertBatched(
    tx,
    units,
    data.units.map((u) => ({
      id: unitIds.get(u.externalId)!,
      orgId,
      externalId: u.externalId,
      parentId: u.parentExternalId ? unitIds.get(u.parentExternalId)! : null,
      name: u.name,
      level: u.level,
      kind: u.kind,
    })),
  );
  await insertBatched(
    tx,
    supportEdges,
    data.supportEdges.map((e) => ({
      orgId,
      fromUnitId: unitIds.get(e.fromExternalId)!,
      toUnitId: unitIds.get(e.toExternalId)!,
    })),
  );
  await insertBatched(
    tx,
    people,
    data.people.map((p) => ({
      id: personIds.get(p.externalId)!,
      orgId,
      externalId: p.externalId,
      name: p.name,
      email: p.email,
      unitId: unitIds.get(p.unitExternalId)!,
      roles: p.roles,
      hireDate: p.hireDate,
      exitDate: p.exitDate,
      payBand: p.payBand,
    })),
  );
  const assignments = [...managerOf].map(
    ([unit, person]) => sql`(${unitIds.get(unit)!}::uuid, ${person}::uuid)`,
  );
  await tx.execute(sql`
    update units set manager_id = m.person_id
    from (values ${sql.join(assignments, sql`, `)}) as m(unit_id, person_id)
    where units.id = m.unit_id`);

  // Everyone who leads, analyses or administers can sign in, plus the demo employee.
  const withLogin = data.people.filter(
    (p) => !p.exitDate && (p.demoLogin || p.roles.some((r) => r !== 'employee')),
  );
  await insertBatched(
    tx,
    credentials,
    withLogin.map((p) => ({
      personId: personIds.get(p.externalId)!,
      orgId,
      email: p.email.toLowerCase(),
      passwordHash,
    })),
  );
  await insertBatched(
    tx,
    customers,
    data.customers.map((c) => ({
      id: customerIds.get(c.externalId)!,
      orgId,
      externalId: c.externalId,
      name: c.name,
      email: c.email,
      attributes: {
        homeBranch: c.homeBranchExternalId,
        segment: c.segment,
        customerSince: c.customerSince,
      },
    })),
  );
  const feedback = await insertDemoFeedback(tx, data.feedback, {
    orgId,
    units: unitIds,
    people: personIds,
    customers: customerIds,
    publisherExternalId: data.people.find((p) => p.demoLogin === 'admin')!.externalId,
  });
  const pulses = await insertDemoPulses(tx, data.pulses, {
    orgId,
    units: unitIds,
    publisherId: personIds.get(data.people.find((p) => p.demoLogin === 'admin')!.externalId)!,
  });
  const loop = await insertDemoLoop(tx, data.loop, {
    orgId,
    currency: data.organization.currency,
    since: new Date(data.feedback.survey.publishedAt),
    units: unitIds,
    people: personIds,
    customers: customerIds,
  });
  return {
    orgId,
    seed: data.seed,
    counts: {
      units: data.units.length,
      supportEdges: data.supportEdges.length,
      people: data.people.length,
      customers: data.customers.length,
      logins: withLogin.length,
      interactions: feedback.counts.interactions,
      invitations: feedback.counts.invitations,
      responses: feedback.counts.responses,
    },
    feedback,
    pulses,
    loop,
    ids: { units: unitIds, people: personIds, customers: customerIds },
    data,
  };
}

/**
 * Empties the feedback tables before the organization's cascading delete when they hold only
 * this organization's rows. Without it the cascade checks every deleted customer against
 * interactions, invitations and responses by customer_id / interaction_id, columns with no
 * index of their own (their indexes lead with org_id), which takes minutes for the demo's
 * history. When another organization has rows there, or a newer table references these, the
 * savepoint rolls back and the ordinary cascade does the work.
 */
async function clearFeedbackHistory(tx: Tx, orgId: string): Promise<void> {
  const others = await tx.execute(sql`
    select exists (select 1 from interactions where org_id <> ${orgId})
        or exists (select 1 from invitations where org_id <> ${orgId})
        or exists (select 1 from responses where org_id <> ${orgId}) as shared`);
  const [row] = (others as unknown as { rows: Array<{ shared: boolean }> }).rows;
  if (row?.shared) return;
  try {
    await tx.transaction(async (sp) => {
      // Cases and what hangs on them reference responses: they go in the same truncate.
      await sp.execute(sql`truncate case_events, case_resurveys, recovery_actions, cases,
        response_scores, responses, invitations, interactions`);
    });
  } catch {
    // Referenced by a table this function does not know: fall back to the cascade.
  }
}

async function insertBatched<T extends PgTable>(
  tx: Tx,
  table: T,
  rows: Array<T['$inferInsert']>,
): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH_SIZE) {
    await tx.insert(table).values(rows.slice(i, i + BATCH_SIZE));
  }
}
