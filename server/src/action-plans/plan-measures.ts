import type { ActionPlanLink } from '@valueloop/contracts';
import { and, count, eq, gt, inArray, isNotNull, lte, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { cases, responses } from '../db/schema/index.ts';
import { mentionsTheme } from './comment-words.ts';
import { latestPulseCell } from './pulse-item-cell.ts';
import { unitSubtreeIds } from './unit-subtree.ts';

const DAY_MS = 86_400_000;
/** The baseline looks back this far from the plan's creation. */
export const BASELINE_DAYS = 90;

/** The key of a link's measure in `baseline` / `follow_up` (pulse items by their bare code). */
export function measureKey(link: ActionPlanLink): string {
  switch (link.kind) {
    case 'pulse_item':
      return link.ref;
    case 'root_cause':
      return `root_cause:${link.ref}`;
    case 'customer_theme':
      return `theme:${link.ref}`;
  }
}

export interface MeasureWindow {
  /** Exclusive start and inclusive end of the customer and case window. */
  from: Date;
  to: Date;
  /** Pulse cells: the latest released by `to`, and after `pulseAfter` when given. */
  pulseAfter?: Date;
}

/** The window of a plan's baseline: the 90 days before creation, any pulse released by then. */
export const baselineWindow = (createdAt: Date): MeasureWindow => ({
  from: new Date(createdAt.getTime() - BASELINE_DAYS * DAY_MS),
  to: createdAt,
});

/** The window of the follow-up: creation to now, pulse cells released since creation. */
export const followUpWindow = (createdAt: Date, now: Date): MeasureWindow => ({
  from: createdAt,
  to: now,
  pulseAfter: createdAt,
});

const round1 = (x: number) => Math.round(x * 10) / 10;

/**
 * The measures a plan tracks over one window, for the unit and its subtree: customer CVI
 * (mean) and NPS (% promoters − % detractors) always, plus one per link — a pulse item's mean
 * from the latest released, shown pulse cell; a root cause's cases and a theme's mentions in
 * comments, each per 30 days.
 */
export async function measurePlan(opts: {
  db: DbOrTx;
  orgId: string;
  unitId: string;
  links: readonly ActionPlanLink[];
  window: MeasureWindow;
}): Promise<Record<string, number | null>> {
  const { db, orgId, window } = opts;
  const unitIds = await unitSubtreeIds({ db, orgId, unitId: opts.unitId });
  const days = Math.max(1, (window.to.getTime() - window.from.getTime()) / DAY_MS);
  const per30 = (n: number) => round1((n * 30) / days);
  const inWindow = and(
    eq(responses.orgId, orgId),
    inArray(responses.unitId, unitIds),
    eq(responses.status, 'complete'),
    gt(responses.submittedAt, window.from),
    lte(responses.submittedAt, window.to),
  );

  const [customer] = await db
    .select({
      cvi: sql<number | null>`avg(${responses.cvi})::float8`,
      rated: count(responses.npsCategory),
      promoters: sql<number>`count(*) filter (where ${responses.npsCategory} = 'promoter')::int`,
      detractors: sql<number>`count(*) filter (where ${responses.npsCategory} = 'detractor')::int`,
    })
    .from(responses)
    .where(inWindow);
  const rated = Number(customer?.rated ?? 0);
  const out: Record<string, number | null> = {
    cvi: customer?.cvi == null ? null : round1(Number(customer.cvi)),
    nps: rated === 0 ? null : round1((100 * (customer!.promoters - customer!.detractors)) / rated),
  };

  const pulseItems = opts.links.filter((l) => l.kind === 'pulse_item');
  if (pulseItems.length > 0) {
    const cell = await latestPulseCell({
      db,
      orgId,
      unitId: opts.unitId,
      releasedBy: window.to,
      releasedAfter: window.pulseAfter,
    });
    for (const link of pulseItems) {
      const mean = cell?.means?.[link.ref];
      out[measureKey(link)] = typeof mean === 'number' ? round1(mean) : null;
    }
  }

  const rootCauseIds = opts.links.filter((l) => l.kind === 'root_cause').map((l) => l.ref);
  if (rootCauseIds.length > 0) {
    const rows = await db
      .select({ rootCauseId: cases.rootCauseId, n: count() })
      .from(cases)
      .where(
        and(
          eq(cases.orgId, orgId),
          inArray(cases.unitId, unitIds),
          inArray(cases.rootCauseId, rootCauseIds),
          gt(cases.openedAt, window.from),
          lte(cases.openedAt, window.to),
        ),
      )
      .groupBy(cases.rootCauseId);
    const counts = new Map(rows.map((r) => [r.rootCauseId, Number(r.n)]));
    for (const id of rootCauseIds) out[`root_cause:${id}`] = per30(counts.get(id) ?? 0);
  }

  const themes = opts.links.filter((l) => l.kind === 'customer_theme').map((l) => l.ref);
  if (themes.length > 0) {
    const comments = await db
      .select({ comment: responses.comment })
      .from(responses)
      .where(and(inWindow, isNotNull(responses.comment)));
    for (const theme of themes) {
      const n = comments.filter((c) => mentionsTheme(c.comment ?? '', theme)).length;
      out[`theme:${theme}`] = per30(n);
    }
  }
  return out;
}
