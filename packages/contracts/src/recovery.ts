import { z } from 'zod';
import { isoDateSchema } from './common.ts';
import { currencySchema, moneySchema, namedRefSchema as refSchema } from './loop-common.ts';

export const recoveryTypes = ['refund', 'credit', 'gift', 'upgrade', 'other'] as const;
export const recoveryStatuses = ['taken', 'pending_approval', 'approved', 'rejected'] as const;
export const recoveryActionSchema = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  caseNumber: z.number().int(),
  takenBy: refSchema,
  unit: refSchema,
  type: z.enum(recoveryTypes),
  amount: moneySchema,
  currency: currencySchema,
  note: z.string(),
  status: z.enum(recoveryStatuses),
  decidedBy: refSchema.nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
  createdAt: z.string(),
});
export type RecoveryAction = z.infer<typeof recoveryActionSchema>;

// ---- Recovery --------------------------------------------------------------------------------

export const recoveryBodySchema = z.strictObject({
  type: z.enum(recoveryTypes),
  amount: moneySchema,
  /** Must equal the organization's currency. */
  currency: currencySchema,
  note: z.string().trim().min(1).max(2000),
});
export const recoveryDecisionBodySchema = z.strictObject({
  approve: z.boolean(),
  note: z.string().trim().max(2000).optional(),
});
export const recoveryAllowanceSchema = z.object({
  id: z.uuid(),
  role: z.enum(['employee', 'manager']),
  unitId: z.uuid().nullable(),
  perCaseCap: moneySchema,
  periodBudget: moneySchema,
  period: z.enum(['month', 'quarter']),
});
export const recoveryAllowanceBodySchema = z.strictObject({
  role: z.enum(['employee', 'manager']),
  unitId: z.uuid().nullable().default(null),
  perCaseCap: moneySchema,
  periodBudget: moneySchema,
  period: z.enum(['month', 'quarter']).default('month'),
});

// ---- Recovery ledger, ROI and the reply to the customer (helper "recovery") ------------------

export const recoveryAllowanceListSchema = z.object({ items: z.array(recoveryAllowanceSchema) });

/** The caller's own allowance as resolved now, and what they spent of it this period. */
export const myRecoveryAllowanceSchema = z.object({
  role: z.enum(['employee', 'manager']),
  /** The unit whose budget the caller's recoveries are charged to. */
  unitId: z.uuid().nullable(),
  /** Which row applied: the unit's own, an ancestor unit's, the organization-wide one, or none. */
  source: z.enum(['unit', 'ancestor', 'organization', 'none']),
  perCaseCap: moneySchema,
  periodBudget: moneySchema,
  period: z.enum(['month', 'quarter']),
  periodStart: isoDateSchema,
  spent: moneySchema,
  remaining: moneySchema,
  currency: currencySchema,
});

/** A recovery just recorded: taken on the spot, or pending approval with the reason why. */
export const recordedRecoverySchema = recoveryActionSchema.extend({
  approvalReason: z.string().nullable(),
});

export const recoveriesQuerySchema = z.strictObject({
  status: z.enum(recoveryStatuses).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export const recoveryListSchema = z.object({ items: z.array(recoveryActionSchema) });

export const recoveryLedgerQuerySchema = z.strictObject({
  unitId: z.uuid().optional(),
  personId: z.uuid().optional(),
  /** Inclusive UTC dates; default: the current month up to today. */
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
});
const moneyTotalSchema = z.object({ count: z.number().int(), amount: moneySchema });
export const recoveryLedgerSchema = z.object({
  currency: currencySchema,
  from: isoDateSchema,
  to: isoDateSchema,
  /** The most recent 500 rows; totals cover every row in range. */
  items: z.array(recoveryActionSchema),
  totals: moneyTotalSchema.extend({
    /** Spent: taken on the spot or approved (pending and rejected cost nothing). */
    spent: moneySchema,
    byType: z.array(moneyTotalSchema.extend({ type: z.enum(recoveryTypes) })),
    byStatus: z.array(moneyTotalSchema.extend({ status: z.enum(recoveryStatuses) })),
  }),
  /** Spent vs budget in the current period, per person in the ledger. */
  budgets: z.array(
    z.object({
      person: refSchema,
      unitId: z.uuid().nullable(),
      period: z.enum(['month', 'quarter']),
      periodStart: isoDateSchema,
      spent: moneySchema,
      budget: moneySchema,
    }),
  ),
});

export const recoveryRoiQuerySchema = z.strictObject({
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
  unitId: z.uuid().optional(),
  /** Assumed value of one retained customer; default: see `valueBasis`. */
  valuePerCustomer: moneySchema.optional(),
});
const roiRowSchema = z.object({
  actions: z.number().int(),
  /** Distinct recovered cases and their customers. */
  cases: z.number().int(),
  customers: z.number().int(),
  cost: moneySchema,
  /** Mean 0–100 re-survey score of these cases, and how many answers it is built from. */
  resurveyScore: z.number().nullable(),
  resurveyAnswers: z.number().int(),
  retainedCustomers: z.number().int(),
  retentionRate: z.number().nullable(),
  /** Retained customers beyond what the unrecovered baseline rate predicts (≥ 0). */
  incrementalRetained: z.number(),
  retainedValue: moneySchema.nullable(),
  /** (retained value − cost) / cost; null without a value basis or with zero cost. */
  roi: z.number().nullable(),
});
export const recoveryRoiSchema = z.object({
  currency: currencySchema,
  from: isoDateSchema,
  to: isoDateSchema,
  windowDays: z.number().int(),
  valueBasis: z.object({
    source: z.enum(['query', 'customer_attribute', 'none']),
    valuePerCustomer: moneySchema.nullable(),
    description: z.string(),
  }),
  baseline: z.object({
    /** Detractor cases in range with no recovery: how many of their customers came back. */
    cases: z.number().int(),
    retainedCustomers: z.number().int(),
    retentionRate: z.number().nullable(),
  }),
  total: roiRowSchema,
  byType: z.array(roiRowSchema.extend({ type: z.enum(recoveryTypes) })),
  byUnit: z.array(roiRowSchema.extend({ unit: refSchema })),
});
export type RecoveryRoi = z.infer<typeof recoveryRoiSchema>;
