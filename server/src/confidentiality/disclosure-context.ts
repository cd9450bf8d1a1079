import { AppError } from '../http/errors.ts';
import { CellIndex, hashOf } from './cell-index.ts';
import { buildPopulation, buildPopulationFromStrata, type Population } from './population.ts';
import { shuffleComments } from './shuffle.ts';
import { atomClasses, keepsAllAtWeight, selectReleasable, sizeOf } from './suppression.ts';
import {
  type CellRequest,
  type CellResult,
  type CommentsResult,
  type ConfidentialityOptions,
  defaultK,
  defaultKComments,
  floorK,
} from './types.ts';

/**
 * A disclosure context is one viewer's release ledger: every result set the viewer sees in a
 * session (a heatmap, then a drill-down, then the same unit with a filter) is released through
 * the same context. Rule 5: each `release` is checked together with everything released before,
 * so a cell that would allow differencing against an earlier release is suppressed.
 */
export interface DisclosureContext {
  release(cells: readonly CellRequest[]): CellResult[];
}

/** A released family at one level: the cells' strata, deduplicated by content. */
class Ledger {
  readonly cells: Int32Array[] = [];
  private readonly seen = new CellIndex();

  add(cell: Int32Array, hash = hashOf(cell)): void {
    if (this.seen.add(cell, hash).added) this.cells.push(cell);
  }
}

export function createDisclosureContext(options: ConfidentialityOptions): DisclosureContext {
  const { k, kComments } = thresholds(options);
  const seed = options.seed ?? 0;
  const population = options.strata
    ? buildPopulationFromStrata(options.units, options.strata, options.indices)
    : buildPopulation(options.units, options.responses, options.indices);
  const counts = population.strata.map((stratum) => stratum.count);
  const answers = population.indices.map((_, i) =>
    population.strata.map((stratum) => stratum.answered[i]),
  );
  const released = new Ledger();
  const releasedByIndex = population.indices.map(() => new Ledger());
  const releasedComments = new Ledger();

  /**
   * Level 1 (who is counted): rules 1 and 2 on response sets, against the whole ledger.
   * Level 2 (each index): an index is its own unknown per response, learned only from the
   * responses that answered it, so each index gets the same invariant over its answers.
   * Both are run at every threshold from the floor up to k and intersected, which makes the
   * result monotone (raising k never reveals anything) while staying a subset of the run at k,
   * hence safe at k.
   */
  const selectScores = (sets: readonly Int32Array[], priority: readonly number[]) => {
    const shown = sets.map(() => true);
    const meanShown = answers.map(() => sets.map(() => true));
    for (let threshold = floorK; threshold <= k; threshold++) {
      const level1 = selectReleasable({
        fixed: released.cells,
        candidates: sets,
        weight: counts,
        threshold,
        priority,
      });
      const ids = level1.flatMap((on, c) => (on ? [c] : []));
      level1.forEach((on, c) => {
        shown[c] &&= on;
      });
      // In a fresh context the level-1 family is the whole released family, so an index whose
      // answers keep every atom of it at 0 or ≥ threshold keeps every cell (most indices: few
      // people skip items) and needs no search of its own.
      const fresh =
        released.cells.length === 0 && releasedByIndex.every((l) => l.cells.length === 0);
      const shownSets = ids.map((c) => sets[c]);
      const classOf = fresh ? atomClasses(shownSets, counts.length) : null;
      answers.forEach((weight, i) => {
        const level2 =
          classOf && keepsAllAtWeight(shownSets, classOf, weight, threshold)
            ? ids.map(() => true)
            : selectReleasable({
                fixed: releasedByIndex[i].cells,
                candidates: shownSets,
                weight,
                threshold,
                priority: ids.map((c) => priority[c]),
              });
        const flags = sets.map(() => false);
        ids.forEach((c, j) => {
          flags[c] = level2[j];
        });
        flags.forEach((on, c) => {
          meanShown[i][c] &&= on;
        });
      });
    }
    return { shown, meanShown };
  };

  return {
    release(cells) {
      const sets = cells.map((cell) => population.cellStrata(cell));
      const priority = cells.map((cell) => cell.priority ?? 0);
      const { shown, meanShown } = selectScores(sets, priority);
      const shownIds = shown.flatMap((on, i) => (on ? [i] : []));
      // Level 3: comments are single texts, so the same invariant holds with k_c on respondents.
      const commentIds = shownIds.filter((c) => cells[c].comments);
      const commentsShown = selectReleasable({
        fixed: releasedComments.cells,
        candidates: commentIds.map((c) => sets[c]),
        weight: counts,
        threshold: kComments,
        priority: commentIds.map((c) => priority[c]),
      });

      const hashes = new Map(shownIds.map((c) => [c, hashOf(sets[c])]));
      for (const c of shownIds) released.add(sets[c], hashes.get(c));
      meanShown.forEach((flags, i) => {
        flags.forEach((on, c) => {
          if (on) releasedByIndex[i].add(sets[c], hashes.get(c));
        });
      });
      commentsShown.forEach((on, j) => {
        if (on) releasedComments.add(sets[commentIds[j]]);
      });

      return cells.map((cell, c): CellResult => {
        if (!shown[c]) return { key: cell.key, status: 'suppressed' };
        const set = sets[c];
        const means: Record<string, number | null> = {};
        population.indices.forEach((index, i) => {
          means[index] = meanShown[i][c] ? meanOf(population, set, i) : null;
        });
        const result = { key: cell.key, status: 'shown' as const, n: sizeOf(set, counts), means };
        if (!cell.comments) return result;
        const j = commentIds.indexOf(c);
        const comments: CommentsResult = commentsShown[j]
          ? { status: 'shown', texts: commentsOf(population, set, seed) }
          : { status: 'suppressed' };
        return { ...result, comments };
      });
    },
  };
}

/** One-shot release: a fresh context for a single result set. */
export function discloseCells(
  options: ConfidentialityOptions & { readonly cells: readonly CellRequest[] },
): CellResult[] {
  return createDisclosureContext(options).release(options.cells);
}

/** k: default 5, never below the floor of 3; k_c: default max(10, k), never below k. */
function thresholds(options: ConfidentialityOptions): { k: number; kComments: number } {
  const k = options.k ?? defaultK;
  if (!Number.isInteger(k) || k < floorK) {
    throw new AppError('bad_request', `k must be an integer of at least ${floorK}`);
  }
  const kComments = options.kComments ?? Math.max(defaultKComments, k);
  if (!Number.isInteger(kComments) || kComments < k) {
    throw new AppError('bad_request', 'k for comments must be an integer of at least k');
  }
  return { k, kComments };
}

function meanOf(population: Population, set: Int32Array, index: number): number {
  let sum = 0;
  let answered = 0;
  for (const id of set) {
    sum += population.strata[id].sums[index];
    answered += population.strata[id].answered[index];
  }
  return sum / answered;
}

function commentsOf(population: Population, set: Int32Array, seed: number): string[] {
  const texts = [...set].flatMap((id) => population.strata[id].comments);
  return shuffleComments(texts, seed, set.join(','));
}
