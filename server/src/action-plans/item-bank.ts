import { loadSurveyTemplate } from '../surveys/templates.ts';

/**
 * The employee pulse items a plan can link to: construct codes of the employee item bank (the
 * employee_pulse template), with their English wording as label. eNPS (not a 0–100 agreement
 * score) and the comment are not obstacles one can link.
 */
let cache: Map<string, string> | null = null;

export function pulseItemBank(): ReadonlyMap<string, string> {
  if (!cache) {
    cache = new Map();
    for (const q of loadSurveyTemplate('employee_pulse').questions) {
      if (!q.construct || q.construct === 'comment' || q.construct === 'enps') continue;
      cache.set(q.construct, q.text.en ?? q.construct);
    }
  }
  return cache;
}
