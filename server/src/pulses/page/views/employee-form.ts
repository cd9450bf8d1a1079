import type {
  FieldError,
  SurveyDefinition,
  SurveyKind,
  SurveyLanguage,
} from '@valueloop/contracts';
import type { Answers } from '../../../responses/answers.ts';
import { html, type SafeHtml } from '../../../survey-page/html.ts';
import { localize, type Messages, messagesFor } from '../../../survey-page/language.ts';
import { type AssetUrls, layout } from '../../../survey-page/views/layout.ts';
import { renderQuestion } from '../../../survey-page/views/questions.ts';
import { errorMessage } from '../../../survey-page/views/survey-form.ts';
import { loadSurveyTemplate } from '../../../surveys/templates.ts';
import type { EmployeeForm, FormSection } from '../../submission-form.ts';
import { type EmployeePageMessages, employeePageMessages } from '../messages.ts';

export interface EmployeeFormView {
  lang: SurveyLanguage;
  assets: AssetUrls;
  kind: SurveyKind;
  /** The survey version as published (title, intro). */
  definition: SurveyDefinition;
  /** What is asked: per rated unit for internal service surveys. */
  form: EmployeeForm;
  answers: Answers;
  errors: FieldError[];
  k: number;
  kComments: number;
  /** Where the form posts (the script posts JSON to the same URL). */
  action: string;
  /** Where the script saves the draft. */
  draftUrl: string;
}

const employeeTemplates = ['employee_pulse', 'internal_service', 'manager_upward'] as const;
type EmployeeTemplate = (typeof employeeTemplates)[number];
const isEmployeeTemplate = (kind: SurveyKind): kind is EmployeeTemplate =>
  (employeeTemplates as readonly string[]).includes(kind);

/**
 * The survey's own intro, unless it is the item bank's stock sentence about anonymity: the
 * notice above says the same with this organization's real thresholds.
 */
function customIntro(view: EmployeeFormView): string | null {
  if (!view.definition.intro) return null;
  const text = localize(view.definition.intro, view.lang);
  const stock = isEmployeeTemplate(view.kind) ? loadSurveyTemplate(view.kind).intro : undefined;
  return stock && localize(stock, view.lang) === text ? null : text;
}

function anonymityNotice(view: EmployeeFormView, e: EmployeePageMessages): SafeHtml {
  const shown = e.anonymousShown
    .replace('{k}', String(view.k))
    .replace('{kc}', String(view.kComments));
  return html`<section class="intro" aria-labelledby="anonymity-title">
<h2 id="anonymity-title">${e.anonymousTitle}</h2>
<p>${e.anonymousStored}</p>
<p>${shown}</p>
<p>${e.anonymousDraft}</p>
</section>`;
}

const questionIdOf = (error: FieldError) => (error.field ?? '').replace(/^answers\.?/, '');

/** Links to every question with an error (focused on load, so it is announced first). */
function errorSummary(view: EmployeeFormView, m: Messages): SafeHtml | null {
  if (!view.errors.length) return null;
  const questions = new Map(view.form.definition.questions.map((q) => [q.id, q]));
  const items = view.errors.map((error) => {
    const q = questions.get(questionIdOf(error));
    return q
      ? html`<li><a href="#q-${q.id}">${localize(q.text, view.lang)}</a></li>`
      : html`<li>${m.errorGeneric}</li>`;
  });
  return html`<div class="summary" id="error-summary" role="alert" tabindex="-1" autofocus>
<p>${m.errorSummary}</p>
<ul>${items}</ul>
</div>`;
}

function renderSection(view: EmployeeFormView, section: FormSection, m: Messages): SafeHtml {
  const questions = section.items.map(({ question }) => {
    const error = view.errors.find((e) => e.field === `answers.${question.id}`);
    return renderQuestion({
      question,
      lang: view.lang,
      messages: m,
      value: view.answers[question.id],
      error: error ? errorMessage(error, m) : undefined,
      people: [],
    });
  });
  if (!section.unit) return html`${questions}`;
  const headingId = `unit-${section.unit.id}`;
  return html`<section class="rated-unit" aria-labelledby="${headingId}">
<h2 id="${headingId}">${section.unit.name}</h2>
${questions}
</section>`;
}

/** The employee's survey page: complete without JavaScript; the shared script saves drafts. */
export function renderEmployeeForm(view: EmployeeFormView): string {
  const m = messagesFor(view.lang);
  const e = employeePageMessages(view.lang);
  const title = localize(view.definition.title, view.lang);
  const perUnit = view.form.sections.some((s) => s.unit !== null);
  const intro = customIntro(view);
  const body = html`<h1>${title}</h1>
${anonymityNotice(view, e)}
${intro && html`<p class="intro">${intro}</p>`}
${errorSummary(view, m)}
<form class="survey" method="post" action="${view.action}" novalidate data-save-url="${view.draftUrl}" data-elapsed="0" data-msg-required="${m.errorRequired}" data-msg-invalid="${m.errorInvalid}" data-msg-generic="${m.errorGeneric}" data-msg-saving="${m.saving}" data-msg-saved="${m.saved}" data-msg-save-failed="${m.saveFailed}">
${perUnit && html`<p class="intro">${e.ratedUnitsIntro}</p>`}
${view.form.sections.map((section) => renderSection(view, section, m))}
<p class="status" id="save-status" role="status" aria-live="polite"></p>
<button type="submit" class="submit">${m.submit}</button>
</form>`;
  return layout({ lang: view.lang, title, assets: view.assets, body, script: true });
}
