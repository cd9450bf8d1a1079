import type { FieldError, SurveyDefinition, SurveyLanguage } from '@valueloop/contracts';
import type { Answers } from '../../responses/answers.ts';
import { html, type SafeHtml } from '../html.ts';
import { localize, type Messages, messagesFor } from '../language.ts';
import type { ThankablePerson } from '../thank-picker.ts';
import { type AssetUrls, layout } from './layout.ts';
import { renderQuestion } from './questions.ts';

export interface SurveyFormView {
  lang: SurveyLanguage;
  assets: AssetUrls;
  definition: SurveyDefinition;
  answers: Answers;
  errors: FieldError[];
  people: ThankablePerson[];
  /** Where the form posts; the script posts JSON to the same URL. */
  action: string;
  /** Invitation pages save each answer here; open links submit once. */
  saveUrl: string | null;
  hidden: Record<string, string>;
  /** Answering time already spent before this page load (a resumed partial). */
  elapsedMs: number;
  optOutUrl: string | null;
}

/** Localized inline message for a validation error (the problem+json keeps the English one). */
export function errorMessage(error: FieldError, m: Messages): string {
  return error.message === 'is required' ? m.errorRequired : m.errorInvalid;
}

function errorSummary(view: SurveyFormView, m: Messages): SafeHtml | null {
  const ids = view.definition.questions.map((q) => q.id);
  const idOf = (e: FieldError) => (e.field ?? '').replace(/^answers\./, '');
  const shown = view.errors.filter((e) => ids.includes(idOf(e)));
  if (!shown.length) return null;
  return html`<div class="summary" id="error-summary" role="alert" tabindex="-1" autofocus>
<p>${m.errorSummary}</p>
<ul>${shown.map((e) => {
    const id = idOf(e);
    const q = view.definition.questions.find((x) => x.id === id)!;
    return html`<li><a href="#q-${id}">${localize(q.text, view.lang)}</a></li>`;
  })}</ul>
</div>`;
}

/** The survey page: server-rendered, complete without JavaScript; the script enhances it. */
export function renderSurveyForm(view: SurveyFormView): string {
  const m = messagesFor(view.lang);
  const d = view.definition;
  const errorFor = (id: string) => {
    const e = view.errors.find((x) => x.field === `answers.${id}`);
    return e ? errorMessage(e, m) : undefined;
  };
  const questions = d.questions.map((question) =>
    renderQuestion({
      question,
      lang: view.lang,
      messages: m,
      value: view.answers[question.id],
      error: errorFor(question.id),
      people: view.people,
    }),
  );
  const title = localize(d.title, view.lang);
  const body = html`<h1>${title}</h1>
${d.intro && html`<p class="intro">${localize(d.intro, view.lang)}</p>`}
${errorSummary(view, m)}
<form class="survey" method="post" action="${view.action}" novalidate data-save-url="${view.saveUrl ?? ''}" data-elapsed="${view.elapsedMs}" data-msg-required="${m.errorRequired}" data-msg-invalid="${m.errorInvalid}" data-msg-generic="${m.errorGeneric}" data-msg-saving="${m.saving}" data-msg-saved="${m.saved}" data-msg-save-failed="${m.saveFailed}">
${Object.entries(view.hidden).map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`)}
${questions}
<p class="status" id="save-status" role="status" aria-live="polite"></p>
<button type="submit" class="submit">${m.submit}</button>
</form>
${view.optOutUrl && html`<p class="foot"><a href="${view.optOutUrl}">${m.optOutLink}</a></p>`}`;
  return layout({ lang: view.lang, title, assets: view.assets, body, script: true });
}
