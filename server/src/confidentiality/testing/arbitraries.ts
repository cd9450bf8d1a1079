import fc from 'fast-check';
import {
  type AnonymousResponse,
  type CellRequest,
  type OrgUnit,
  type TenureBand,
  tenureBands,
} from '../types.ts';

export const indices = ['evi', 'enps'] as const;

export interface Scenario {
  readonly units: OrgUnit[];
  readonly responses: AnonymousResponse[];
  readonly cells: CellRequest[];
  readonly k: number;
}

export interface ScenarioLimits {
  readonly maxUnits: number;
  readonly maxPerUnit: number;
  readonly maxPeriods: number;
  readonly maxCells: number;
}

/** The brief's sizes: 1–30 units, depth ≤ 4, 0–40 responses per unit over 1–6 periods. */
export const fullSize: ScenarioLimits = {
  maxUnits: 30,
  maxPerUnit: 40,
  maxPeriods: 6,
  maxCells: 14,
};
/** Tiny instances for the exhaustive rank attacker. */
export const tinySize: ScenarioLimits = { maxUnits: 4, maxPerUnit: 5, maxPeriods: 3, maxCells: 8 };

const periodName = (i: number) => `2026-${String(i + 1).padStart(2, '0')}`;

/** A tree where unit i hangs under an earlier unit of depth < 4 (the root has depth 1). */
function treeOf(choices: readonly number[]): OrgUnit[] {
  const units: OrgUnit[] = [{ id: 'u0', parentId: null }];
  const depth = [1];
  choices.forEach((choice, i) => {
    const open = depth.flatMap((d, j) => (d < 4 ? [j] : []));
    const parent = open[choice % open.length];
    units.push({ id: `u${i + 1}`, parentId: `u${parent}` });
    depth.push(depth[parent] + 1);
  });
  return units;
}

const responseSpec = fc.record({
  period: fc.nat(),
  band: fc.constantFrom(...tenureBands),
  evi: fc.option(fc.integer({ min: 1, max: 5 }), { freq: 5 }),
  enps: fc.option(fc.integer({ min: 0, max: 10 }), { freq: 3 }),
  comment: fc.option(fc.constantFrom('great team', 'more tools', 'fair pay?', 'thanks'), {
    freq: 2,
  }),
});

const cellSpec = fc.record({
  unit: fc.nat(),
  scope: fc.constantFrom('unit' as const, 'subtree' as const),
  from: fc.nat(),
  length: fc.integer({ min: 1, max: 6 }),
  tenure: fc.option(fc.subarray([...tenureBands], { minLength: 1 }), { freq: 2 }),
  companions: fc.constantFrom('none', 'complement', 'nested', 'overlap', 'children', 'siblings'),
  comments: fc.boolean(),
});

type CellSpec = typeof cellSpec extends fc.Arbitrary<infer T> ? T : never;

export function scenarioArb(limits: ScenarioLimits): fc.Arbitrary<Scenario> {
  return fc
    .record({
      tree: fc.array(fc.nat(), { maxLength: limits.maxUnits - 1 }),
      periods: fc.integer({ min: 1, max: limits.maxPeriods }),
      k: fc.integer({ min: 3, max: 8 }),
    })
    .chain(({ tree, periods, k }) => {
      const units = treeOf(tree);
      const perUnit = fc.oneof(
        fc.array(responseSpec, { maxLength: Math.min(8, limits.maxPerUnit) }),
        fc.array(responseSpec, { maxLength: limits.maxPerUnit }),
      );
      return fc
        .record({
          memberships: fc.array(perUnit, { minLength: units.length, maxLength: units.length }),
          cells: fc.array(cellSpec, { minLength: 1, maxLength: limits.maxCells }),
        })
        .map(({ memberships, cells }) => {
          const responses = memberships.flatMap((specs, u) =>
            specs.map(
              (spec): AnonymousResponse => ({
                unitId: units[u].id,
                period: periodName(spec.period % periods),
                band: spec.band,
                values: { evi: spec.evi, enps: spec.enps },
                comment: spec.comment,
              }),
            ),
          );
          const requested = cells.flatMap((spec) => expandCell(spec, units, periods));
          return {
            units,
            responses,
            k,
            cells: requested.map((cell, i) => ({ ...cell, key: `c${i}` })),
          };
        });
    });
}

/** A random cell plus the companions that make differencing attacks possible. */
function expandCell(spec: CellSpec, units: readonly OrgUnit[], periods: number): CellRequest[] {
  const unit = units[spec.unit % units.length];
  const from = spec.from % periods;
  const to = Math.min(periods - 1, from + spec.length - 1);
  const base: CellRequest = {
    key: '',
    unit: { unitId: unit.id, scope: spec.scope },
    window: { from: periodName(from), to: periodName(to) },
    tenure: spec.tenure ?? undefined,
    comments: spec.comments,
  };
  const windowed = (a: number, b: number): CellRequest => ({
    ...base,
    window: { from: periodName(Math.max(0, a)), to: periodName(Math.min(periods - 1, b)) },
  });
  const childrenOf = (id: string | null) => units.filter((u) => u.parentId === id);
  switch (spec.companions) {
    case 'complement': {
      const rest = tenureBands.filter((band: TenureBand) => !spec.tenure?.includes(band));
      const complement = rest.length > 0 ? [{ ...base, tenure: rest }] : [];
      return [base, ...complement, { ...base, tenure: undefined }];
    }
    case 'nested':
      return [base, windowed(from - 1, to + 1), windowed(from, from)];
    case 'overlap':
      return [base, windowed(from + 1, to + 1), windowed(from, to + 1)];
    case 'children':
      return [
        { ...base, unit: { unitId: unit.id, scope: 'subtree' } },
        { ...base, unit: { unitId: unit.id, scope: 'unit' } },
        ...childrenOf(unit.id).map(
          (child): CellRequest => ({ ...base, unit: { unitId: child.id, scope: 'subtree' } }),
        ),
      ];
    case 'siblings':
      return childrenOf(unit.parentId).map(
        (sibling): CellRequest => ({ ...base, unit: { unitId: sibling.id, scope: spec.scope } }),
      );
    default:
      return [base];
  }
}
