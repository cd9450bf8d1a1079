import { CellIndex } from './cell-index.ts';

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
  /** Per candidate: lower priorities are withdrawn first by complementary suppression. */
  readonly priority?: ArrayLike<number>;
}

/**
 * Which candidates can be shown: `true` for shown, `false` for suppressed. A candidate equal to
 * a released cell adds nothing and stays shown; equal candidates share one decision.
 */
export function selectReleasable(options: SelectOptions): boolean[] {
  const { weight } = options;
  // Most cells have no stratum of weight 0 (nobody skipped): keep them as they are.
  const positive = (cell: Int32Array) =>
    cell.every((id) => weight[id] > 0) ? cell : cell.filter((id) => weight[id] > 0);
  const released = new CellIndex();
  for (const cell of options.fixed) released.add(positive(cell));
  const slots = new CellIndex();
  const distinct: Int32Array[] = [];
  // Equal candidates share one decision, valued as the most valued of them.
  const slotPriority: number[] = [];
  const slotOf = options.candidates.map((cell, c) => {
    const key = positive(cell);
    if (released.find(key) >= 0) return -1;
    const { slot, added } = slots.add(key);
    const priority = options.priority?.[c] ?? 0;
    if (added) {
      distinct.push(cell);
      slotPriority.push(priority);
    } else slotPriority[slot] = Math.max(slotPriority[slot], priority);
    return slot;
  });
  const shown = selectDistinct({ ...options, candidates: distinct, priority: slotPriority });
  return slotOf.map((slot) => slot < 0 || shown[slot]);
}

function selectDistinct(options: SelectOptions): boolean[] {
  const { fixed, candidates, weight, threshold } = options;
  const family = new Family([...fixed, ...candidates], weight);
  const first = fixed.length;
  const sizes = candidates.map((cell) => sizeOf(cell, weight));
  const priority = (c: number) => options.priority?.[c - first] ?? 0;
  // Rule 1, primary suppression: a cell with fewer than k responses is never shown.
  candidates.forEach((_, i) => {
    family.active[first + i] = sizes[i] >= threshold ? 1 : 0;
  });
  for (;;) {
    const atoms = family.atoms();
    const violations = atoms.small(threshold);
    if (violations.length === 0) break;
    // Rule 2, complementary suppression: for each small atom, withdraw one new cell whose
    // removal merges the atom into a neighbour or uncovers it — the least valued such cell,
    // then the smallest (ties: the later request). One withdrawal may mend several atoms, so atoms whose options are
    // already planned wait for the next round.
    const planned = new Set<number>();
    for (const stratum of violations) {
      const options = family.removalOptions(stratum, atoms, first);
      if (options.some((c) => planned.has(c))) continue;
      options.sort(
        (a, b) => priority(a) - priority(b) || sizes[a - first] - sizes[b - first] || b - a,
      );
      if (options.length > 0) planned.add(options[0]);
    }
    // Cannot happen while `fixed` is safe; withdrawing everything new is the sound fallback.
    if (planned.size === 0) return candidates.map(() => false);
    for (const c of planned) family.active[c] = 0;
  }
  return candidates.map((_, i) => family.active[first + i] === 1);
}

/**
 * Whether a family already known to be safe by responses stays safe at another weight (answers
 * to one index): every atom is empty or ≥ threshold, and every cell reaches the threshold. A
 * shortcut for the common case where `selectReleasable` would keep every candidate; `classOf`
 * is `atomClasses` of exactly these cells.
 */
export function keepsAllAtWeight(
  cells: readonly Int32Array[],
  classOf: Int32Array,
  weight: ArrayLike<number>,
  threshold: number,
): boolean {
  for (const cell of cells) if (sizeOf(cell, weight) < threshold) return false;
  // Class numbers are not dense (refinement retires classes): size by the largest one.
  let classes = 0;
  for (let id = 0; id < classOf.length; id++) classes = Math.max(classes, classOf[id]);
  const atomWeights = new Float64Array(classes + 1);
  for (let id = 0; id < classOf.length; id++) atomWeights[classOf[id]] += weight[id];
  for (let c = 1; c < atomWeights.length; c++) {
    if (atomWeights[c] > 0 && atomWeights[c] < threshold) return false;
  }
  return true;
}

/** The atom of each stratum in a family of cells (0: in no cell). */
export function atomClasses(cells: readonly Int32Array[], strata: number): Int32Array {
  return new Family(cells, new Float64Array(strata).fill(1)).atoms().classOf;
}

/** The invariant itself: every atom of the family is empty or has at least `threshold` weight. */
export function isSafeFamily(
  cells: readonly Int32Array[],
  weight: ArrayLike<number>,
  threshold: number,
): boolean {
  return new Family(cells, weight).atoms().small(threshold).length === 0;
}

