import type { SurveyLanguage } from '@valueloop/contracts';
import catalog from './messages.json' with { type: 'json' };

/** Texts of the employee survey page; the shared ones (scales, errors) are the survey page's. */
export type EmployeePageMessages = typeof catalog.en;
const byLanguage: Record<SurveyLanguage, EmployeePageMessages> = catalog;

export const employeePageMessages = (lang: SurveyLanguage): EmployeePageMessages =>
  byLanguage[lang];
