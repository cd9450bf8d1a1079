/**
 * Cells (sorted stratum ids) deduplicated by content. A hash picks the bucket and a full
 * comparison decides, so two different cells are never taken for one — that would let a new
 * cell pass as "already released". Cheaper than string keys: a release family of 12,000 cells
 * over thousands of strata is keyed dozens of times (per threshold, per index).
 */
export class CellIndex {
  /** Cell content by slot; a hash maps to its first slot, collisions chain in `next`. */
  private readonly cells: Int32Array[] = [];
  private readonly next: number[] = [];
  private readonly first = new Map<number, number>();

  get size(): number {
    return this.cells.length;
  }

  /** The slot of a cell with this content, or -1. */
  find(cell: Int32Array, hash = hashOf(cell)): number {
    for (let slot = this.first.get(hash) ?? -1; slot >= 0; slot = this.next[slot]) {
      if (sameContent(this.cells[slot], cell)) return slot;
    }
    return -1;
  }

  /** The slot of this content, adding it when new; `added` says which. */
  add(cell: Int32Array, hash = hashOf(cell)): { slot: number; added: boolean } {
    const found = this.find(cell, hash);
    if (found >= 0) return { slot: found, added: false };
    const slot = this.cells.length;
    this.cells.push(cell);
    this.next.push(this.first.get(hash) ?? -1);
    this.first.set(hash, slot);
    return { slot, added: true };
  }
}

/** FNV-1a over the ids; pass it to `find`/`add` when one cell is keyed in several indexes. */
export function hashOf(cell: Int32Array): number {
  let hash = 0x811c9dc5 ^ cell.length;
  for (let i = 0; i < cell.length; i++) hash = Math.imul(hash ^ cell[i], 0x01000193);
  // 30 bits: small integers make fast Map keys; collisions are resolved by comparing content.
  return hash & 0x3fffffff;
}

function sameContent(a: Int32Array, b: Int32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
