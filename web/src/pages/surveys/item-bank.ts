import type { QuestionType } from '@valueloop/contracts';
import bank from './item-bank.json';

export interface Construct {
  code: string;
  wording: string;
  role: string;
}

/** The customer item bank's construct codes with their wording (data in item-bank.json). */
export const constructs: readonly Construct[] = bank.constructs;
export const questionTypeLabels: Record<QuestionType, string> = bank.questionTypes;

export const languageNames = { en: 'English', es: 'Spanish' } as const;
