import {
  type CustomerSegment,
  customerSegments,
  type DemoCausalModel,
  demoCausalModel,
  residualSd,
} from './causal-model.ts';
import names from './data/names.json' with { type: 'json' };
import { addDays, isoDate } from './dates.ts';
import { createRng } from './prng.ts';
import type { DemoCustomer, DemoOrganization } from './records.ts';

export const DEFAULT_CUSTOMER_COUNT = 20_000;
const segmentShares: Record<CustomerSegment, number> = {
  retail: 0.8,
  premier: 0.12,
  small_business: 0.08,
};
const emailDomains = ['example.com', 'example.net', 'example.org'];

/**
 * The customers of the branches, each with a home branch (busier branches have more) and the
 * hidden customer-level chain: customer value → satisfaction → loyalty → purchase rate.
 * Pure: seed + model + the organization + the reference date in, records out.
 */
export function generateCustomers(opts: {
  seed: number;
  model?: DemoCausalModel;
  organization: DemoOrganization;
  asOf: Date;
  count?: number;
}): DemoCustomer[] {
  const model = opts.model ?? demoCausalModel;
  const p = model.paths;
  const rng = createRng(opts.seed).fork('customers');
  const count = opts.count ?? DEFAULT_CUSTOMER_COUNT;
  const today = isoDate(opts.asOf);
  const { units, latents } = opts.organization;
  const branches = units
    .map((unit, i) => ({ unit, latent: latents[i]! }))
    .filter((b) => b.unit.level === 'branch');
  const weights = branches.map((b) => b.unit.headcount);
  const shares = customerSegments.map((s) => segmentShares[s]);
  const icc = model.intraclass.customerValue;
  const customers: DemoCustomer[] = [];
  for (let i = 0; i < count; i++) {
    const branch = branches[rng.weightedIndex(weights)]!;
    const segment = customerSegments[rng.weightedIndex(shares)]!;
    const first = rng.pick(names.firstNames);
    const last = rng.pick(names.lastNames);
    const customerValue =
      Math.sqrt(icc) * branch.latent.customerValue! + Math.sqrt(1 - icc) * rng.normal();
    const satisfaction =
      p.customerValueToSatisfaction * customerValue +
      residualSd(p.customerValueToSatisfaction) * rng.normal();
    const loyalty =
      p.satisfactionToLoyalty * satisfaction + residualSd(p.satisfactionToLoyalty) * rng.normal();
    const b = p.loyaltyToLogPurchaseRate;
    const purchaseRate = model.purchaseRateBySegment[segment] * Math.exp(b * loyalty - (b * b) / 2);
    const local = `${first}.${last}`.toLowerCase().replace(/[^a-z.-]/g, '');
    customers.push({
      externalId: `C-${String(i + 1).padStart(6, '0')}`,
      name: `${first} ${last}`,
      email: rng.chance(0.75) ? `${local}${rng.int(1, 999)}@${rng.pick(emailDomains)}` : null,
      homeBranchExternalId: branch.unit.externalId,
      segment,
      // Customers join over the last twenty years; long relationships are common at a bank.
      customerSince: addDays(today, -rng.int(30, 20 * 365)),
      latent: { customerValue, satisfaction, loyalty, purchaseRate },
    });
  }
  return customers;
}
