import type { RecoveryRoi } from '@valueloop/contracts';

type Row = RecoveryRoi['total'];

const pct = (v: number | null) => (v === null ? '—' : `${Math.round(v * 100)} %`);
const roiText = (v: number | null) => (v === null ? '—' : `${Math.round(v * 100)} %`);

function Cells({ row }: { row: Row }) {
  return (
    <>
      <td className="num">{row.actions}</td>
      <td className="num">{row.cost}</td>
      <td className="num">{row.resurveyScore === null ? '—' : Math.round(row.resurveyScore)}</td>
      <td className="num">{pct(row.retentionRate)}</td>
      <td className="num">{row.retainedValue ?? '—'}</td>
      <td className="num">{roiText(row.roi)}</td>
    </>
  );
}

function Head({ first, currency }: { first: string; currency: string }) {
  return (
    <thead>
      <tr>
        <th scope="col">{first}</th>
        <th scope="col" className="num">
          Actions
        </th>
        <th scope="col" className="num">
          Cost ({currency})
        </th>
        <th scope="col" className="num">
          Re-survey
        </th>
        <th scope="col" className="num">
          Retained
        </th>
        <th scope="col" className="num">
          Retained value
        </th>
        <th scope="col" className="num">
          ROI
        </th>
      </tr>
    </thead>
  );
}

/** Recovery ROI: cost vs the value of customers kept beyond the unrecovered baseline. */
export function RoiTable({ roi }: { roi: RecoveryRoi }) {
  return (
    <section className="card" aria-labelledby="roi-title">
      <h2 id="roi-title">Recovery ROI</h2>
      <p className="hint">
        {roi.valueBasis.description} Baseline: {pct(roi.baseline.retentionRate)} of{' '}
        {roi.baseline.cases} unrecovered detractor cases came back within {roi.windowDays} days.
      </p>
      <div className="table-wrap">
        <table className="table" data-testid="roi-by-type">
          <caption>By action type</caption>
          <Head first="Type" currency={roi.currency} />
          <tbody>
            {roi.byType.map((r) => (
              <tr key={r.type}>
                <th scope="row" className="row-head">
                  {r.type}
                </th>
                <Cells row={r} />
              </tr>
            ))}
            <tr className="total-row">
              <th scope="row" className="row-head">
                All
              </th>
              <Cells row={roi.total} />
            </tr>
          </tbody>
        </table>
      </div>
      <div className="table-wrap">
        <table className="table" data-testid="roi-by-unit">
          <caption>By unit</caption>
          <Head first="Unit" currency={roi.currency} />
          <tbody>
            {roi.byUnit.map((r) => (
              <tr key={r.unit.id}>
                <th scope="row" className="row-head">
                  {r.unit.name}
                </th>
                <Cells row={r} />
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
