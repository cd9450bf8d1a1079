import type { SurveyDefinition, SurveyLanguage } from '@valueloop/contracts';
import { html } from '../html.ts';
import { joinNames, localize, messagesFor } from '../language.ts';
import { type AssetUrls, messagePage } from './layout.ts';

interface PageOpts {
  lang: SurveyLanguage;
  assets: AssetUrls;
}

/** Unknown or tampered links: nothing about what was wrong. */
export const notFoundPage = ({ lang, assets }: PageOpts) => {
  const m = messagesFor(lang);
  return messagePage({ lang, assets, title: m.notFoundTitle, lines: [m.notFoundText] });
};

export const expiredPage = ({ lang, assets }: PageOpts) => {
  const m = messagesFor(lang);
  return messagePage({ lang, assets, title: m.expiredTitle, lines: [m.expiredText] });
};

export const alreadyAnsweredPage = ({ lang, assets }: PageOpts) => {
  const m = messagesFor(lang);
  return messagePage({ lang, assets, title: m.answeredTitle, lines: [m.answeredText] });
};

export function thankYouPage(
  opts: PageOpts & { definition: SurveyDefinition; thankedNames: string[] },
) {
  const m = messagesFor(opts.lang);
  const text = opts.definition.thankYou
    ? localize(opts.definition.thankYou, opts.lang)
    : m.thankYouDefault;
  const lines = [text];
  if (opts.thankedNames.length)
    lines.push(m.thanksReach.replace('{names}', joinNames(opts.thankedNames, opts.lang)));
  return messagePage({ ...opts, title: m.thankYouTitle, lines });
}

export function optOutConfirmPage(opts: PageOpts & { action: string }) {
  const m = messagesFor(opts.lang);
  return messagePage({
    ...opts,
    title: m.optOutTitle,
    lines: [m.optOutText],
    extra: html`<form method="post" action="${opts.action}"><button type="submit">${m.optOutConfirm}</button></form>`,
  });
}

export const optOutDonePage = ({ lang, assets }: PageOpts) => {
  const m = messagesFor(lang);
  return messagePage({ lang, assets, title: m.optOutDoneTitle, lines: [m.optOutDoneText] });
};
