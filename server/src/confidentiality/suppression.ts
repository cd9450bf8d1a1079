/**
 * Primary and complementary suppression over one family of released cells.
 *
 * The model: every cell is a set of strata (and so of responses). What a viewer can learn from
 * released aggregates is any linear combination of their sums and counts. Any such combination
 * is constant on the *atoms* of the family — the classes of responses that lie in exactly the
 * same released cells — so its support is a union of atoms. Hence the single invariant kept for
 * everything released within one disclosure context:
 *
 *   every atom of the released family holds 0 or at least k responses.
 *
 * It covers, as special cases, every differencing attack named in the rules: a parent minus its
 * shown children (the parent-only atom), a sum of disjoint children equal to the parent, sibling
 * differences, a filter and its complement (the atom "in the total, not in the filter"), nested
 * or overlapping time windows (A ⊂ B leaves the atom B∖A; A, B, A∪B leave A∩B) — and any longer
 * chain of them, because no linear combination can split an atom. Property tests check it with
 * an independent rank-based attacker.
 *
 * Removing a cell from a family only merges atoms (or uncovers them), so every subset of a safe
 * family is safe: suppressing more is always sound, and the greedy loop below terminates.
 */

export interface SelectOptions {
  /** Cells already released in this context (a safe family); they cannot be taken back. */
  readonly fixed: readonly Int32Array[];
  /** Cells asked for now, in request order. */
  readonly candidates: readonly Int32Array[];
  /** Weight of each stratum at this level (responses, or answers to one index). */
  readonly weight: ArrayLike<number>;
  readonly threshold: number;
}

interface Atom {
  readonly cells: readonly number[];
  readonly signature: string;
  weight: number;
}

/**
 * Which candidates can be shown: `true` for shown, `false` for suppressed. A candidate equal to
 * a released cell adds nothing and stays shown; equal candidates share one decision.
 */
export function selectReleasable(options: SelectOptions): boolean[] {
  const { weight } = options;
  const keyOf = (cell: Int32Array) => cell.filter((id) => weight[id] > 0).join(',');
  const released = new Set(options.fixed.map(keyOf));
  const slots = new Map<string, number>();
  const distinct: Int32Array[] = [];
  const slotOf = options.candidates.map((cell) => {
    const key = keyOf(cell);
    if (released.has(key)) return -1;
    let slot = slots.get(key);
    if (slot === undefined) {
      slot = distinct.push(cell) - 1;
      slots.set(key, slot);
    }
    return slot;
  });
  const shown = selectDistinct({ ...options, candidates: distinct });
  return slotOf.map((slot) => slot < 0 || shown[slot]);
}

function selectDistinct(options: SelectOptions): boolean[] {
  const { fixed, candidates, weight, threshold } = options;
  const sizes = candidates.map((cell) => sizeOf(cell, weight));
  // Rule 1, primary suppression: a cell with fewer than k responses is never shown.
  const active = sizes.map((size) => size >= threshold);
  for (;;) {
    const cells = [...fixed, ...candidates.filter((_, i) => active[i])];
    const candidateOf = [...fixed.map(() => -1), ...active.flatMap((on, i) => (on ? [i] : []))];
    const atoms = atomsOf(cells, weight);
    const violations = atoms
      .filter((atom) => atom.weight < threshold)
      .sort((a, b) => a.weight - b.weight || compare(a.signature, b.signature));
    if (violations.length === 0) return active;

    // Rule 2, complementary suppression: for each small atom, withdraw one new cell whose removal
    // merges the atom into a neighbour or uncovers it — the smallest such cell (ties: the later
    // request). One withdrawal may mend several atoms, so atoms already touched wait a round.
    const bySubPattern = indexBySubPattern(atoms);
    const planned = new Set<number>();
    for (const atom of violations) {
      const options = removalOptions(atom, cells, candidateOf, bySubPattern);
      if (options.some((i) => planned.has(i))) continue;
      const pick = options.sort((a, b) => sizes[a] - sizes[b] || b - a)[0];
      if (pick !== undefined) planned.add(pick);
    }
    // Cannot happen while `fixed` is safe; withdrawing everything new is the sound fallback.
    if (planned.size === 0) return active.map(() => false);
    for (const i of planned) active[i] = false;
  }
}

/** The invariant itself: every atom of the family is empty or has at least `threshold` weight. */
export function isSafeFamily(
  cells: readonly Int32Array[],
  weight: ArrayLike<number>,
  threshold: number,
): boolean {
  return atomsOf(cells, weight).every((atom) => atom.weight >= threshold);
}

export function sizeOf(cell: Int32Array, weight: ArrayLike<number>): number {
  let size = 0;
  for (const id of cell) size += weight[id];
  return size;
}

/** Atoms with positive weight; strata of weight 0 cannot be learned about at this level. */
function atomsOf(cells: readonly Int32Array[], weight: ArrayLike<number>): Atom[] {
  const membership = new Map<number, number[]>();
  cells.forEach((cell, c) => {
    for (const id of cell) {
      if (weight[id] <= 0) continue;
      const list = membership.get(id);
      if (list) list.push(c);
      else membership.set(id, [c]);
    }
  });
  const atoms = new Map<string, Atom>();
  for (const [id, list] of membership) {
    const signature = list.join(',');
    const atom = atoms.get(signature);
    if (atom) atom.weight += weight[id];
    else atoms.set(signature, { cells: list, signature, weight: weight[id] });
  }
  return [...atoms.values()];
}

/** For each atom and each cell of its pattern: pattern minus that cell → the cell. */
function indexBySubPattern(atoms: readonly Atom[]): Map<string, number[]> {
  const index = new Map<string, number[]>();
  for (const atom of atoms) {
    for (const cell of atom.cells) {
      const key = atom.cells.filter((c) => c !== cell).join(',');
      const list = index.get(key);
      if (list) list.push(cell);
      else index.set(key, [cell]);
    }
  }
  return index;
}

/** New cells (as candidate indices) whose withdrawal changes the given small atom. */
function removalOptions(
  atom: Atom,
  cells: readonly Int32Array[],
  candidateOf: readonly number[],
  bySubPattern: ReadonlyMap<string, readonly number[]>,
): number[] {
  const inPattern = atom.cells.filter((c) => candidateOf[c] >= 0);
  const splitters = (bySubPattern.get(atom.signature) ?? []).filter((c) => candidateOf[c] >= 0);
  const direct = [...inPattern, ...splitters].map((c) => candidateOf[c]);
  if (direct.length > 0) return direct;
  // The atom lies only in fixed cells and is split off by new cells in several ways at once:
  // any new cell overlapping its cells is a step towards the fixed family's own, safe, atoms.
  const covered = new Set<number>();
  for (const c of atom.cells) for (const id of cells[c]) covered.add(id);
  const overlapping: number[] = [];
  cells.forEach((cell, c) => {
    if (candidateOf[c] >= 0 && cell.some((id) => covered.has(id))) overlapping.push(candidateOf[c]);
  });
  return overlapping;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