export function sizeOf(cell: Int32Array, weight: ArrayLike<number>): number {
  let size = 0;
  for (const id of cell) size += weight[id];
  return size;
}

/** Atoms as a class per stratum (0: in no active cell), their weights and representatives. */
interface Atoms {
  readonly classOf: Int32Array;
  small(threshold: number): number[];
}

/**
 * A family of cells over strata of positive weight, with an on/off flag per cell and the
 * reverse index stratum → cells (ascending), so atoms are found by partition refinement in time
 * linear in the memberships, without building any pattern strings.
 */
class Family {
  readonly active: Uint8Array;
  private readonly cells: Int32Array[];
  private readonly weight: ArrayLike<number>;
  private readonly start: Int32Array;
  private readonly members: Int32Array;
  private readonly memberships: number;

  constructor(cells: readonly Int32Array[], weight: ArrayLike<number>) {
    this.weight = weight;
    this.cells = cells.map((cell) =>
      cell.every((id) => weight[id] > 0) ? cell : cell.filter((id) => weight[id] > 0),
    );
    this.active = new Uint8Array(cells.length).fill(1);
    const start = new Int32Array(weight.length + 1);
    for (const cell of this.cells) for (const id of cell) start[id + 1]++;
    for (let i = 0; i < weight.length; i++) start[i + 1] += start[i];
    const fill = start.slice(0, weight.length);
    const members = new Int32Array(start[weight.length]);
    this.cells.forEach((cell, c) => {
      for (const id of cell) members[fill[id]++] = c;
    });
    this.start = start;
    this.members = members;
    this.memberships = members.length;
  }

  /** Active cells containing a stratum, ascending. */
  patternOf(stratum: number): number[] {
    const pattern: number[] = [];
    for (let i = this.start[stratum]; i < this.start[stratum + 1]; i++) {
      if (this.active[this.members[i]]) pattern.push(this.members[i]);
    }
    return pattern;
  }

  atoms(): Atoms {
    const classOf = new Int32Array(this.weight.length);
    const stamp = new Int32Array(this.memberships + 1);
    const splitTo = new Int32Array(this.memberships + 1);
    let next = 1;
    this.cells.forEach((cell, c) => {
      if (!this.active[c]) return;
      for (const id of cell) {
        const old = classOf[id];
        if (stamp[old] !== c + 1) {
          stamp[old] = c + 1;
          splitTo[old] = next++;
        }
        classOf[id] = splitTo[old];
      }
    });
    const weights = new Float64Array(next);
    const representative = new Int32Array(next).fill(-1);
    for (let id = 0; id < classOf.length; id++) {
      weights[classOf[id]] += this.weight[id];
      if (representative[classOf[id]] < 0) representative[classOf[id]] = id;
    }
    const small = (threshold: number) => {
      const found: number[] = [];
      for (let c = 1; c < next; c++) {
        if (weights[c] > 0 && weights[c] < threshold) found.push(c);
      }
      // Smallest atoms first; ties by their lowest stratum, so the order is deterministic.
      found.sort((a, b) => weights[a] - weights[b] || representative[a] - representative[b]);
      return found.map((c) => representative[c]);
    };
    return { classOf, small };
  }

  /** New cells (ids ≥ first) whose withdrawal changes the atom of the given stratum. */
  removalOptions(stratum: number, atoms: Atoms, first: number): number[] {
    const pattern = this.patternOf(stratum);
    const options = new Set(pattern.filter((c) => c >= first));
    // Splitters: cells C outside the pattern with a non-empty atom of pattern P ∪ {C}; such an
    // atom lies inside every cell of P, so scanning the smallest cell of P finds them all.
    const smallest = pattern.reduce((a, b) =>
      this.cells[b].length < this.cells[a].length ? b : a,
    );
    for (const id of this.cells[smallest]) {
      if (atoms.classOf[id] === atoms.classOf[stratum]) continue;
      const other = this.patternOf(id);
      if (other.length !== pattern.length + 1) continue;
      const extra = other.filter((c) => !pattern.includes(c));
      if (extra.length === 1 && extra[0] >= first) options.add(extra[0]);
    }
    if (options.size > 0) return [...options];
    // The atom lies only in fixed cells and is split off by new cells in several ways at once:
    // any new cell overlapping its cells is a step towards the fixed family's own, safe, atoms.
    for (const c of pattern) {
      for (const id of this.cells[c]) {
        for (const d of this.patternOf(id)) if (d >= first) options.add(d);
      }
    }
    return [...options];
  }
}
