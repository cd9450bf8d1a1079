import type { LocalText, Question, SurveyLanguage } from '@valueloop/contracts';
import labels from './preview-labels.json';
import type { AnswerValue } from './show-if.ts';

interface Props {
  question: Question;
  uid: string;
  language: SurveyLanguage;
  value: AnswerValue | undefined;
  onAnswer: (value: AnswerValue | undefined) => void;
}

/** A text in the preview language, falling back to English as the public page does. */
export function localized(text: LocalText | undefined, language: SurveyLanguage) {
  return (language === 'es' ? text?.es : undefined) ?? text?.en ?? '';
}

type ScaleType = 'agreement5' | 'csat5' | 'effort7' | 'nps';
const scales: Record<ScaleType, [number, number]> = {
  agreement5: [1, 5],
  csat5: [1, 5],
  effort7: [1, 7],
  nps: [0, 10],
};

/** One question as the respondent sees it; answering it updates the preview's show-if. */
export function PreviewQuestion({ question, uid, language, value, onAnswer }: Props) {
  const l = labels[language];
  const text = localized(question.text, language) || '(no text yet)';
  const scaleType = question.type in scales ? (question.type as ScaleType) : null;
  const name = `${uid}-answer`;

  const legend = (
    <legend className="preview-legend">
      {text}
      {question.required && <span className="preview-required"> ({l.required})</span>}
    </legend>
  );

  if (scaleType) {
    const range = scales[scaleType];
    const anchors = l[scaleType];
    const points = Array.from({ length: range[1] - range[0] + 1 }, (_, i) => range[0] + i);
    return (
      <fieldset className="preview-question">
        {legend}
        <div className="scale">
          {points.map((p) => (
            <label key={p} className="scale-point">
              <input type="radio" name={name} checked={value === p} onChange={() => onAnswer(p)} />
              <span>{p}</span>
            </label>
          ))}
        </div>
        <div className="scale-anchors" aria-hidden="true">
          <span>{anchors[0]}</span>
          <span>{anchors[1]}</span>
        </div>
      </fieldset>
    );
  }
  if (question.type === 'yes_no' || question.type === 'single_choice') {
    const choices =
      question.type === 'yes_no'
        ? [
            { value: true, label: l.yes },
            { value: false, label: l.no },
          ]
        : (question.options ?? []).map((o) => ({
            value: o.value,
            label: localized(o.text, language),
          }));
    return (
      <fieldset className="preview-question">
        {legend}
        <div className="preview-choices">
          {choices.map((c) => (
            <label key={String(c.value)} className="choice">
              <input
                type="radio"
                name={name}
                checked={value === c.value}
                onChange={() => onAnswer(c.value)}
              />
              {c.label}
            </label>
          ))}
        </div>
      </fieldset>
    );
  }
  if (question.type === 'multi_choice') {
    const picked = Array.isArray(value) ? value : [];
    return (
      <fieldset className="preview-question">
        {legend}
        <div className="preview-choices">
          {(question.options ?? []).map((o) => (
            <label key={o.value} className="choice">
              <input
                type="checkbox"
                checked={picked.includes(o.value)}
                onChange={(e) => {
                  const next = e.target.checked
                    ? [...picked, o.value]
                    : picked.filter((v) => v !== o.value);
                  onAnswer(next.length ? next : undefined);
                }}
              />
              {localized(o.text, language)}
            </label>
          ))}
        </div>
      </fieldset>
    );
  }
  if (question.type === 'thank_picker') {
    return (
      <fieldset className="preview-question">
        {legend}
        <p className="muted">{l.thanks}</p>
      </fieldset>
    );
  }
  const Input = question.type === 'long_text' ? 'textarea' : 'input';
  return (
    <div className="preview-question field">
      <label htmlFor={name} className="preview-legend">
        {text}
        {question.required && <span className="preview-required"> ({l.required})</span>}
      </label>
      <Input
        id={name}
        className="text-input"
        value={typeof value === 'string' ? value : ''}
        maxLength={question.maxLength}
        onChange={(e) => onAnswer(e.target.value === '' ? undefined : e.target.value)}
      />
    </div>
  );
}
