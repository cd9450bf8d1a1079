import type { Unit, UnitTree } from '@valueloop/contracts';

interface Props {
  tree: UnitTree;
  selectedId: string | null;
  onSelect: (id: string) => void;
}

const ROW = 28;
const WIDTH = 720;
const COLUMN = 250;
const TOP = 36;

const shorten = (name: string) => (name.length > 30 ? `${name.slice(0, 29)}…` : name);

/** Back-office units on the left, the units they serve on the right, one line per support edge. */
export function SupportGraph({ tree, selectedId, onSelect }: Props) {
  const byId = new Map(tree.units.map((u) => [u.id, u]));
  const edges = tree.supportEdges.filter((e) => byId.has(e.fromUnitId) && byId.has(e.toUnitId));
  if (edges.length === 0) {
    return <p className="muted">No support links are recorded yet. Import them as CSV.</p>;
  }
  const unique = (ids: string[]) =>
    [...new Set(ids)]
      .map((id) => byId.get(id))
      .filter((u): u is Unit => u !== undefined)
      .sort((a, b) => a.name.localeCompare(b.name));
  const suppliers = unique(edges.map((e) => e.fromUnitId));
  const served = unique(edges.map((e) => e.toUnitId));
  const rows = Math.max(suppliers.length, served.length);
  const height = TOP + rows * ROW + 8;
  // Each column is spread over the full height, so a short column does not bunch up.
  const yOf = (list: Unit[], id: string) => {
    const step = (rows * ROW) / list.length;
    return TOP + list.findIndex((u) => u.id === id) * step + step / 2;
  };
  const leftX = COLUMN;
  const rightX = WIDTH - COLUMN;
  const touches = (e: { fromUnitId: string; toUnitId: string }) =>
    selectedId !== null && (e.fromUnitId === selectedId || e.toUnitId === selectedId);

  const node = (unit: Unit, side: 'left' | 'right', list: Unit[]) => {
    const y = yOf(list, unit.id);
    const x = side === 'left' ? leftX : rightX;
    const active = unit.id === selectedId;
    return (
      // biome-ignore lint/a11y/noStaticElementInteractions: a mouse shortcut; the tree and the table are the keyboard way
      <g
        key={`${side}-${unit.id}`}
        className={`graph-node graph-${unit.kind}${active ? ' active' : ''}`}
        onClick={() => onSelect(unit.id)}
      >
        <title>{unit.name}</title>
        <circle cx={x} cy={y} r={6} />
        <text
          x={side === 'left' ? x - 12 : x + 12}
          y={y}
          dominantBaseline="middle"
          textAnchor={side === 'left' ? 'end' : 'start'}
        >
          {shorten(unit.name)}
        </text>
      </g>
    );
  };

  return (
    <figure className="support-graph">
      <svg
        viewBox={`0 0 ${WIDTH} ${height}`}
        role="img"
        aria-labelledby="support-graph-caption"
        data-testid="support-graph"
      >
        <title>Support links between back-office units and the units they serve</title>
        <text x={leftX} y={16} textAnchor="end" className="graph-heading">
          Back office (supplier)
        </text>
        <text x={rightX} y={16} textAnchor="start" className="graph-heading">
          Units served
        </text>
        {edges.map((e) => {
          const y1 = yOf(suppliers, e.fromUnitId);
          const y2 = yOf(served, e.toUnitId);
          const mid = (leftX + rightX) / 2;
          return (
            <path
              key={`${e.fromUnitId}-${e.toUnitId}`}
              d={`M ${leftX} ${y1} C ${mid} ${y1}, ${mid} ${y2}, ${rightX} ${y2}`}
              className={`graph-edge${touches(e) ? ' active' : ''}`}
              data-testid="support-edge"
            />
          );
        })}
        {suppliers.map((u) => node(u, 'left', suppliers))}
        {served.map((u) => node(u, 'right', served))}
      </svg>
      <p className="graph-legend" aria-hidden="true">
        <span className="legend-dot graph-back_office" /> Back office
        <span className="legend-dot graph-front_line" /> Front line
      </p>
      <figcaption id="support-graph-caption">
        {edges.length} support {edges.length === 1 ? 'link' : 'links'}: {suppliers.length}{' '}
        back-office {suppliers.length === 1 ? 'unit serves' : 'units serve'} {served.length}{' '}
        {served.length === 1 ? 'unit' : 'units'}.
      </figcaption>
      <details className="graph-table">
        <summary>Support links as a table</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">Back-office unit</th>
              <th scope="col">Serves</th>
            </tr>
          </thead>
          <tbody>
            {edges.map((e) => (
              <tr key={`${e.fromUnitId}-${e.toUnitId}`}>
                <td>{byId.get(e.fromUnitId)?.name}</td>
                <td>{byId.get(e.toUnitId)?.name}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
