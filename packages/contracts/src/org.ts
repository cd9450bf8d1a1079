import { z } from 'zod';
import { isoDateSchema, pageOf, pageQuerySchema, roleSchema } from './common.ts';

// ---- Organization ----------------------------------------------------------------------------

export const organizationSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  slug: z.string(),
  currency: z.string(),
  minGroupSize: z.number().int(),
  /** k_c: minimum group size for employee comments (never below minGroupSize in effect). */
  minCommentGroupSize: z.number().int(),
});
export type Organization = z.infer<typeof organizationSchema>;

/**
 * `minGroupSize` (floor 3) and `minCommentGroupSize` may only go up; lowering either is a 422
 * naming the field. Raising either re-releases the organization's employee results.
 */
export const updateOrganizationBodySchema = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'must be a three-letter ISO 4217 code')
    .optional(),
  minGroupSize: z.number().int().min(3).max(1000).optional(),
  minCommentGroupSize: z.number().int().min(3).max(1000).optional(),
});
export type UpdateOrganizationBody = z.infer<typeof updateOrganizationBodySchema>;

// ---- Units -----------------------------------------------------------------------------------

export const unitKinds = ['front_line', 'back_office'] as const;
export const unitKindSchema = z.enum(unitKinds);
export type UnitKind = z.infer<typeof unitKindSchema>;

export const personRefSchema = z.object({ id: z.uuid(), name: z.string() });

export const unitSchema = z.object({
  id: z.uuid(),
  externalId: z.string(),
  name: z.string(),
  level: z.string(),
  kind: unitKindSchema,
  parentId: z.uuid().nullable(),
  manager: personRefSchema.nullable(),
  /** Current people (no exit date in the past) directly in the unit. */
  headcount: z.number().int(),
  /** Current people in the unit and all units below it. */
  subtreeHeadcount: z.number().int(),
});
export type Unit = z.infer<typeof unitSchema>;

/** `parentId=root` lists the top-level units. `q` searches name and external id. */
export const unitsQuerySchema = pageQuerySchema.extend({
  parentId: z.union([z.uuid(), z.literal('root')]).optional(),
  kind: unitKindSchema.optional(),
  q: z.string().trim().min(1).max(200).optional(),
});
export type UnitsQuery = z.infer<typeof unitsQuerySchema>;
export const unitPageSchema = pageOf(unitSchema);

export const supportEdgeSchema = z.object({ fromUnitId: z.uuid(), toUnitId: z.uuid() });
export type SupportEdge = z.infer<typeof supportEdgeSchema>;

export const unitTreeSchema = z.object({
  units: z.array(unitSchema),
  supportEdges: z.array(supportEdgeSchema),
});
export type UnitTree = z.infer<typeof unitTreeSchema>;

const externalIdSchema = z.string().trim().min(1).max(200);
const nameSchema = z.string().trim().min(1).max(200);

export const createUnitBodySchema = z.strictObject({
  externalId: externalIdSchema,
  name: nameSchema,
  level: z.string().trim().min(1).max(100),
  kind: unitKindSchema,
  parentId: z.uuid().nullable().optional(),
  managerId: z.uuid().nullable().optional(),
});
export type CreateUnitBody = z.infer<typeof createUnitBodySchema>;
export const updateUnitBodySchema = createUnitBodySchema.partial();
export type UpdateUnitBody = z.infer<typeof updateUnitBodySchema>;

export const createSupportEdgeBodySchema = z.strictObject({
  fromUnitId: z.uuid(),
  toUnitId: z.uuid(),
});
export const deleteSupportEdgeQuerySchema = z.strictObject({ from: z.uuid(), to: z.uuid() });
export const supportEdgeListSchema = z.object({ items: z.array(supportEdgeSchema) });

// ---- People ----------------------------------------------------------------------------------

