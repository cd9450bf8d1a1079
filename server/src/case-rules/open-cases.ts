import type { BusinessHours, CaseRuleCondition } from '@valueloop/contracts';
import { and, eq } from 'drizzle-orm';
import { addBusinessMinutes, businessHoursOf } from '../cases/business-time.ts';
import type { DbOrTx } from '../db/client.ts';
import { caseEvents, caseResurveys, caseRules, cases } from '../db/schema/index.ts';
import type { JobHandler } from '../jobs/worker.ts';
import { notify } from '../notifications/notify.ts';
import { createOwnerResolver } from './case-owner.ts';
import { evaluateRule, type ResponseFacts } from './evaluate.ts';
import { loadRuleSubjects, type RuleSubject } from './response-facts.ts';

/** The consumer queue of `response.received` that opens cases. */
export const OPEN_CASES_QUEUE = 'cases.open';

type ActiveRule = Pick<
  typeof caseRules.$inferSelect,
  'id' | 'name' | 'surveyId' | 'conditions' | 'priority' | 'owner' | 'slaHours'
>;

async function activeRulesOf(db: DbOrTx, orgId: string): Promise<ActiveRule[]> {
  return db
    .select({
      id: caseRules.id,
      name: caseRules.name,
      surveyId: caseRules.surveyId,
      conditions: caseRules.conditions,
      priority: caseRules.priority,
      owner: caseRules.owner,
      slaHours: caseRules.slaHours,
    })
    .from(caseRules)
    .where(and(eq(caseRules.orgId, orgId), eq(caseRules.active, true)));
}

/** The score that best explains a match, for the title: "NPS 3", "CVI 38", "promise broken". */
function keyScore(conditions: readonly CaseRuleCondition[], facts: ResponseFacts): string | null {
  const round = (n: number) => String(Math.round(n * 10) / 10);
  for (const condition of conditions) {
    if (condition.kind === 'score') {
      const value =
        facts.scores[condition.field as keyof ResponseFacts['scores']] ??
        facts.items[condition.field];
      if (value !== undefined && value !== null) {
        const label = condition.field.length <= 4 ? condition.field.toUpperCase() : condition.field;
        return `${label} ${round(value)}`;
      }
    }
    if (condition.kind === 'nps_category' && facts.scores.nps !== null) {
      return `NPS ${facts.scores.nps}`;
    }
    if (condition.kind === 'promise_broken') return 'promise broken';
  }
  if (facts.scores.nps !== null) return `NPS ${facts.scores.nps}`;
  return facts.scores.cvi === null ? null : `CVI ${round(facts.scores.cvi)}`;
}

/** "Detractor (NPS 3) at Portland Harborfront". */
export function caseTitle(rule: ActiveRule, subject: RuleSubject): string {
  const score = keyScore(rule.conditions, subject.facts);
  const where = subject.unitName ? ` at ${subject.unitName}` : '';
  return `${rule.name}${score ? ` (${score})` : ''}${where}`.slice(0, 300);
}

/** Re-survey answers ("did we put it right?") join their case; they open no new one. */
async function isResurveyAnswer(db: DbOrTx, subject: RuleSubject): Promise<boolean> {
  if (!subject.invitationId) return false;
  const [row] = await db
    .select({ caseId: caseResurveys.caseId })
    .from(caseResurveys)
    .where(eq(caseResurveys.invitationId, subject.invitationId));
  return row !== undefined;
}

const dueText = (slaHours: number) => `${slaHours} business hour${slaHours === 1 ? '' : 's'}`;

export interface OpenCasesOptions {
  db: DbOrTx;
  orgId: string;
  responseId: string;
  publicUrl: string;
  now?: Date;
  /** Rules of the organization, when the caller already loaded them (bench, batches). */
  rules?: ActiveRule[];
  /** Test hook: runs after each case insert (a throw simulates a crash mid-way). */
  afterCaseOpened?: (caseId: string) => Promise<void> | void;
}

/**
 * Opens one case per matching active rule for a customer response. Idempotent: the insert
 * is `ON CONFLICT (response_id, rule_id) DO NOTHING`, and only a case this call inserted gets
 * its "opened" event and notifications, so a rerun (retry, duplicate job) changes nothing.
 * Run it in one transaction (the worker does) so a crash midway leaves no partial work.
 */
export async function openCasesForResponse(opts: OpenCasesOptions): Promise<string[]> {
  const { db, orgId } = opts;
  const [subject] = await loadRuleSubjects({ db, orgId, responseIds: [opts.responseId] });
  if (!subject || (await isResurveyAnswer(db, subject))) return [];
  const rules = opts.rules ?? (await activeRulesOf(db, orgId));
  const matching = rules.filter((rule) => evaluateRule(rule, subject.facts));
  if (matching.length === 0) return [];
  const openedAt = opts.now ?? new Date();
  const hours: BusinessHours = await businessHoursOf(db, orgId);
  const ownerOf = createOwnerResolver({
    db,
    orgId,
    unitId: subject.unitId,
    employeeId: subject.employeeId,
  });
  const opened: string[] = [];
  for (const rule of matching) {
    const ownership = await ownerOf(rule.owner);
    const title = caseTitle(rule, subject);
    const [row] = await db
      .insert(cases)
      .values({
        orgId,
        responseId: subject.facts.responseId,
        ruleId: rule.id,
        customerId: subject.customerId,
        unitId: subject.unitId,
        employeeId: subject.employeeId,
        ownerId: ownership.ownerId,
        queueId: ownership.queueId,
        title,
        priority: rule.priority,
        openedAt,
        dueAt: addBusinessMinutes(openedAt, rule.slaHours * 60, hours),
      })
      .onConflictDoNothing({ target: [cases.responseId, cases.ruleId] })
      .returning({ id: cases.id });
    if (!row) continue;
    await db.insert(caseEvents).values({
      orgId,
      caseId: row.id,
      at: openedAt,
      kind: 'opened',
      data: {
        ruleId: rule.id,
        rule: rule.name,
        matched: rule.conditions,
        ownerId: ownership.ownerId,
        queueId: ownership.queueId,
      },
    });
    for (const personId of ownership.notifyIds) {
      await notify({
        db,
        orgId,
        personId,
        kind: 'case_assigned',
        title: ownership.queueId ? `New case in your queue: ${title}` : `New case: ${title}`,
        body: `A customer response opened this case (${rule.priority} priority). It is due within ${dueText(rule.slaHours)}.`,
        link: `/cases/${row.id}`,
        dedupeKey: `case_assigned:${row.id}`,
        publicUrl: opts.publicUrl,
      });
    }
    opened.push(row.id);
    await opts.afterCaseOpened?.(row.id);
  }
  return opened;
}

/** The `cases.open` job: `subjectId` of a `response.received` event is the response id. */
export function openCasesHandler(deps: { publicUrl: string }): JobHandler {
  return async ({ db, job }) => {
    const responseId = job.payload.subjectId;
    if (typeof responseId !== 'string' || !job.orgId) return;
    await openCasesForResponse({ db, orgId: job.orgId, responseId, publicUrl: deps.publicUrl });
  };
}
