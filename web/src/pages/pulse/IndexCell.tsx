import type { ResultCell } from '@valueloop/contracts';
import { readIndex } from './cells.ts';
import { heatColor } from './heatmap-scale.ts';
import { indexLabel } from './labels.ts';

interface Props {
  cell: ResultCell;
  code: string;
  /** Colors the cell by its value (heatmaps); plain otherwise. */
  heat?: boolean;
}

/**
 * One index of one released cell as a table cell. Suppressed: hatched, "Not enough responses",
 * and nothing else — no number in a title, a color or a data attribute.
 */
export function IndexCell({ cell, code, heat = false }: Props) {
  const reading = readIndex(cell, code);
  if (reading.kind === 'suppressed') {
    return (
      <td className="cell-suppressed" data-status="suppressed" data-index={code}>
        {reading.text}
      </td>
    );
  }
  if (reading.kind === 'missing') {
    return (
      <td className="num cell-missing" data-status="missing" data-index={code}>
        <span aria-hidden="true">–</span>
        <span className="visually-hidden">No answers to {indexLabel(code)}</span>
      </td>
    );
  }
  return (
    <td
      className={`num${heat ? ' cell-heat' : ''}`}
      data-status="shown"
      data-index={code}
      style={heat ? { background: heatColor(code, reading.value) } : undefined}
    >
      {reading.text}
    </td>
  );
}
