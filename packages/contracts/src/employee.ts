import { z } from 'zod';
import { isoDateSchema } from './common.ts';

/**
 * Employee voice: pulse programs, anonymous responses, released (thresholded) results and HR
 * facts. No schema here carries a person next to an answer: results are cells that are either
 * shown (n ≥ k) or suppressed ("not enough responses", no number, no count).
 */

export const employeeSurveyKinds = [
  'employee_pulse',
  'internal_service',
  'manager_upward',
] as const;
export const employeeSurveyKindSchema = z.enum(employeeSurveyKinds);
export type EmployeeSurveyKind = z.infer<typeof employeeSurveyKindSchema>;

export const tenureBands = ['<3m', '3-12m', '1-3y', '3y+'] as const;
export const tenureBandSchema = z.enum(tenureBands);
export type TenureBandCode = z.infer<typeof tenureBandSchema>;

/** Filters a viewer may ask for; `newcomers` is <3m and 3–12m together. */
export const tenureFilters = ['all', 'newcomers', ...tenureBands] as const;
export const tenureFilterSchema = z.enum(tenureFilters);
export type TenureFilter = z.infer<typeof tenureFilterSchema>;

/** `YYYY-MM`: a month, or the first month of a quarter for quarterly programs. */
export const periodSchema = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month written YYYY-MM');

/** Index codes computed from the item bank (see server/src/pulses/indices.ts for formulas). */
export const employeeIndexCodes = [
  'evi',
  'climate',
  'leadership',
  'expertise_operational',
  'expertise_service',
  'attitude',
  'identity',
  'stay',
  'enps',
  'praise_matters',
] as const;
export type EmployeeIndexCode = (typeof employeeIndexCodes)[number];
/** Internal service quality (rating of a back-office unit) and manager upward indices. */
export const internalServiceIndexCodes = ['isq'] as const;
export const upwardIndexCodes = ['upward_support', 'upward_strategy', 'upward'] as const;

// ---- Programs and waves ----------------------------------------------------------------------

export const pulseCadences = ['monthly', 'quarterly'] as const;
export const pulseCadenceSchema = z.enum(pulseCadences);

export const pulseProgramSchema = z.object({
  id: z.uuid(),
  surveyId: z.uuid(),
  surveyName: z.string(),
  kind: employeeSurveyKindSchema,
  name: z.string(),
  cadence: pulseCadenceSchema,
  populationUnitId: z.uuid().nullable(),
  openDays: z.number().int(),
  reminderAfterDays: z.number().int().nullable(),
  status: z.enum(['active', 'paused']),
  createdAt: z.string(),
});
export type PulseProgram = z.infer<typeof pulseProgramSchema>;
export const pulseProgramListSchema = z.object({ items: z.array(pulseProgramSchema) });

export const createPulseProgramBodySchema = z
  .strictObject({
    name: z.string().trim().min(1).max(200),
    /** A published survey of kind employee_pulse, internal_service or manager_upward. */
    surveyId: z.uuid(),
    cadence: pulseCadenceSchema.default('monthly'),
    populationUnitId: z.uuid().nullable().default(null),
    openDays: z.number().int().min(1).max(60).default(14),
    reminderAfterDays: z.number().int().min(1).max(30).nullable().default(5),
  })
  .refine((b) => b.reminderAfterDays === null || b.reminderAfterDays < b.openDays, {
    message: 'must be less than openDays',
    path: ['reminderAfterDays'],
  });
export type CreatePulseProgramBody = z.infer<typeof createPulseProgramBodySchema>;

export const updatePulseProgramBodySchema = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  openDays: z.number().int().min(1).max(60).optional(),
  reminderAfterDays: z.number().int().min(1).max(30).nullable().optional(),
  status: z.enum(['active', 'paused']).optional(),
});
export type UpdatePulseProgramBody = z.infer<typeof updatePulseProgramBodySchema>;

export const pulseWaveStatuses = ['open', 'closed', 'released'] as const;
export const pulseWaveSchema = z.object({
  id: z.uuid(),
  programId: z.uuid(),
  period: periodSchema,
  opensAt: z.string(),
  closesAt: z.string(),
  status: z.enum(pulseWaveStatuses),
  invited: z.number().int(),
  responded: z.number().int(),
  /** responded / invited, 0–1; null when nobody was invited. */
  participationRate: z.number().nullable(),
});
export type PulseWave = z.infer<typeof pulseWaveSchema>;
export const pulseWaveListSchema = z.object({ items: z.array(pulseWaveSchema) });

/** Open a wave now (on demand); default period: the current month (or quarter). */
export const launchWaveBodySchema = z.strictObject({ period: periodSchema.optional() });

/** Participation per unit of the invitees. Rates of units with fewer than k invitees are hidden. */
export const participationRowSchema = z.object({
  unitId: z.uuid(),
  unitName: z.string(),
  parentId: z.uuid().nullable(),
  status: z.enum(['shown', 'small_group']),
  invited: z.number().int().nullable(),
  responded: z.number().int().nullable(),
  rate: z.number().nullable(),
});
export const participationSchema = z.object({
  wave: pulseWaveSchema,
  rows: z.array(participationRowSchema),
});
export type Participation = z.infer<typeof participationSchema>;

