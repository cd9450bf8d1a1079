import type { AnonymousResponse, CellRequest, OrgUnit } from '../types.ts';

/**
 * An attacker written independently of the engine, for the property tests. It works on single
 * responses (ids 0..n-1 in input order), never on the engine's strata or atoms.
 */

/** The responses each requested cell covers, by walking up the tree from each response. */
export function responseSetsOf(
  units: readonly OrgUnit[],
  responses: readonly AnonymousResponse[],
  cells: readonly CellRequest[],
): number[][] {
  const parentOf = new Map(units.map((unit) => [unit.id, unit.parentId]));
  const ancestorsOf = (unitId: string): string[] => {
    const chain: string[] = [];
    for (let id: string | null = unitId; id !== null; id = parentOf.get(id) ?? null) chain.push(id);
    return chain;
  };
  return cells.map((cell) =>
    responses.flatMap((response, r) => {
      const inUnit =
        cell.unit.scope === 'unit'
          ? response.unitId === cell.unit.unitId
          : ancestorsOf(response.unitId).includes(cell.unit.unitId);
      const period = response.period.slice(0, cell.window.from.length);
      const inWindow = period >= cell.window.from && period <= cell.window.to;
      const inBand = !cell.tenure || cell.tenure.includes(response.band);
      return inUnit && inWindow && inBand ? [r] : [];
    }),
  );
}

/**
 * The differencing attacker of the brief: for every pair A ⊂ B of known sets, B∖A; for every
 * set B and every family of pairwise disjoint known proper subsets of B, B minus their union.
 * Returns a derived group with 1..k-1 members, or null when none exists.
 */
export function differenceAttack(sets: readonly number[][], k: number): number[] | null {
  const asSets = sets.map((set) => new Set(set));
  const subset = (a: Set<number>, b: Set<number>) =>
    a.size <= b.size && [...a].every((x) => b.has(x));
  const small = (size: number) => size > 0 && size < k;
  for (let b = 0; b < asSets.length; b++) {
    const inside = asSets.flatMap((a, i) =>
      i !== b && asSets[i].size < asSets[b].size && subset(a, asSets[b]) ? [i] : [],
    );
    for (const a of inside) {
      if (small(asSets[b].size - asSets[a].size)) return sets[b].filter((x) => !asSets[a].has(x));
    }
    // Unions of pairwise disjoint subsets (depth-first, capped to keep the test fast).
    let budget = 5_000;
    const covered = new Set<number>();
    const search = (from: number): number[] | null => {
      if (--budget < 0) return null;
      for (let j = from; j < inside.length; j++) {
        const candidate = asSets[inside[j]];
        if ([...candidate].some((x) => covered.has(x))) continue;
        for (const x of candidate) covered.add(x);
        const rest = asSets[b].size - covered.size;
        const found = small(rest) ? sets[b].filter((x) => !covered.has(x)) : search(j + 1);
        for (const x of candidate) covered.delete(x);
        if (found) return found;
      }
      return null;
    };
    const found = search(0);
    if (found) return found;
  }
  return null;
}

/**
 * The rank attacker: a vector v over the columns is learnable iff it lies in the row space of
 * the incidence matrix of the released sets. A non-zero learnable vector supported inside T
 * exists iff dropping the columns T lowers the rank. Exhaustive over every T with |T| = k-1
 * (smaller T are subsets of those), so only for tiny instances. Returns an isolated group or null.
 */
export function rankAttack(sets: readonly number[][], columns: readonly number[], k: number) {
  const size = Math.min(k - 1, columns.length);
  const full = rankOf(sets, columns);
  let found: number[] | null = null;
  const choose = (start: number, picked: number[]): void => {
    if (found) return;
    if (picked.length === size) {
      const rest = columns.filter((c) => !picked.includes(c));
      if (rankOf(sets, rest) < full) found = [...picked];
      return;
    }
    for (let i = start; i < columns.length; i++) choose(i + 1, [...picked, columns[i]]);
  };
  if (size > 0) choose(0, []);
  return found;
}

/**
 * Responses whose own value is learnable (e_r in the row space), for any instance size. Columns
 * with the same pattern carry equal entries in every learnable vector, so only a response whose
 * pattern is unique can be isolated; the rank is computed on the distinct patterns.
 */
export function exposedResponses(sets: readonly number[][], columns: readonly number[]): number[] {
  const memberships = sets.map((set) => new Set(set));
  const byPattern = new Map<string, number[]>();
  for (const c of columns) {
    const pattern = memberships.map((m) => (m.has(c) ? 1 : 0)).join('');
    byPattern.set(pattern, [...(byPattern.get(pattern) ?? []), c]);
  }
  const distinct = [...byPattern.values()].map((group) => group[0]);
  const full = rankOf(sets, distinct);
  return [...byPattern.values()].flatMap((group) =>
    group.length === 1 &&
    rankOf(
      sets,
      distinct.filter((x) => x !== group[0]),
    ) < full
      ? group
      : [],
  );
}

/**
 * Exact rank of a 0/1 matrix by fraction-free (Bareiss) elimination on BigInt: every
 * intermediate entry is a minor of the matrix, and every division is exact.
 */
export function rankOf(sets: readonly number[][], columns: readonly number[]): number {
  const rows = sets.map((set) => {
    const members = new Set(set);
    return columns.map((c): bigint => (members.has(c) ? 1n : 0n));
  });
  let rank = 0;
  let previous = 1n;
  for (let col = 0; col < columns.length && rank < rows.length; col++) {
    const pivot = rows.findIndex((row, i) => i >= rank && row[col] !== 0n);
    if (pivot < 0) continue;
    [rows[rank], rows[pivot]] = [rows[pivot], rows[rank]];
    const p = rows[rank];
    for (let i = rank + 1; i < rows.length; i++) {
      const row = rows[i];
      const factor = row[col];
      for (let j = col; j < columns.length; j++)
        row[j] = (p[col] * row[j] - factor * p[j]) / previous;
    }
    previous = p[col];
    rank++;
  }
  return rank;
}
