import { generateClosedLoop } from './cases.ts';
import { type DemoCausalModel, demoCausalModel } from './causal-model.ts';
import { generateCustomers } from './customers.ts';
import { generateInteractionsAndResponses } from './feedback.ts';
import type { DemoLoop } from './loop-records.ts';
import { generateOrganization } from './organization.ts';
import { generatePeople } from './people.ts';
import type { DemoPulses } from './pulse-records.ts';
import { generateEmployeePulses } from './pulses.ts';
import type { DemoCustomer, DemoFeedback, DemoOrganization, DemoPerson } from './records.ts';

export const DEFAULT_DEMO_SEED = 20_240_601;

export interface DemoData extends DemoOrganization {
  seed: number;
  asOf: string;
  model: DemoCausalModel;
  people: DemoPerson[];
  customers: DemoCustomer[];
  /** The customer-value survey, two years of interactions, invitations and responses. */
  feedback: DemoFeedback;
  /** Two years of monthly pulses, quarterly internal service and upward surveys (closed waves). */
  pulses: DemoPulses;
  /** The closed loop: settings, cases on the responses, recoveries, action plans. */
  loop: DemoLoop;
}

/**
 * All demo records, step by step. Later steps (surveys, responses, transactions, cases) are
 * added here as further pure functions of the seed, the model and the records before them.
 */
export function generateDemoData(opts: {
  seed?: number;
  model?: DemoCausalModel;
  asOf: Date;
  customerCount?: number;
  /** Interaction volume multiplier (0: no interactions); see DEFAULT_FEEDBACK_SCALE. */
  scale?: number;
}): DemoData {
  const seed = opts.seed ?? DEFAULT_DEMO_SEED;
  const model = opts.model ?? demoCausalModel;
  const organization = generateOrganization({ seed, model });
  const people = generatePeople({ seed, model, organization, asOf: opts.asOf });
  const customers = generateCustomers({
    seed,
    model,
    organization,
    asOf: opts.asOf,
    count: opts.customerCount,
  });
  const feedback = generateInteractionsAndResponses({
    seed,
    model,
    organization,
    people,
    customers,
    asOf: opts.asOf,
    scale: opts.scale,
  });
  const pulses = generateEmployeePulses({ seed, model, organization, people, asOf: opts.asOf });
  const loop = generateClosedLoop({
    seed,
    organization,
    people,
    customers,
    feedback,
    asOf: opts.asOf,
  });
  return {
    seed,
    asOf: opts.asOf.toISOString().slice(0, 10),
    model,
    ...organization,
    people,
    customers,
    feedback,
    pulses,
    loop,
  };
}
