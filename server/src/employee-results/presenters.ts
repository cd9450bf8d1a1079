import type { ResultCell } from '@valueloop/contracts';
import type { StoredCell } from './result-cells.ts';

/**
 * A released cell as the API shows it. A suppressed (or missing) cell is exactly
 * { status: 'suppressed' }: no count, no reason. Shown means are limited to `codes`.
 */
export function presentCell(cell: StoredCell | undefined, codes: readonly string[]): ResultCell {
  if (cell?.status !== 'shown' || cell.n === null || cell.means === null) {
    return { status: 'suppressed' };
  }
  const means: Record<string, number | null> = {};
  for (const code of codes) means[code] = cell.means[code] ?? null;
  return { status: 'shown', n: cell.n, means };
}

/** Comments travel only with a shown cell whose comments passed k_c. */
export function presentComments(
  cell: StoredCell | undefined,
): { status: 'shown'; texts: string[] } | { status: 'suppressed' } {
  if (cell?.status !== 'shown' || !cell.comments) return { status: 'suppressed' };
  return { status: 'shown', texts: cell.comments };
}
