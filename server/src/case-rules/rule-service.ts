import type { CaseRule, CaseRuleBody } from '@valueloop/contracts';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { auditLog, caseRules } from '../db/schema/index.ts';
import { AppError, notFound } from '../http/errors.ts';
import { validateRule } from './validate-rule.ts';

type CaseRuleRow = typeof caseRules.$inferSelect;

/** The public fields of a rule. */
export function presentCaseRule(row: CaseRuleRow): CaseRule {
  return {
    id: row.id,
    name: row.name,
    active: row.active,
    surveyId: row.surveyId,
    conditions: row.conditions,
    priority: row.priority,
    owner: row.owner,
    slaHours: row.slaHours,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

async function audit(
  db: DbOrTx,
  opts: {
    orgId: string;
    actorId: string;
    action: string;
    ruleId: string;
    detail?: Record<string, unknown>;
  },
) {
  await db.insert(auditLog).values({
    orgId: opts.orgId,
    actorPersonId: opts.actorId,
    action: opts.action,
    entityType: 'case_rule',
    entityId: opts.ruleId,
    detail: opts.detail ?? {},
  });
}

async function findRule(db: DbOrTx, orgId: string, ruleId: string): Promise<CaseRuleRow> {
  const [row] = await db
    .select()
    .from(caseRules)
    .where(and(eq(caseRules.orgId, orgId), eq(caseRules.id, ruleId)));
  if (!row) throw notFound('Case rule');
  return row;
}

export async function listCaseRules(opts: { db: DbOrTx; orgId: string }): Promise<CaseRule[]> {
  const rows = await opts.db
    .select()
    .from(caseRules)
    .where(eq(caseRules.orgId, opts.orgId))
    .orderBy(asc(caseRules.name), asc(caseRules.id));
  return rows.map(presentCaseRule);
}

export async function getCaseRule(opts: {
  db: DbOrTx;
  orgId: string;
  ruleId: string;
}): Promise<CaseRule> {
  return presentCaseRule(await findRule(opts.db, opts.orgId, opts.ruleId));
}

export async function createCaseRule(opts: {
  db: DbOrTx;
  orgId: string;
  actorId: string;
  body: CaseRuleBody;
}): Promise<CaseRule> {
  const { db, orgId, body } = opts;
  await validateRule({ db, orgId, rule: body });
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(caseRules)
      .values({ orgId, ...body })
      .returning();
    await audit(tx, { orgId, actorId: opts.actorId, action: 'case_rule.created', ruleId: row!.id });
    return presentCaseRule(row!);
  });
}

/** Changes a rule if `version` is still current; a stale version gets 409 with the current one. */
export async function updateCaseRule(opts: {
  db: DbOrTx;
  orgId: string;
  actorId: string;
  ruleId: string;
  body: Partial<CaseRuleBody> & { version: number };
}): Promise<CaseRule> {
  const { db, orgId, ruleId } = opts;
  const { version, ...changes } = opts.body;
  const current = await findRule(db, orgId, ruleId);
  const merged: CaseRuleBody = {
    name: changes.name ?? current.name,
    active: changes.active ?? current.active,
    surveyId: changes.surveyId === undefined ? current.surveyId : changes.surveyId,
    conditions: changes.conditions ?? current.conditions,
    priority: changes.priority ?? current.priority,
    owner: changes.owner ?? current.owner,
    slaHours: changes.slaHours ?? current.slaHours,
  };
  await validateRule({ db, orgId, rule: merged });
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(caseRules)
      .set({ ...merged, version: sql`${caseRules.version} + 1`, updatedAt: new Date() })
      .where(
        and(eq(caseRules.orgId, orgId), eq(caseRules.id, ruleId), eq(caseRules.version, version)),
      )
      .returning();
    if (!row) {
      const latest = await findRule(tx, orgId, ruleId);
      throw new AppError(
        'conflict',
        `The rule was changed meanwhile: version ${version} is stale, the current version is ${latest.version}`,
        { errors: [{ field: 'body.version', message: `current version is ${latest.version}` }] },
      );
    }
    await audit(tx, {
      orgId,
      actorId: opts.actorId,
      action: 'case_rule.updated',
      ruleId,
      detail: { fields: Object.keys(changes) },
    });
    return presentCaseRule(row);
  });
}

/** Deletes a rule; cases it opened stay and keep a null rule (FK set null). */
export async function deleteCaseRule(opts: {
  db: DbOrTx;
  orgId: string;
  actorId: string;
  ruleId: string;
}): Promise<void> {
  const { db, orgId, ruleId } = opts;
  await db.transaction(async (tx) => {
    const deleted = await tx
      .delete(caseRules)
      .where(and(eq(caseRules.orgId, orgId), eq(caseRules.id, ruleId)))
      .returning({ name: caseRules.name });
    if (deleted.length === 0) throw notFound('Case rule');
    await audit(tx, {
      orgId,
      actorId: opts.actorId,
      action: 'case_rule.deleted',
      ruleId,
      detail: { name: deleted[0]!.name },
    });
  });
}
