import type { FieldError, InteractionInput, InteractionResult } from '@valueloop/contracts';
import { and, desc, eq, inArray, isNotNull, max, sql } from 'drizzle-orm';
import { randomToken, sha256 } from '../auth/secrets.ts';
import type { Db, Tx } from '../db/client.ts';
import {
  customerOptOuts,
  customers,
  interactions,
  invitations,
  people,
  surveys,
  units,
} from '../db/schema/index.ts';
import { validationFailed } from '../http/errors.ts';
import { scheduleInvitationReminder } from '../invitations/reminders.ts';
import { queueEmail } from '../mail/queue-email.ts';
import { decideInvitation } from './invitation-rules.ts';

interface Resolved {
  unitIds: Map<string, string>;
  personIds: Map<string, string>;
}

async function resolveReferences(
  db: Db,
  orgId: string,
  items: InteractionInput[],
): Promise<Resolved> {
  const unitExt = [...new Set(items.map((i) => i.unitExternalId))];
  const personExt = [...new Set(items.flatMap((i) => i.employeeExternalIds))];
  const unitRows = await db
    .select({ id: units.id, externalId: units.externalId })
    .from(units)
    .where(and(eq(units.orgId, orgId), inArray(units.externalId, unitExt)));
  const personRows = personExt.length
    ? await db
        .select({ id: people.id, externalId: people.externalId })
        .from(people)
        .where(and(eq(people.orgId, orgId), inArray(people.externalId, personExt)))
    : [];
  return {
    unitIds: new Map(unitRows.map((r) => [r.externalId, r.id])),
    personIds: new Map(personRows.map((r) => [r.externalId, r.id])),
  };
}

function checkItems(items: InteractionInput[], resolved: Resolved): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  items.forEach((item, i) => {
    const at = `body.items.${i}`;
    if (seen.has(item.externalId))
      errors.push({
        field: `${at}.externalId`,
        message: `'${item.externalId}' appears twice in this batch`,
      });
    seen.add(item.externalId);
    if (!resolved.unitIds.has(item.unitExternalId)) {
      errors.push({
        field: `${at}.unitExternalId`,
        message: `no unit with external id '${item.unitExternalId}'`,
      });
    }
    item.employeeExternalIds.forEach((e, k) => {
      if (!resolved.personIds.has(e))
        errors.push({
          field: `${at}.employeeExternalIds.${k}`,
          message: `no person with external id '${e}'`,
        });
    });
    const occurred = Date.parse(item.occurredAt);
    if (item.completedAt && Date.parse(item.completedAt) < occurred) {
      errors.push({ field: `${at}.completedAt`, message: 'is before occurredAt' });
    }
    if (item.promisedAt && Date.parse(item.promisedAt) < occurred) {
      errors.push({ field: `${at}.promisedAt`, message: 'is before occurredAt' });
    }
  });
  return errors;
}

async function upsertCustomers(tx: Tx, orgId: string, items: InteractionInput[]) {
  const byExt = new Map(items.map((i) => [i.customer.externalId, i.customer]));
  const rows = await tx
    .insert(customers)
    .values(
      [...byExt.values()].map((c) => ({
        orgId,
        externalId: c.externalId,
        name: c.name ?? null,
        email: c.email ?? null,
      })),
    )
    .onConflictDoUpdate({
      target: [customers.orgId, customers.externalId],
      set: {
        name: sql`coalesce(excluded.name, ${customers.name})`,
        email: sql`coalesce(excluded.email, ${customers.email})`,
      },
    })
    .returning({ id: customers.id, externalId: customers.externalId, email: customers.email });
  return new Map(rows.map((r) => [r.externalId, r]));
}

async function activeCustomerSurvey(tx: Tx, orgId: string) {
  const [s] = await tx
    .select()
    .from(surveys)
    .where(
      and(
        eq(surveys.orgId, orgId),
        eq(surveys.kind, 'customer'),
        eq(surveys.status, 'active'),
        isNotNull(surveys.currentVersionId),
      ),
    )
    .orderBy(desc(surveys.updatedAt))
    .limit(1);
  return s ?? null;
}

/**
 * Stores a batch of interactions (all or nothing, idempotent by external id) and creates
 * survey invitations for the new ones by the active customer survey's distribution rules.
 */
