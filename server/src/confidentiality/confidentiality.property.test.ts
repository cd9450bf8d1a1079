import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createDisclosureContext, discloseCells } from './disclosure-context.ts';
import { fullSize, indices, type Scenario, scenarioArb, tinySize } from './testing/arbitraries.ts';
import {
  differenceAttack,
  exposedResponses,
  rankAttack,
  responseSetsOf,
} from './testing/attacker.ts';
import {
  type AggregatedStratum,
  type AnonymousResponse,
  type CellRequest,
  type CellResult,
  type TenureBand,
  tenureBands,
} from './types.ts';

const runs = { full: 300, tiny: 300 };

const disclose = (scenario: Scenario, k = scenario.k) =>
  discloseCells({ ...scenario, indices, k, cells: scenario.cells });

/**
 * What an attacker holds after seeing `results`: per level (counts, then each index over the
 * responses that answered it) the response sets whose sum is known, plus all response ids.
 */
function knownSums(scenario: Scenario, results: readonly CellResult[]) {
  const sets = responseSetsOf(scenario.units, scenario.responses, scenario.cells);
  const byKey = new Map(scenario.cells.map((cell, i) => [cell.key, sets[i]]));
  const levels: { name: string; sets: number[][]; columns: number[] }[] = [];
  const shown = results.flatMap((r) => (r.status === 'shown' ? [r] : []));
  levels.push({
    name: 'counts',
    sets: shown.map((r) => byKey.get(r.key)!),
    columns: scenario.responses.map((_, i) => i),
  });
  for (const index of indices) {
    const answered = (r: number) => scenario.responses[r].values[index] != null;
    levels.push({
      name: index,
      sets: shown.flatMap((r) =>
        r.means[index] === null ? [] : [byKey.get(r.key)!.filter(answered)],
      ),
      columns: scenario.responses.flatMap((_, i) => (answered(i) ? [i] : [])),
    });
  }
  return levels;
}

function expectNothingDerivable(scenario: Scenario, results: readonly CellResult[], k: number) {
  for (const level of knownSums(scenario, results)) {
    expect(differenceAttack(level.sets, k), `difference on ${level.name}`).toBeNull();
    expect(exposedResponses(level.sets, level.columns), `rank on ${level.name}`).toEqual([]);
  }
}

