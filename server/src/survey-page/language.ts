import { type LocalText, type SurveyLanguage, surveyLanguages } from '@valueloop/contracts';
import catalog from './messages.json' with { type: 'json' };

export type Messages = typeof catalog.en;
const messagesByLanguage: Record<SurveyLanguage, Messages> = catalog;

export function messagesFor(lang: SurveyLanguage): Messages {
  return messagesByLanguage[lang];
}

const isSurveyLanguage = (value: string): value is SurveyLanguage =>
  (surveyLanguages as readonly string[]).includes(value);

/**
 * The respondent's language: `?lang=` when the survey has it, else the first
 * `Accept-Language` entry (by q-weight) the survey has, else the survey's first language.
 */
export interface LanguagePreference {
  query?: string;
  acceptLanguage?: string;
}

export function pickLanguage(
  opts: LanguagePreference & { available: readonly SurveyLanguage[] },
): SurveyLanguage {
  const { available } = opts;
  const has = (l: string): l is SurveyLanguage => isSurveyLanguage(l) && available.includes(l);
  const asked = opts.query?.toLowerCase();
  if (asked && has(asked)) return asked;
  const ranked = (opts.acceptLanguage ?? '')
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { lang: tag.toLowerCase().split('-')[0]!, q: q ? Number(q.slice(2)) : 1, index };
    })
    .filter((e) => e.lang && Number.isFinite(e.q) && e.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  const match = ranked.find((e) => has(e.lang));
  return match ? (match.lang as SurveyLanguage) : (available[0] ?? 'en');
}

/** A survey text in the language, falling back to English (always present). */
export function localize(text: LocalText, lang: SurveyLanguage): string {
  return text[lang] ?? text.en;
}

/** "Ana L.", "Ana L. and Bo K.", "Ana L., Bo K. and Cy D." */
export function joinNames(names: string[], lang: SurveyLanguage): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} ${messagesFor(lang).and} ${names.at(-1)}`;
}
