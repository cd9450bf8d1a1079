import type { ResultCell } from '@valueloop/contracts';
import { formatIndexValue, SUPPRESSED_TEXT } from './labels.ts';

/** How one index of one released cell reads on screen. */
export type IndexReading =
  | { kind: 'suppressed'; text: typeof SUPPRESSED_TEXT }
  | { kind: 'missing'; text: string }
  | { kind: 'value'; value: number; text: string };

/**
 * The reading of `code` in a cell. A suppressed cell gives the fixed text and nothing else, so
 * no number can leak through a tooltip, a color or an aria-label.
 */
export function readIndex(cell: ResultCell, code: string): IndexReading {
  if (cell.status === 'suppressed') return { kind: 'suppressed', text: SUPPRESSED_TEXT };
  const value = cell.means[code];
  if (value === null || value === undefined) return { kind: 'missing', text: 'No answers' };
  return { kind: 'value', value, text: formatIndexValue(code, value) };
}

/** The index's value, or null when suppressed or unanswered (e.g. a gap in a trend line). */
export function indexValue(cell: ResultCell, code: string): number | null {
  const reading = readIndex(cell, code);
  return reading.kind === 'value' ? reading.value : null;
}