// ---- The employee's survey page ----------------------------------------------------------------

/** Internal service surveys: the back-office units the respondent rates (from support edges). */
export const ratedUnitSchema = z.object({ id: z.uuid(), name: z.string() });

// ---- Results ---------------------------------------------------------------------------------

export const resultCellSchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('shown'),
    n: z.number().int(),
    /** Mean 0–100 per index (eNPS: −100…100); null: not enough answers to that index. */
    means: z.record(z.string(), z.number().nullable()),
  }),
  z.object({ status: z.literal('suppressed') }),
]);
export type ResultCell = z.infer<typeof resultCellSchema>;

export const commentsCellSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('shown'), texts: z.array(z.string()) }),
  z.object({ status: z.literal('suppressed') }),
]);

export const resultScopeSchema = z.enum(['unit', 'subtree']);

export const resultsQuerySchema = z.strictObject({
  /** A survey of an employee kind; default: the organization's first active pulse survey. */
  surveyId: z.uuid().optional(),
  period: periodSchema.optional(),
  scope: resultScopeSchema.default('subtree'),
  tenure: tenureFilterSchema.default('all'),
});
export type ResultsQuery = z.infer<typeof resultsQuerySchema>;

export const teamPulseQuerySchema = resultsQuerySchema.extend({
  unitId: z.uuid().optional(),
  /** How many periods of trend, newest last. */
  periods: z.coerce.number().int().min(1).max(36).default(12),
});

export const teamPulseSchema = z.object({
  unit: z.object({ id: z.uuid(), name: z.string() }),
  surveyId: z.uuid(),
  scope: resultScopeSchema,
  tenure: tenureFilterSchema,
  indices: z.array(z.string()),
  /** Trend, oldest first: one released cell per period. */
  trend: z.array(z.object({ period: periodSchema, cell: resultCellSchema })),
  /** The latest period's item breakdown (construct → mean), when its cell is shown. */
  items: z.array(
    z.object({ construct: z.string(), text: z.string(), mean: z.number().nullable() }),
  ),
  comments: commentsCellSchema,
  /** Newcomer attitude (tenure < 12 months) in the latest period. */
  newcomers: resultCellSchema,
});
export type TeamPulse = z.infer<typeof teamPulseSchema>;

export const heatmapRowSchema = z.object({
  unitId: z.uuid(),
  unitName: z.string(),
  parentId: z.uuid().nullable(),
  depth: z.number().int(),
  cell: resultCellSchema,
});
export const heatmapSchema = z.object({
  surveyId: z.uuid(),
  period: periodSchema.nullable(),
  scope: resultScopeSchema,
  tenure: tenureFilterSchema,
  indices: z.array(z.string()),
  /** Periods with released results, oldest first. */
  periods: z.array(periodSchema),
  rows: z.array(heatmapRowSchema),
});
export type Heatmap = z.infer<typeof heatmapSchema>;

/** Internal service results: one row per back-office unit the viewer may see. */
export const internalServiceResultsSchema = z.object({
  surveyId: z.uuid().nullable(),
  period: periodSchema.nullable(),
  periods: z.array(periodSchema),
  rows: z.array(
    z.object({
      unitId: z.uuid(),
      unitName: z.string(),
      cell: resultCellSchema,
      comments: commentsCellSchema,
      trend: z.array(z.object({ period: periodSchema, cell: resultCellSchema })),
    }),
  ),
});
export type InternalServiceResults = z.infer<typeof internalServiceResultsSchema>;

// ---- HR facts --------------------------------------------------------------------------------

export const hrImportKinds = ['exits', 'pay-bands'] as const;
export const hrImportKindSchema = z.enum(hrImportKinds);
export const exitReasons = ['voluntary', 'involuntary', 'other'] as const;

export const retentionQuerySchema = z.strictObject({
  from: periodSchema.optional(),
  to: periodSchema.optional(),
  unitId: z.uuid().optional(),
});
export const retentionRowSchema = z.object({
  unitId: z.uuid(),
  unitName: z.string(),
  period: periodSchema,
  cell: z.discriminatedUnion('status', [
    z.object({
      status: z.literal('shown'),
      headcount: z.number().int(),
      exits: z.number().int(),
      /** 1 − exits / headcount at the period's start. */
      retention: z.number(),
    }),
    z.object({ status: z.literal('suppressed') }),
  ]),
});
export const retentionSchema = z.object({
  from: periodSchema,
  to: periodSchema,
  rows: z.array(retentionRowSchema),
});
export type Retention = z.infer<typeof retentionSchema>;

export const exitRowSchema = z.object({
  personExternalId: z.string(),
  exitDate: isoDateSchema,
  reason: z.enum(exitReasons),
});
