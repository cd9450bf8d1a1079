import type { SurveyLanguage } from '@valueloop/contracts';
import type { AssetUrls } from '../../../survey-page/views/layout.ts';
import { messagePage } from '../../../survey-page/views/layout.ts';
import { employeePageMessages } from '../messages.ts';

interface PageOpts {
  lang: SurveyLanguage;
  assets: AssetUrls;
}

type StatePage = 'notFound' | 'answered' | 'closed' | 'thanks' | 'nothingToRate';

/** The short pages of a link that cannot (or can no longer) be answered, and the thank-you. */
export function employeeStatePage(state: StatePage, { lang, assets }: PageOpts): string {
  const m = employeePageMessages(lang);
  const texts: Record<StatePage, [string, string]> = {
    notFound: [m.notFoundTitle, m.notFoundText],
    answered: [m.answeredTitle, m.answeredText],
    closed: [m.closedTitle, m.closedText],
    thanks: [m.thanksTitle, m.thanksText],
    nothingToRate: [m.nothingToRateTitle, m.nothingToRateText],
  };
  const [title, text] = texts[state];
  return messagePage({ lang, assets, title, lines: [text] });
}