export const personSchema = z.object({
  id: z.uuid(),
  externalId: z.string(),
  name: z.string(),
  email: z.string(),
  unitId: z.uuid().nullable(),
  unitName: z.string().nullable(),
  roles: z.array(roleSchema),
  hireDate: z.string().nullable(),
  exitDate: z.string().nullable(),
  /** Present only for admins. */
  payBand: z.string().nullable().optional(),
});
export type Person = z.infer<typeof personSchema>;

/** `unitId` includes the unit's whole subtree; `q` searches name and e-mail, case-insensitive. */
export const peopleQuerySchema = pageQuerySchema.extend({
  q: z.string().trim().min(1).max(200).optional(),
  unitId: z.uuid().optional(),
  role: roleSchema.optional(),
});
export type PeopleQuery = z.infer<typeof peopleQuerySchema>;
export const personPageSchema = pageOf(personSchema);

export const meSchema = z.object({
  person: personSchema,
  unit: z.object({ id: z.uuid(), name: z.string(), kind: unitKindSchema }).nullable(),
  /** The manager of my unit, or of the nearest ancestor unit with another manager. */
  manager: personRefSchema.nullable(),
  /** Current people in my unit (including me). */
  teamSize: z.number().int(),
});
export type Me = z.infer<typeof meSchema>;

export const createPersonBodySchema = z.strictObject({
  externalId: externalIdSchema,
  name: nameSchema,
  email: z.email().max(320),
  unitId: z.uuid().nullable().optional(),
  roles: z.array(roleSchema).min(1).max(5).optional(),
  hireDate: isoDateSchema.nullable().optional(),
  exitDate: isoDateSchema.nullable().optional(),
  payBand: z.string().trim().max(100).nullable().optional(),
});
export type CreatePersonBody = z.infer<typeof createPersonBodySchema>;
export const updatePersonBodySchema = createPersonBodySchema.partial();
export type UpdatePersonBody = z.infer<typeof updatePersonBodySchema>;

// ---- Customers -------------------------------------------------------------------------------

export const customerAttributesSchema = z.record(
  z.string().max(100),
  z.union([z.string().max(1000), z.number(), z.boolean(), z.null()]),
);

export const customerSchema = z.object({
  id: z.uuid(),
  externalId: z.string(),
  name: z.string().nullable(),
  email: z.string().nullable(),
  attributes: customerAttributesSchema,
  createdAt: z.string(),
});
export type Customer = z.infer<typeof customerSchema>;

export const customersQuerySchema = pageQuerySchema.extend({
  q: z.string().trim().min(1).max(200).optional(),
});
export const customerPageSchema = pageOf(customerSchema);

/** Upsert by external id: 201 when created, 200 when it already existed. */
export const upsertCustomerBodySchema = z.strictObject({
  externalId: externalIdSchema,
  name: z.string().trim().max(200).nullable().optional(),
  email: z.email().max(320).nullable().optional(),
  attributes: customerAttributesSchema.optional(),
});
export type UpsertCustomerBody = z.infer<typeof upsertCustomerBodySchema>;

// ---- Imports, exports, mailbox ---------------------------------------------------------------

export const importKinds = ['units', 'people', 'support-edges'] as const;
export const importKindSchema = z.enum(importKinds);
export type ImportKind = z.infer<typeof importKindSchema>;

/**
 * POST /imports/{kind} with a `text/csv` body. Nothing is imported when any row fails: the 422
 * problem's `errors` are `{line, column, message}` with file line numbers (header = line 1).
 */
export const importResultSchema = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
});
export type ImportResult = z.infer<typeof importResultSchema>;

export const mailboxMessageSchema = z.object({
  id: z.uuid(),
  to: z.string(),
  subject: z.string(),
  body: z.string(),
  createdAt: z.string(),
});
export const mailboxSchema = z.object({ items: z.array(mailboxMessageSchema) });
export type MailboxMessage = z.infer<typeof mailboxMessageSchema>;
