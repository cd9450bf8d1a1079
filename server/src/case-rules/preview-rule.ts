import type { CaseRuleBody, caseRulePreviewSchema } from '@valueloop/contracts';
import type { z } from 'zod';
import type { DbOrTx } from '../db/client.ts';
import { evaluateRule } from './evaluate.ts';
import { latestCustomerResponseIds, loadRuleSubjects } from './response-facts.ts';
import { validateRule } from './validate-rule.ts';

export const PREVIEW_SAMPLE_SIZE = 100;

/**
 * "Test against the last 100 responses": evaluates an unsaved rule on the organization's latest
 * customer responses and lists those it would open a case for. Nothing is written.
 */
export async function previewCaseRule(opts: {
  db: DbOrTx;
  orgId: string;
  body: CaseRuleBody;
}): Promise<z.infer<typeof caseRulePreviewSchema>> {
  const { db, orgId, body } = opts;
  await validateRule({ db, orgId, rule: body });
  const ids = await latestCustomerResponseIds({ db, orgId, limit: PREVIEW_SAMPLE_SIZE });
  const subjects = await loadRuleSubjects({ db, orgId, responseIds: ids });
  const order = new Map(ids.map((id, i) => [id, i]));
  const matched = subjects
    .filter((subject) => evaluateRule(body, subject.facts))
    .sort((a, b) => order.get(a.facts.responseId)! - order.get(b.facts.responseId)!);
  return {
    tested: subjects.length,
    matched: matched.length,
    samples: matched.map((subject) => ({
      responseId: subject.facts.responseId,
      submittedAt: subject.submittedAt?.toISOString() ?? null,
      unitName: subject.unitName,
      cvi: subject.facts.scores.cvi,
      nps: subject.facts.scores.nps,
      comment: subject.facts.comment,
    })),
  };
}
