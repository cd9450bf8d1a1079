import { type DemoCausalModel, demoCausalModel, residualSd } from './causal-model.ts';
import structure from './data/organization.json' with { type: 'json' };
import { createRng, type Rng } from './prng.ts';
import type {
  DemoOrganization,
  DemoSupportEdge,
  DemoUnit,
  DemoUnitLatent,
  DemoUnitMonth,
} from './records.ts';

/** The branch of the demo manager and employee logins; it always gets this headcount. */
export const DEMO_BRANCH_NAME = 'Portland Harborfront';
const DEMO_BRANCH_HEADCOUNT = 12;
const BRANCH_HEADCOUNT: [number, number] = [7, 14];
const REGION_HEADCOUNT = 3;
const HEAD_OFFICE_HEADCOUNT = 10;

const branchExternalId = (regionIndex: number, branchIndex: number) =>
  `BR-${regionIndex + 1}${String(branchIndex + 1).padStart(2, '0')}`;

/**
 * The unit tree, support edges and the hidden unit-level truth (leadership, climate, unit
 * employee/customer value and the monthly cross-lagged panel). Pure: seed + model in, records out.
 */
export function generateOrganization(opts: {
  seed: number;
  model?: DemoCausalModel;
}): DemoOrganization {
  const model = opts.model ?? demoCausalModel;
  const rng = createRng(opts.seed).fork('organization');
  const units: DemoUnit[] = [];
  const head = structure.headOffice;
  units.push({
    externalId: head.externalId,
    parentExternalId: null,
    name: head.name,
    level: 'head_office',
    kind: 'back_office',
    headcount: HEAD_OFFICE_HEADCOUNT,
  });
  structure.regions.forEach((region, r) => {
    units.push({
      externalId: region.externalId,
      parentExternalId: null,
      name: region.name,
      level: 'region',
      kind: 'front_line',
      headcount: REGION_HEADCOUNT,
    });
    region.branches.forEach((branch, b) => {
      units.push({
        externalId: branchExternalId(r, b),
        parentExternalId: region.externalId,
        name: branch,
        level: 'branch',
        kind: 'front_line',
        headcount:
          branch === DEMO_BRANCH_NAME ? DEMO_BRANCH_HEADCOUNT : rng.int(...BRANCH_HEADCOUNT),
      });
    });
  });
  for (const office of structure.backOffice) {
    units.push({
      externalId: office.externalId,
      parentExternalId: null,
      name: office.name,
      level: 'department',
      kind: 'back_office',
      headcount: rng.int(office.size[0]!, office.size[1]!),
    });
  }
  const supportEdges = buildSupportEdges(units);
  const latents = generateUnitLatents(units, supportEdges, model, rng.fork('latents'));
  const panel = generatePanel(units, latents, model, rng.fork('panel'));
  return { organization: { ...structure.organization }, units, supportEdges, latents, panel };
}

function buildSupportEdges(units: DemoUnit[]): DemoSupportEdge[] {
  const branches = units.filter((u) => u.level === 'branch');
  const regions = units.filter((u) => u.level === 'region');
  const edges: DemoSupportEdge[] = [];
  for (const office of structure.backOffice) {
    const others = units.filter(
      (u) => u.kind === 'back_office' && u.externalId !== office.externalId,
    );
    const targets =
      office.serves === 'branches'
        ? branches
        : office.serves === 'regions'
          ? regions
          : [...regions, ...others];
    for (const t of targets)
      edges.push({ fromExternalId: office.externalId, toExternalId: t.externalId });
  }
  return edges;
}

/** Units in an order where every supporting unit comes before the units it serves. */
export function supportOrder(units: DemoUnit[], edges: DemoSupportEdge[]): DemoUnit[] {
  const pending = new Map(units.map((u) => [u.externalId, u]));
  const ordered: DemoUnit[] = [];
  while (pending.size > 0) {
    const ready = [...pending.values()].filter(
      (u) => !edges.some((e) => e.toExternalId === u.externalId && pending.has(e.fromExternalId)),
    );
    if (ready.length === 0) throw new Error('support edges contain a cycle');
    for (const u of ready) {
      ordered.push(u);
      pending.delete(u.externalId);
    }
  }
  return ordered;
}

function generateUnitLatents(
  units: DemoUnit[],
  edges: DemoSupportEdge[],
  model: DemoCausalModel,
  rng: Rng,
): DemoUnitLatent[] {
  const p = model.paths;
  const byId = new Map<string, DemoUnitLatent>();
  // Draw in the fixed unit order first so the numbers do not depend on the traversal below.
  const draws = new Map(units.map((u) => [u.externalId, Array.from({ length: 5 }, rng.normal)]));
  for (const unit of supportOrder(units, edges)) {
    const [e1, e2, e3, e4, e5] = draws.get(unit.externalId)!;
    const leadership = e1!;
    const climate = p.leadershipToClimate * leadership + residualSd(p.leadershipToClimate) * e2!;
    const supporters = edges
      .filter((e) => e.toExternalId === unit.externalId)
      .map((e) => byId.get(e.fromExternalId)!.internalServiceQuality ?? 0);
    const support = supporters.length
      ? supporters.reduce((s, q) => s + q, 0) / supporters.length
      : 0;
    const employeeValue =
      p.climateToEmployeeValue * climate +
      p.internalServiceToEmployeeValue * support +
      residualSd(p.climateToEmployeeValue, p.internalServiceToEmployeeValue) * e3!;
    const backOffice = unit.kind === 'back_office';
    byId.set(unit.externalId, {
      unitExternalId: unit.externalId,
      leadership,
      climate,
      employeeValue,
      internalServiceQuality: backOffice
        ? p.employeeValueToInternalService * employeeValue +
          residualSd(p.employeeValueToInternalService) * e4!
        : null,
      customerValue: backOffice
        ? null
        : p.employeeValueToCustomerValue * employeeValue +
          residualSd(p.employeeValueToCustomerValue) * e5!,
    });
  }
  return units.map((u) => byId.get(u.externalId)!);
}

/** The cross-lagged VAR(1) deviations around each branch's baseline, month by month. */
function generatePanel(
  units: DemoUnit[],
  latents: DemoUnitLatent[],
  model: DemoCausalModel,
  rng: Rng,
): DemoUnitMonth[] {
  const c = model.crossLagged;
  const panel: DemoUnitMonth[] = [];
  units.forEach((unit, i) => {
    if (unit.level !== 'branch') return;
    const latent = latents[i]!;
    let dE = 0;
    let dV = 0;
    for (let t = -c.burnIn; t < c.months; t++) {
      if (t >= 0) {
        panel.push({
          unitExternalId: unit.externalId,
          month: t,
          employeeValue: latent.employeeValue + dE,
          customerValue: latent.customerValue! + dV,
        });
      }
      const nextE = c.employeeValueStability * dE + c.customerToEmployee * dV;
      const nextV = c.customerValueStability * dV + c.employeeToCustomer * dE;
      dE = nextE + c.innovationSd * rng.normal();
      dV = nextV + c.innovationSd * rng.normal();
    }
  });
  return panel;
}
