import type { ActionPlanSuggestions } from '@valueloop/contracts';
import { and, count, desc, eq, gt, inArray, isNotNull, lte } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { cases, responses, rootCauses } from '../db/schema/index.ts';
import { frequentWords } from './comment-words.ts';
import { pulseItemBank } from './item-bank.ts';
import { type PlanViewer, requireBodyUnit, requirePlanUnitAccess } from './plan-access.ts';
import { BASELINE_DAYS } from './plan-measures.ts';
import { latestPulseCell } from './pulse-item-cell.ts';
import { unitSubtreeIds } from './unit-subtree.ts';

const TOP = 5;
const DAY_MS = 86_400_000;
const round1 = (x: number) => Math.round(x * 10) / 10;

/**
 * Candidate links for a unit's next plan, from both directions of the chain (seed 004 #8):
 * the lowest items of the unit's latest released, shown pulse cell (the employees' obstacles),
 * and, over the last 90 days, the most frequent root causes of its cases and the words its
 * detractors use most in their comments (the customers' themes).
 */
export async function suggestActionPlanLinks(opts: {
  db: DbOrTx;
  orgId: string;
  viewer: PlanViewer;
  unitId: string;
  now?: Date;
}): Promise<ActionPlanSuggestions> {
  const { db, orgId, unitId } = opts;
  const unit = await requireBodyUnit({ db, orgId, unitId, field: 'query.unitId' });
  await requirePlanUnitAccess({ db, orgId, viewer: opts.viewer, unitId });
  const now = opts.now ?? new Date();
  const from = new Date(now.getTime() - BASELINE_DAYS * DAY_MS);
  const unitIds = await unitSubtreeIds({ db, orgId, unitId });

  const cell = await latestPulseCell({ db, orgId, unitId, releasedBy: now });
  const bank = pulseItemBank();
  const pulseItems = Object.entries(cell?.means ?? {})
    .flatMap(([code, mean]) => (bank.has(code) && typeof mean === 'number' ? [{ code, mean }] : []))
    .sort((a, b) => a.mean - b.mean || a.code.localeCompare(b.code))
    .slice(0, TOP)
    .map(({ code, mean }) => ({
      link: { kind: 'pulse_item' as const, ref: code },
      label: bank.get(code)!,
      mean: round1(mean),
      period: cell!.period,
    }));

  const causeRows = await db
    .select({ id: rootCauses.id, name: rootCauses.name, n: count() })
    .from(cases)
    .innerJoin(rootCauses, eq(rootCauses.id, cases.rootCauseId))
    .where(
      and(
        eq(cases.orgId, orgId),
        inArray(cases.unitId, unitIds),
        gt(cases.openedAt, from),
        lte(cases.openedAt, now),
      ),
    )
    .groupBy(rootCauses.id, rootCauses.name)
    .orderBy(desc(count()), rootCauses.name)
    .limit(TOP);

  const comments = await db
    .select({ comment: responses.comment })
    .from(responses)
    .where(
      and(
        eq(responses.orgId, orgId),
        inArray(responses.unitId, unitIds),
        eq(responses.npsCategory, 'detractor'),
        isNotNull(responses.comment),
        gt(responses.submittedAt, from),
        lte(responses.submittedAt, now),
      ),
    );
  const words = frequentWords(
    comments.map((c) => c.comment ?? ''),
    { top: TOP * 2, minCount: 2 },
  );

  return {
    unit: { id: unit.id, name: unit.name },
    windowDays: BASELINE_DAYS,
    pulseItems,
    rootCauses: causeRows.map((r) => ({
      link: { kind: 'root_cause' as const, ref: r.id },
      label: r.name,
      count: Number(r.n),
    })),
    commentThemes: words.map((w) => ({
      link: { kind: 'customer_theme' as const, ref: w.word },
      label: w.word,
      count: w.count,
    })),
  };
}
