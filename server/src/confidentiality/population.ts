import { AppError } from '../http/errors.ts';
import {
  type AggregatedStratum,
  type AnonymousResponse,
  type CellRequest,
  type OrgUnit,
  type TenureBand,
  tenureBands,
} from './types.ts';

/**
 * Responses that agree on unit, period and band are indistinguishable to every cell a caller can
 * ask for, so the engine works on these strata (count, per-index sums and answer counts,
 * comments) instead of on single responses. A cell is a set of strata; its size is the sum of
 * their counts. Nothing below a stratum is ever looked at, and no stratum leaves the engine.
 */
export interface Stratum {
  readonly unitId: string;
  readonly period: string;
  readonly band: TenureBand;
  count: number;
  /** Per index (same order as `Population.indices`): sum of the non-null values. */
  readonly sums: number[];
  /** Per index: how many responses answered it. */
  readonly answered: number[];
  readonly comments: string[];
}

export interface Population {
  readonly indices: readonly string[];
  readonly strata: readonly Stratum[];
  /** Resolves a requested cell to its strata (sorted ids). */
  cellStrata(cell: CellRequest): Int32Array;
}

/** Rule 4 (time): a month or a day; nothing finer ever enters the engine. */
const periodPattern = /^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$/;

const badRequest = (message: string) => new AppError('bad_request', message);

export function buildPopulation(
  units: readonly OrgUnit[],
  responses: readonly AnonymousResponse[],
  indices: readonly string[],
): Population {
  const children = childrenByUnit(units);
  const strata = new StrataBuilder(children, indices);
  for (const response of responses) {
    const stratum = strata.get(response.unitId, response.period, response.band);
    stratum.count += 1;
    indices.forEach((index, i) => {
      const value = response.values[index];
      if (value === null || value === undefined) return;
      if (!Number.isFinite(value)) throw badRequest(`Value of ${index} is not a finite number`);
      stratum.sums[i] += value;
      stratum.answered[i] += 1;
    });
    const comment = response.comment?.trim();
    if (comment) stratum.comments.push(comment);
  }
  return assemble(children, strata, indices);
}

/**
 * The same population from strata summed elsewhere (a GROUP BY in SQL): no single response is
 * ever loaded. Strata sharing unit, period and band are merged, as single responses would be.
 */
export function buildPopulationFromStrata(
  units: readonly OrgUnit[],
  aggregated: readonly AggregatedStratum[],
  indices: readonly string[],
): Population {
  const children = childrenByUnit(units);
  const strata = new StrataBuilder(children, indices);
  for (const input of aggregated) {
    if (!Number.isInteger(input.count) || input.count < 1) {
      throw badRequest(`Stratum count of unit ${input.unitId} must be a positive integer`);
    }
    const stratum = strata.get(input.unitId, input.period, input.band);
    stratum.count += input.count;
    indices.forEach((index, i) => {
      const answered = input.answered[index] ?? 0;
      const sum = input.sums[index] ?? 0;
      if (!Number.isInteger(answered) || answered < 0 || answered > input.count) {
        throw badRequest(`Answer count of ${index} must be an integer from 0 to the count`);
      }
      if (!Number.isFinite(sum)) throw badRequest(`Sum of ${index} is not a finite number`);
      stratum.sums[i] += sum;
      stratum.answered[i] += answered;
    });
    for (const text of input.comments ?? []) {
      const comment = text.trim();
      if (comment) stratum.comments.push(comment);
    }
  }
  return assemble(children, strata, indices);
}

/** Strata by unit, period and band, created on first use (validating unit and period). */
class StrataBuilder {
  readonly strata: Stratum[] = [];
  readonly byUnitPeriod = new Map<string, Map<string, number[]>>();
  private readonly byKey = new Map<string, number>();

  constructor(
    private readonly children: ReadonlyMap<string, readonly string[]>,
    private readonly indices: readonly string[],
  ) {}

  get(unitId: string, period: string, band: TenureBand): Stratum {
    const key = `${unitId}\u0000${period}\u0000${band}`;
    let id = this.byKey.get(key);
    if (id === undefined) {
      if (!this.children.has(unitId)) throw badRequest(`Unknown unit ${unitId}`);
      if (!periodPattern.test(period)) throw badRequest(`Period ${period} is not a month or a day`);
      if (!tenureBands.includes(band)) throw badRequest(`Tenure band ${band} is not known`);
      id = this.strata.length;
      this.byKey.set(key, id);
      this.strata.push({
        unitId,
        period,
        band,
        count: 0,
        sums: this.indices.map(() => 0),
        answered: this.indices.map(() => 0),
        comments: [],
      });
      const periods = this.byUnitPeriod.get(unitId) ?? new Map<string, number[]>();
      this.byUnitPeriod.set(unitId, periods);
      const list = periods.get(period) ?? [];
      list.push(id);
      periods.set(period, list);
    }
    return this.strata[id];
  }
}

function assemble(
  children: ReadonlyMap<string, readonly string[]>,
  built: StrataBuilder,
  indices: readonly string[],
): Population {
  const { strata, byUnitPeriod } = built;
  const subtrees = new Map<string, string[]>();
  const cellStrata = (cell: CellRequest): Int32Array => {
    const { from, to } = cell.window;
    if (!periodPattern.test(from) || !periodPattern.test(to) || from.length !== to.length) {
      throw badRequest(`Window ${from}..${to} of cell ${cell.key} is not valid`);
    }
    if (!children.has(cell.unit.unitId)) throw badRequest(`Unknown unit ${cell.unit.unitId}`);
    const bands = cell.tenure ? new Set<TenureBand>(cell.tenure) : null;
    const root = cell.unit.unitId;
    let unitIds = [root];
    if (cell.unit.scope === 'subtree') {
      unitIds = subtrees.get(root) ?? subtree(children, root);
      subtrees.set(root, unitIds);
    }
    const ids: number[] = [];
    for (const unitId of unitIds) {
      for (const [period, list] of byUnitPeriod.get(unitId) ?? []) {
        // Compare on the window's granularity, so daily responses fall into monthly windows.
        const coarse = period.slice(0, from.length);
        if (coarse < from || coarse > to) continue;
        for (const id of list) if (!bands || bands.has(strata[id].band)) ids.push(id);
      }
    }
    return Int32Array.from(ids).sort();
  };

  return { indices, strata, cellStrata };
}

function childrenByUnit(units: readonly OrgUnit[]): Map<string, string[]> {
  const children = new Map<string, string[]>();
  for (const unit of units) {
    if (children.has(unit.id)) throw badRequest(`Unit ${unit.id} appears twice`);
    children.set(unit.id, []);
  }
  for (const unit of units) {
    if (unit.parentId === null) continue;
    const siblings = children.get(unit.parentId);
    if (!siblings) throw badRequest(`Unit ${unit.id} has an unknown parent ${unit.parentId}`);
    siblings.push(unit.id);
  }
  return children;
}

function subtree(children: ReadonlyMap<string, readonly string[]>, root: string): string[] {
  const seen = new Set<string>([root]);
  const queue = [root];
  for (let i = 0; i < queue.length; i++) {
    for (const child of children.get(queue[i]) ?? []) {
      if (seen.has(child)) throw badRequest(`The unit tree has a cycle through ${child}`);
      seen.add(child);
      queue.push(child);
    }
  }
  return queue;
}
