import { z } from 'zod';

/**
 * Shared pieces of the closed-loop contracts (case-rules, cases, recovery, action-plans,
 * notifications). Money travels as a decimal string with at most two decimals ("12.50")
 * in the organization's currency, never as a float.
 */

export const moneySchema = z
  .string()
  .regex(/^\d{1,10}(\.\d{1,2})?$/, 'must be a non-negative amount with at most two decimals');
export const currencySchema = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code like USD');

export const casePriorities = ['low', 'normal', 'high', 'urgent'] as const;
export const casePrioritySchema = z.enum(casePriorities);
export const caseStatuses = [
  'new',
  'in_progress',
  'waiting_on_customer',
  'resolved',
  'closed',
] as const;
export const caseStatusSchema = z.enum(caseStatuses);
export type CaseStatus = z.infer<typeof caseStatusSchema>;

/** A named reference: a unit, person, queue, rule or root cause. */
export const namedRefSchema = z.object({ id: z.uuid(), name: z.string() });
