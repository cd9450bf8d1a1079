import {
  type BusinessHours,
  businessHoursSchema,
  type CaseRuleBody,
  caseRuleBodySchema,
  recoveryAllowanceBodySchema,
  recoveryTypes,
} from '@valueloop/contracts';
import { z } from 'zod';
import settings from './data/loop.json' with { type: 'json' };

/**
 * The true parameters of the demo's closed loop: how fast cases are handled, how often the SLA
 * breaks, who recovers with what, how re-survey answers move. Handling times are business
 * minutes (the SLA clock of the organization's opening hours). See README.md ("Closed loop").
 */
export const demoLoopModel = {
  /** First action (business minutes after opening): log-normal with this median and σ. */
  firstAction: { medianMinutes: 75, sigma: 0.9 },
  /**
   * Resolution time as a share of the rule's SLA: log-normal, median 0.45, σ 0.62, so about
   * 10 % of cases exceed their SLA (breach, escalated one level) and a long right tail remains.
   */
  resolution: { medianShareOfSla: 0.45, sigma: 0.62 },
  /** Resolved cases are closed this many business minutes later (2 business days). */
  closeAfterMinutes: 2 * 8 * 60,
  /**
   * The inbox at `asOf`: cases opened in the last `recentDays` days are still being worked with
   * probability `recentShare` (mostly within their SLA), older ones up to `days` days with
   * probability `share` (overdue by then); the rest follow their drawn handling time.
   */
  backlog: { recentDays: 4, recentShare: 0.85, days: 14, share: 0.3 },
  /** An open case is "at risk" (notified) when less than this share of its SLA is left. */
  atRiskShare: 0.2,
  /** The demo branch keeps at least this many open cases for its manager and employee. */
  demoBranchOpen: { manager: 4, employee: 2 },
  /** Shares of handled cases with a reply to the customer, and of replies re-surveyed and answered. */
  replyShare: 0.6,
  resurveyAnswerShare: 0.4,
  /** Re-survey CSAT (1–5) = original CSAT + gain + N(0, 0.8), rounded and clamped to 1–5. */
  resurveyGain: { replyOnly: 1, withRecovery: 2, recoveryRejected: 0.5 },
  /** Share of dissatisfied responses (detractor, low CVI) whose case gets a recovery action. */
  recoveryShare: 0.35,
  recoveryTypeWeights: { refund: 0.35, credit: 0.25, gift: 0.2, upgrade: 0.1, other: 0.1 },
  /** Typical amounts (organization currency) by type; a few exceed the employee cap. */
  recoveryAmounts: {
    refund: [5, 10, 12.5, 15, 20, 25, 35, 45],
    credit: [10, 15, 20, 25, 50],
    gift: [10, 15, 20, 25, 30],
    upgrade: [0, 12, 24, 60],
    other: [5, 8, 15, 40],
  },
  /** Approval of an above-allowance request: share approved; decision delay (business minutes). */
  approval: { approvedShare: 0.8, medianMinutes: 180 },
  /** Root causes: Zipf exponent of each unit's own ranking of the leaf causes (Pareto-like). */
  rootCauseZipf: 1.3,
  /** Rule keys whose root causes lean to these leaves (weight multiplier). */
  ruleCauseAffinity: {
    promise_broken: { 'Communication/No call back': 3, 'Process/Handoffs between teams': 2 },
    complaint_words: { 'People/Attitude': 4, 'Systems/Outage': 2 },
    low_cvi: { 'Product/Fees': 2, 'Process/Paperwork': 1.5 },
  } as Record<string, Record<string, number>>,
  /** Window (days) before an action plan's creation and before its follow-up for the measures. */
  planWindowDays: 90,
  /** Days after a case opens in which a later interaction counts as the customer coming back. */
  comeBackDays: 90,
} as const;

export type DemoLoopModel = typeof demoLoopModel;

const ruleSettingSchema = caseRuleBodySchema
  .omit({ owner: true, surveyId: true, active: true })
  .extend({
    key: z.string(),
    owner: z.discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('serving_employee') }),
      z.strictObject({ kind: z.literal('unit_manager') }),
      // The queue's id exists only once loaded: the rule names "the demo queue".
      z.strictObject({ kind: z.literal('queue') }),
    ]),
  });
export type DemoRuleSetting = z.infer<typeof ruleSettingSchema> & {
  conditions: CaseRuleBody['conditions'];
};

const planSettingSchema = z.object({
  scope: z.enum(['demo_branch', 'demo_region']),
  title: z.string(),
  description: z.string(),
  status: z.enum(['planned', 'in_progress', 'done', 'dropped']),
  createdDaysAgo: z.number().int().min(1),
  dueInDays: z.number().int().min(1),
  followUpWeeks: z.number().int().min(1),
  links: z.array(
    z.object({ kind: z.enum(['root_cause', 'customer_theme', 'pulse_item']), ref: z.string() }),
  ),
});

const loopSettingsSchema = z.object({
  businessHours: businessHoursSchema,
  rootCauses: z.array(z.object({ name: z.string(), children: z.array(z.string()) })),
  queue: z.object({ name: z.string(), unitExternalId: z.string(), members: z.number().int() }),
  rules: z.array(ruleSettingSchema),
  allowances: z.array(recoveryAllowanceBodySchema.omit({ unitId: true })),
  notes: z.object({
    first: z.array(z.string()).min(1),
    followUp: z.array(z.string()).min(1),
    resolution: z.array(z.string()).min(1),
  }),
  replies: z.array(z.object({ subject: z.string(), body: z.string() })).min(1),
  recoveryNotes: z.object(
    Object.fromEntries(recoveryTypes.map((t) => [t, z.array(z.string()).min(1)])) as Record<
      (typeof recoveryTypes)[number],
      z.ZodArray<z.ZodString>
    >,
  ),
  actionPlans: z.array(planSettingSchema),
});
export type DemoLoopSettings = z.infer<typeof loopSettingsSchema> & {
  businessHours: BusinessHours;
};

/** The settings in data/loop.json, validated by the same schemas the API uses. */
export function demoLoopSettings(): DemoLoopSettings {
  return loopSettingsSchema.parse(settings);
}
