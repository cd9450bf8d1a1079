/** How the server scores a response (server/src/responses/scoring.ts), for the UI's help. */
export function ScoringHelp() {
  return (
    <details className="help card">
      <summary>How scores are computed</summary>
      <p>
        Every coded answer becomes an item score from 0 to 100, higher meaning better for the
        customer: agreement and satisfaction (1–5) map 1 → 0 and 5 → 100; likelihood to recommend
        0–10 maps to 0–100; yes is 100 and no is 0. Items marked reverse-scored are turned around
        (100 − score). Effort is the exception: it reads as effort, so higher means more effort.
      </p>
      <p>
        <strong>Customer Value Index (CVI)</strong>, 0–100:
      </p>
      <pre className="formula">
        {`benefits = mean of the answered [cv.result, cv.ease, cv.solved]
costs    = mean of the available [100 − cv.price, cv.effort, broken promise ? 100 : 0]
CVI      = 50 + (benefits − costs) / 2`}
      </pre>
      <p>
        Full benefits at no cost give 100; no benefits at full cost give 0. The CVI needs at least
        one benefit and one cost item, otherwise it is empty. A broken promise comes from the answer
        to cv.promise (“It took longer than I was promised”) or, when that is missing, from the
        interaction’s promised and actual completion times.
      </p>
      <p>
        <strong>NPS category</strong> from the 0–10 answer: 9–10 promoter, 7–8 passive, 0–6
        detractor. NPS for a group is % promoters − % detractors. <strong>CSAT</strong> is the item
        score of <code>sat</code>; <strong>effort</strong> that of <code>cv.effort</code>.
      </p>
    </details>
  );
}
