import type { Heatmap } from '@valueloop/contracts';
import { useMemo, useState } from 'react';
import { ScrollRegion } from '../../components/ScrollRegion.tsx';
import { IndexCell } from './IndexCell.tsx';
import { indexLabel, indexShortLabel, SUPPRESSED_TEXT } from './labels.ts';
import { allParents, buildRowTree, initialExpansion, visibleRows } from './unit-rows.ts';

interface Props {
  heatmap: Pick<Heatmap, 'indices' | 'rows'>;
  caption: string;
  testId: string;
}

/**
 * Units × indices as a real table: row headers are units (expand/collapse buttons drill down the
 * tree), column headers are indices, each cell prints its value on a color scale; suppressed
 * cells are hatched and say "Not enough responses".
 */
export function HeatmapTable({ heatmap, caption, testId }: Props) {
  const tree = useMemo(() => buildRowTree(heatmap.rows), [heatmap.rows]);
  const [expanded, setExpanded] = useState<Set<string>>(() => initialExpansion(tree));
  const placed = visibleRows(tree, expanded);

  const toggle = (unitId: string) =>
    setExpanded((prev) => {
      const next = new Set(prev);
      if (next.has(unitId)) next.delete(unitId);
      else next.add(unitId);
      return next;
    });

  if (heatmap.rows.length === 0) {
    return <p className="muted">No units with results in this view.</p>;
  }

  return (
    <>
      <div className="heatmap-tools">
        <button
          type="button"
          className="button button-small"
          onClick={() => setExpanded(allParents(tree))}
        >
          Expand all
        </button>
        <button
          type="button"
          className="button button-small"
          onClick={() => setExpanded(new Set())}
        >
          Collapse all
        </button>
        <HeatLegend />
      </div>
      <ScrollRegion label="Heatmap table" className="table-wrap heatmap-wrap">
        <table className="table heatmap" data-testid={testId}>
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">Unit</th>
              <th scope="col" className="num">
                Responses
              </th>
              {heatmap.indices.map((code) => (
                <th key={code} scope="col" className="num">
                  <abbr title={indexLabel(code)}>{indexShortLabel(code)}</abbr>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {placed.map(({ row, level, hasChildren, expanded: open }) => (
              <tr key={row.unitId} data-unit-id={row.unitId} data-status={row.cell.status}>
                <th scope="row" className="heatmap-unit">
                  <span
                    className="heatmap-indent"
                    style={{ paddingLeft: `${(level - 1) * 1.1}rem` }}
                  >
                    {hasChildren ? (
                      <button
                        type="button"
                        className="tree-button"
                        aria-expanded={open}
                        aria-label={`${open ? 'Collapse' : 'Expand'} ${row.unitName}`}
                        onClick={() => toggle(row.unitId)}
                      >
                        <span aria-hidden="true">{open ? '▾' : '▸'}</span>
                      </button>
                    ) : (
                      <span className="tree-button-spacer" aria-hidden="true" />
                    )}
                    {row.unitName}
                  </span>
                </th>
                {row.cell.status === 'shown' ? (
                  <>
                    <td className="num">{row.cell.n}</td>
                    {heatmap.indices.map((code) => (
                      <IndexCell key={code} cell={row.cell} code={code} heat />
                    ))}
                  </>
                ) : (
                  // One suppressed group: one hatched cell across all its columns.
                  <td className="cell-suppressed" colSpan={heatmap.indices.length + 1}>
                    {SUPPRESSED_TEXT}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </>
  );
}

/** The color scale in words: the value is always printed, color only adds emphasis. */
function HeatLegend() {
  return (
    <p className="heat-legend">
      <span className="heat-swatch heat-low" aria-hidden="true" /> low
      <span className="heat-swatch heat-mid" aria-hidden="true" /> middle
      <span className="heat-swatch heat-high" aria-hidden="true" /> high
      <span className="heat-swatch cell-suppressed" aria-hidden="true" /> {SUPPRESSED_TEXT}
    </p>
  );
}