describe('confidentiality engine properties', () => {
  it('never shows a cell, or an index mean, over fewer than k responses', () => {
    fc.assert(
      fc.property(scenarioArb(fullSize), (scenario) => {
        const results = disclose(scenario);
        const sets = responseSetsOf(scenario.units, scenario.responses, scenario.cells);
        results.forEach((result, i) => {
          if (result.status !== 'shown') return;
          expect(result.n).toBe(sets[i].length);
          expect(result.n).toBeGreaterThanOrEqual(scenario.k);
          for (const index of indices) {
            const values = sets[i].flatMap((r) => scenario.responses[r].values[index] ?? []);
            if (result.means[index] === null) continue;
            expect(values.length).toBeGreaterThanOrEqual(scenario.k);
            const mean = values.reduce((a, b) => a + b, 0) / values.length;
            expect(result.means[index]).toBeCloseTo(mean, 9);
          }
        });
      }),
      { numRuns: runs.full },
    );
  });

  it('lets no differencing of shown cells isolate fewer than k responses', () => {
    fc.assert(
      fc.property(scenarioArb(fullSize), (scenario) => {
        expectNothingDerivable(scenario, disclose(scenario), scenario.k);
      }),
      { numRuns: runs.full },
    );
  });

  it('leaves no vector of support below k in the row space of shown cells (tiny instances)', () => {
    fc.assert(
      fc.property(scenarioArb(tinySize), (scenario) => {
        fc.pre(scenario.responses.length <= 12);
        for (const level of knownSums(scenario, disclose(scenario))) {
          expect(rankAttack(level.sets, level.columns, scenario.k), level.name).toBeNull();
        }
      }),
      { numRuns: runs.tiny },
    );
  });

  it('gives suppressed cells no number and no count', () => {
    fc.assert(
      fc.property(scenarioArb(fullSize), (scenario) => {
        for (const result of disclose(scenario)) {
          if (result.status === 'suppressed')
            expect(Object.keys(result).sort()).toEqual(['key', 'status']);
        }
      }),
      { numRuns: runs.full },
    );
  });

  it('never reveals a suppressed cell or mean when k is raised', () => {
    fc.assert(
      fc.property(scenarioArb(fullSize), fc.integer({ min: 1, max: 5 }), (scenario, raise) => {
        const low = disclose(scenario);
        const high = disclose(scenario, scenario.k + raise);
        high.forEach((result, i) => {
          if (result.status !== 'shown') return;
          const before = low[i];
          expect(before.status).toBe('shown');
          if (before.status !== 'shown') return;
          for (const index of indices) {
            if (result.means[index] !== null) expect(before.means[index]).not.toBeNull();
          }
        });
      }),
      { numRuns: runs.full },
    );
  });

  it('keeps sequential releases in one context as safe as one joint release', () => {
    fc.assert(
      fc.property(scenarioArb(fullSize), fc.nat(), (scenario, cut) => {
        const split = cut % (scenario.cells.length + 1);
        const context = createDisclosureContext({ ...scenario, indices });
        const first = context.release(scenario.cells.slice(0, split));
        const second = context.release(scenario.cells.slice(split));
        // Asking again for what was already released retracts and changes nothing.
        const again = context.release(scenario.cells.slice(0, split));
        first.forEach((before, i) => {
          if (before.status !== 'shown') return;
          const after = again[i];
          expect(after.status === 'shown' && after.n).toBe(before.n);
          for (const index of indices) {
            if (before.means[index] === null || after.status !== 'shown') continue;
            expect(after.means[index]).toBe(before.means[index]);
          }
        });
        expectNothingDerivable(scenario, [...first, ...second, ...again], scenario.k);
      }),
      { numRuns: runs.full },
    );
  });

  it('shows comments only for groups of at least k_c, and none derivable below k_c', () => {
    fc.assert(
      fc.property(scenarioArb(fullSize), fc.integer({ min: 0, max: 6 }), (scenario, extra) => {
        const kComments = scenario.k + extra;
        const results = discloseCells({ ...scenario, indices, kComments, cells: scenario.cells });
        const sets = responseSetsOf(scenario.units, scenario.responses, scenario.cells);
        const withComments: number[][] = [];
        results.forEach((result, i) => {
          if (result.status !== 'shown' || result.comments?.status !== 'shown') return;
          expect(result.n).toBeGreaterThanOrEqual(kComments);
          const expected = sets[i].flatMap((r) => scenario.responses[r].comment ?? []);
          expect([...result.comments.texts].sort()).toEqual(expected.sort());
          withComments.push(sets[i]);
        });
        expect(differenceAttack(withComments, kComments)).toBeNull();
      }),
      { numRuns: runs.full },
    );
  });
});

/** The scenario's responses summed per unit × period × band, each stratum split in up to 2. */
function strataOf(scenario: Scenario, split: readonly boolean[]): AggregatedStratum[] {
  const groups = new Map<string, AnonymousResponse[]>();
  for (const response of scenario.responses) {
    const key = `${response.unitId}|${response.period}|${response.band}`;
    groups.set(key, [...(groups.get(key) ?? []), response]);
  }
  return [...groups.values()].flatMap((members, g) => {
    const cut = split[g % Math.max(1, split.length)] ? Math.ceil(members.length / 2) : 0;
    const parts = [members.slice(0, cut), members.slice(cut)].filter((p) => p.length > 0);
    return parts.map((part): AggregatedStratum => {
      const sums: Record<string, number> = {};
      const answered: Record<string, number> = {};
      for (const response of part) {
        for (const index of indices) {
          const value = response.values[index];
          if (value === null || value === undefined) continue;
          sums[index] = (sums[index] ?? 0) + value;
          answered[index] = (answered[index] ?? 0) + 1;
        }
      }
      return {
        unitId: part[0].unitId,
        period: part[0].period,
        band: part[0].band,
        count: part.length,
        sums,
        answered,
        comments: part.flatMap((r) => r.comment ?? []),
      };
    });
  });
}

