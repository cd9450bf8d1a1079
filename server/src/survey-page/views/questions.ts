import type { Question, SurveyLanguage } from '@valueloop/contracts';
import type { AnswerValue } from '../../responses/answers.ts';
import { html, type SafeHtml } from '../html.ts';
import { localize, type Messages } from '../language.ts';
import type { ThankablePerson } from '../thank-picker.ts';

export interface QuestionView {
  question: Question;
  lang: SurveyLanguage;
  messages: Messages;
  value: AnswerValue | undefined;
  error: string | undefined;
  people: ThankablePerson[];
}

interface Choice {
  value: string;
  label: string;
  hint?: string;
}

const DEFAULT_MAX = { short_text: 200, long_text: 5000 } as const;
const AVATAR_COLOURS = 6;

function avatarClass(id: string): string {
  let h = 0;
  for (const c of id) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return `avatar c${h % AVATAR_COLOURS}`;
}

function scaleChoices(q: Question, m: Messages): Choice[] {
  const range = (from: number, to: number) =>
    Array.from({ length: to - from + 1 }, (_, i) => String(from + i));
  switch (q.type) {
    case 'agreement5':
      return m.agreement5.map((label, i) => ({ value: String(i + 1), label }));
    case 'csat5':
      return m.csat5.map((label, i) => ({ value: String(i + 1), label }));
    case 'effort7':
      return range(1, 7).map((value) => ({ value, label: value }));
    case 'nps':
      return range(0, 10).map((value) => ({ value, label: value }));
    case 'yes_no':
      return [
        { value: 'yes', label: m.yes },
        { value: 'no', label: m.no },
      ];
    default:
      return [];
  }
}

function isChecked(value: AnswerValue | undefined, option: string): boolean {
  if (Array.isArray(value)) return value.includes(option);
  if (typeof value === 'boolean') return (value ? 'yes' : 'no') === option;
  return value !== undefined && String(value) === option;
}

function legend(v: QuestionView): SafeHtml {
  return html`<legend>${localize(v.question.text, v.lang)}${
    v.question.required &&
    html` <span class="req" aria-hidden="true">*</span><span class="sr"> (${v.messages.required})</span>`
  }</legend>`;
}

function errorText(v: QuestionView): SafeHtml {
  return html`<p class="err" id="err-${v.question.id}">${v.error}</p>`;
}

function shell(v: QuestionView, inner: SafeHtml): SafeHtml {
  const q = v.question;
  return html`<fieldset class="q${v.error ? ' invalid' : ''}" id="q-${q.id}" data-q="${q.id}" data-type="${q.type}" data-show-if="${q.showIf ? JSON.stringify(q.showIf) : ''}" aria-describedby="err-${q.id}">
${legend(v)}
${inner}
${errorText(v)}
</fieldset>`;
}

function choiceGroup(
  v: QuestionView,
  choices: Choice[],
  kind: 'radio' | 'checkbox',
  layout: string,
) {
  const q = v.question;
  return html`<div class="opts ${layout}">${choices.map(
    (c) =>
      html`<label class="opt"><input type="${kind}" name="${q.id}" value="${c.value}"${isChecked(v.value, c.value) && html` checked`}${kind === 'radio' && q.required && html` required`}><span>${c.label}</span></label>`,
  )}</div>`;
}

function scaleEnds(ends: string[], from: number, to: number): SafeHtml {
  return html`<p class="ends"><span>${from} = ${ends[0]}</span><span>${to} = ${ends[1]}</span></p>`;
}

function textQuestion(v: QuestionView): SafeHtml {
  const q = v.question;
  const type = q.type === 'long_text' ? 'long_text' : 'short_text';
  const max = q.maxLength ?? DEFAULT_MAX[type];
  const value = typeof v.value === 'string' ? v.value : '';
  const common = html`id="in-${q.id}" name="${q.id}" maxlength="${max}" aria-describedby="err-${q.id}"${q.required && html` required`}${v.error && html` aria-invalid="true"`}`;
  const input =
    type === 'long_text'
      ? html`<textarea ${common} rows="4">${value}</textarea>`
      : html`<input type="text" ${common} value="${value}">`;
  return html`<div class="q${v.error ? ' invalid' : ''}" id="q-${q.id}" data-q="${q.id}" data-type="${q.type}" data-show-if="${q.showIf ? JSON.stringify(q.showIf) : ''}">
<label class="qlabel" for="in-${q.id}">${localize(q.text, v.lang)}${q.required && html` <span class="req" aria-hidden="true">*</span><span class="sr"> (${v.messages.required})</span>`}</label>
${input}
${errorText(v)}
</div>`;
}

function thankPicker(v: QuestionView): SafeHtml {
  const q = v.question;
  const people = v.people.map(
    (p) =>
      html`<label class="opt person"><input type="checkbox" name="${q.id}" value="${p.id}"${isChecked(v.value, p.id) && html` checked`}><span class="${avatarClass(p.id)}" aria-hidden="true">${p.initials}</span><span>${p.displayName}</span></label>`,
  );
  return shell(v, html`<div class="opts people">${people}</div>`);
}

/** One question as accessible form controls; the name of every control is the question id. */
export function renderQuestion(v: QuestionView): SafeHtml | null {
  const q = v.question;
  const m = v.messages;
  switch (q.type) {
    case 'agreement5':
    case 'csat5':
      return shell(v, choiceGroup(v, scaleChoices(q, m), 'radio', 'stack'));
    case 'effort7':
      return shell(
        v,
        html`${choiceGroup(v, scaleChoices(q, m), 'radio', 'row')}${scaleEnds(m.effort7Ends, 1, 7)}`,
      );
    case 'nps':
      return shell(
        v,
        html`${choiceGroup(v, scaleChoices(q, m), 'radio', 'row')}${scaleEnds(m.npsEnds, 0, 10)}`,
      );
    case 'yes_no':
      return shell(v, choiceGroup(v, scaleChoices(q, m), 'radio', 'row'));
    case 'single_choice':
    case 'multi_choice': {
      const choices = (q.options ?? []).map((o) => ({
        value: o.value,
        label: localize(o.text, v.lang),
      }));
      return shell(
        v,
        choiceGroup(v, choices, q.type === 'single_choice' ? 'radio' : 'checkbox', 'stack'),
      );
    }
    case 'short_text':
    case 'long_text':
      return textQuestion(v);
    case 'thank_picker':
      // Nobody to thank (an open link, or an empty team): the question is left out.
      return v.people.length ? thankPicker(v) : null;
    default:
      return null;
  }
}