export async function ingestInteractions(opts: {
  db: Db;
  orgId: string;
  items: InteractionInput[];
  publicUrl: string;
  now?: Date;
}): Promise<InteractionResult[]> {
  const { db, orgId, items } = opts;
  const now = opts.now ?? new Date();
  const resolved = await resolveReferences(db, orgId, items);
  const errors = checkItems(items, resolved);
  if (errors.length)
    throw validationFailed(errors, `${errors.length} problem(s) in the batch; nothing was stored`);

  return db.transaction(async (tx) => {
    const customerByExt = await upsertCustomers(tx, orgId, items);
    const inserted = await tx
      .insert(interactions)
      .values(
        items.map((i) => ({
          orgId,
          externalId: i.externalId,
          customerId: customerByExt.get(i.customer.externalId)!.id,
          unitId: resolved.unitIds.get(i.unitExternalId)!,
          employeeIds: i.employeeExternalIds.map((e) => resolved.personIds.get(e)!),
          channel: i.channel,
          occurredAt: new Date(i.occurredAt),
          promisedAt: i.promisedAt ? new Date(i.promisedAt) : null,
          completedAt: i.completedAt ? new Date(i.completedAt) : null,
        })),
      )
      .onConflictDoNothing()
      .returning({ id: interactions.id, externalId: interactions.externalId });
    const newIds = new Map(inserted.map((r) => [r.externalId, r.id]));
    const existing = items.filter((i) => !newIds.has(i.externalId)).map((i) => i.externalId);
    const existingIds = existing.length
      ? new Map(
          (
            await tx
              .select({ id: interactions.id, externalId: interactions.externalId })
              .from(interactions)
              .where(and(eq(interactions.orgId, orgId), inArray(interactions.externalId, existing)))
          ).map((r) => [r.externalId, r.id]),
        )
      : new Map<string, string>();

    const survey = await activeCustomerSurvey(tx, orgId);
    const customerIds = [...customerByExt.values()].map((c) => c.id);
    const optedOut = new Set(
      (
        await tx
          .select({ id: customerOptOuts.customerId })
          .from(customerOptOuts)
          .where(
            and(eq(customerOptOuts.orgId, orgId), inArray(customerOptOuts.customerId, customerIds)),
          )
      ).map((r) => r.id),
    );
    const lastInvited = new Map(
      (
        await tx
          .select({ customerId: invitations.customerId, at: max(invitations.createdAt) })
          .from(invitations)
          .where(and(eq(invitations.orgId, orgId), inArray(invitations.customerId, customerIds)))
          .groupBy(invitations.customerId)
      ).map((r) => [r.customerId!, r.at]),
    );

    const results: InteractionResult[] = [];
    for (const item of items) {
      const newId = newIds.get(item.externalId);
      if (!newId) {
        results.push({
          externalId: item.externalId,
          id: existingIds.get(item.externalId)!,
          created: false,
          invitation: null,
          skippedReason: null,
        });
        continue;
      }
      const customer = customerByExt.get(item.customer.externalId)!;
      const decision = decideInvitation({
        distribution: survey?.distribution ?? null,
        interactionChannel: item.channel,
        samplingKey: `${survey?.id}:${item.externalId}`,
        optedOut: optedOut.has(customer.id),
        lastInvitedAt: lastInvited.get(customer.id) ?? null,
        hasEmail: Boolean(customer.email),
        now,
      });
      if (!decision.invite || !survey) {
        results.push({
          externalId: item.externalId,
          id: newId,
          created: true,
          invitation: null,
          skippedReason: decision.invite ? 'no_active_survey' : decision.reason,
        });
        continue;
      }
      const invitation = await createInvitation(tx, {
        orgId,
        survey,
        interactionId: newId,
        customer,
        publicUrl: opts.publicUrl,
        now,
      });
      lastInvited.set(customer.id, now);
      results.push({
        externalId: item.externalId,
        id: newId,
        created: true,
        invitation,
        skippedReason: null,
      });
    }
    return results;
  });
}

async function createInvitation(
  tx: Tx,
  opts: {
    orgId: string;
    survey: typeof surveys.$inferSelect;
    interactionId: string;
    customer: { id: string; email: string | null };
    publicUrl: string;
    now: Date;
  },
) {
  // 192 random bits; only the hash is stored, and it is unique.
  const token = randomToken(24);
  const d = opts.survey.distribution;
  const expiresAt = new Date(opts.now.getTime() + d.expiryDays * 86_400_000);
  const url = `${opts.publicUrl}/s/${token}`;
  const [row] = await tx
    .insert(invitations)
    .values({
      orgId: opts.orgId,
      surveyId: opts.survey.id,
      surveyVersionId: opts.survey.currentVersionId!,
      interactionId: opts.interactionId,
      customerId: opts.customer.id,
      tokenHash: sha256(token),
      channel: d.channel,
      expiresAt,
      sentAt: d.channel === 'email' ? opts.now : null,
    })
    .returning({ id: invitations.id });
  if (d.channel === 'email' && opts.customer.email) {
    await queueEmail({
      db: tx,
      orgId: opts.orgId,
      to: opts.customer.email,
      subject: 'How did we do? Two minutes about your visit',
      body: `Thank you for your visit. Would you tell us how it went?\n\n${url}\n\nThe link works until ${expiresAt.toDateString()}.\nTo never receive these surveys again: ${url}/opt-out`,
    });
    await scheduleInvitationReminder({
      db: tx,
      orgId: opts.orgId,
      invitationId: row!.id,
      url,
      sentAt: opts.now,
      expiresAt,
      reminderAfterDays: d.reminderAfterDays,
    });
  }
  return { id: row!.id, channel: d.channel, url, expiresAt: expiresAt.toISOString() };
}
