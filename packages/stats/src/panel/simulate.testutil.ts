/** Test-only: seeded simulation of a customer/employee panel with known cross-lagged truth. */
import { createRng } from '../random.ts';

export interface SimTruth {
  customerAr: number;
  employeeToCustomer: number;
  employeeAr: number;
  customerToEmployee: number;
}

export function simulatePanel(
  units: number,
  periods: number,
  truth: SimTruth,
  seed: number,
  unitEffectSd = 0,
): Record<string, number | string>[] {
  const rng = createRng(seed);
  const rows: Record<string, number | string>[] = [];
  for (let u = 0; u < units; u++) {
    const alpha = unitEffectSd * rng.normal();
    const gamma = unitEffectSd * rng.normal();
    let c = rng.normal();
    let e = rng.normal();
    for (let t = -20; t < periods; t++) {
      if (t >= 0) rows.push({ store: `s${u}`, month: t + 1, csat: c, esat: e, n: 1 + rng.int(30) });
      const cNext = alpha + truth.customerAr * c + truth.employeeToCustomer * e + rng.normal();
      const eNext = gamma + truth.employeeAr * e + truth.customerToEmployee * c + rng.normal();
      c = cNext;
      e = eNext;
    }
  }
  return rows;
}