/** What the release job asks for: every unit, alone and with its subtree, × tenure filter. */
function canonicalFamily(scenario: Scenario, period: string): CellRequest[] {
  const filters: (readonly TenureBand[] | undefined)[] = [
    undefined,
    ['<3m', '3-12m'],
    ...tenureBands.map((band) => [band]),
  ];
  return scenario.units.flatMap((unit) =>
    (['unit', 'subtree'] as const).flatMap((scope) =>
      filters.map(
        (tenure, f): CellRequest => ({
          key: `${unit.id}|${scope}|${f}`,
          unit: { unitId: unit.id, scope },
          window: { from: period, to: period },
          tenure,
          comments: true,
        }),
      ),
    ),
  );
}

describe('confidentiality engine on pre-aggregated strata', () => {
  it('releases exactly what the same responses release one by one', () => {
    fc.assert(
      fc.property(scenarioArb(fullSize), fc.array(fc.boolean()), (scenario, split) => {
        const byResponse = disclose(scenario);
        const byStrata = discloseCells({
          units: scenario.units,
          strata: strataOf(scenario, split),
          indices,
          k: scenario.k,
          cells: scenario.cells,
        });
        byStrata.forEach((result, i) => {
          const expected = byResponse[i];
          expect(result.status).toBe(expected.status);
          if (result.status !== 'shown' || expected.status !== 'shown') return;
          expect(result.n).toBe(expected.n);
          for (const index of indices) {
            if (expected.means[index] === null) expect(result.means[index]).toBeNull();
            else expect(result.means[index]).toBeCloseTo(expected.means[index]!, 9);
          }
          expect(result.comments).toEqual(expected.comments);
        });
        expectNothingDerivable(scenario, byStrata, scenario.k);
      }),
      { numRuns: runs.full },
    );
  });

  it('keeps the release family of a period (units × scopes × tenure filters) safe', () => {
    fc.assert(
      fc.property(scenarioArb(fullSize), fc.integer({ min: 0, max: 6 }), (scenario, extra) => {
        const period = scenario.responses[0]?.period ?? '2026-01';
        const inPeriod = {
          ...scenario,
          responses: scenario.responses.filter((r) => r.period === period),
        };
        const cells = canonicalFamily(inPeriod, period);
        const kComments = scenario.k + extra;
        const results = discloseCells({
          units: scenario.units,
          strata: strataOf(inPeriod, []),
          indices,
          k: scenario.k,
          kComments,
          cells,
        });
        const family = { ...inPeriod, cells };
        expectNothingDerivable(family, results, scenario.k);
        const sets = responseSetsOf(family.units, family.responses, cells);
        const withComments = results.flatMap((result, i) =>
          result.status === 'shown' && result.comments?.status === 'shown' ? [sets[i]] : [],
        );
        expect(differenceAttack(withComments, kComments)).toBeNull();
        for (const result of results) {
          if (result.status === 'shown') expect(result.n).toBeGreaterThanOrEqual(scenario.k);
        }
      }),
      { numRuns: runs.full },
    );
  });

  it('refuses a stratum whose answer count exceeds its size, naming the index', () => {
    expect(() =>
      discloseCells({
        units: [{ id: 'u0', parentId: null }],
        strata: [
          {
            unitId: 'u0',
            period: '2026-01',
            band: '<3m',
            count: 2,
            sums: { evi: 9 },
            answered: { evi: 3 },
          },
        ],
        indices,
        cells: [],
      }),
    ).toThrow(/evi/);
  });
});
