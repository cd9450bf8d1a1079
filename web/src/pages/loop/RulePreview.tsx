import type { caseRulePreviewSchema } from '@valueloop/contracts';
import type { z } from 'zod';
import { dateTime } from '../cases/CaseBadges.tsx';
import { excerpt } from '../responses/ScoreChips.tsx';

/** What the rule would have matched among the last responses (nothing is saved or opened). */
export function RulePreview({ preview }: { preview: z.infer<typeof caseRulePreviewSchema> }) {
  return (
    <section className="rule-preview" aria-labelledby="preview-title" aria-live="polite">
      <h3 id="preview-title" data-testid="rule-preview-count">
        Would open {preview.matched} {preview.matched === 1 ? 'case' : 'cases'} out of the last{' '}
        {preview.tested} responses
      </h3>
      {preview.samples.length > 0 && (
        <div className="table-wrap">
          <table className="table compact-table">
            <caption className="visually-hidden">Matching responses</caption>
            <thead>
              <tr>
                <th scope="col">Submitted</th>
                <th scope="col">Unit</th>
                <th scope="col" className="num">
                  CVI
                </th>
                <th scope="col" className="num">
                  NPS
                </th>
                <th scope="col">Comment</th>
              </tr>
            </thead>
            <tbody>
              {preview.samples.map((s) => (
                <tr key={s.responseId}>
                  <td className="nowrap">{dateTime(s.submittedAt)}</td>
                  <td>{s.unitName ?? '—'}</td>
                  <td className="num">{s.cvi === null ? '—' : Math.round(s.cvi)}</td>
                  <td className="num">{s.nps ?? '—'}</td>
                  <td className="comment-cell">{excerpt(s.comment)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
