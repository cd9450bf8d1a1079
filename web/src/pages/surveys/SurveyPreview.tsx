import type { SurveyDefinition, SurveyLanguage } from '@valueloop/contracts';
import { useState } from 'react';
import { languageNames } from './item-bank.ts';
import { localized, PreviewQuestion } from './PreviewQuestion.tsx';
import { type Answers, type AnswerValue, visibleQuestions } from './show-if.ts';

interface Props {
  definition: SurveyDefinition;
  keys: readonly string[];
}

/**
 * The draft as a respondent sees it, in one of its languages. Answers given here only drive
 * the show-if logic; nothing is sent to the server.
 */
export function SurveyPreview({ definition, keys }: Props) {
  const [chosen, setChosen] = useState<SurveyLanguage>('en');
  const [answers, setAnswers] = useState<Answers>({});
  const language = definition.languages.includes(chosen) ? chosen : 'en';
  const shown = new Set(visibleQuestions(definition.questions, answers).map((q) => q.id));
  const hidden = definition.questions.length - shown.size;
  const answer = (id: string, value: AnswerValue | undefined) =>
    setAnswers((prev) => {
      const next = { ...prev };
      if (value === undefined) delete next[id];
      else next[id] = value;
      return next;
    });

  return (
    <section className="card preview" aria-labelledby="preview-heading" data-testid="preview">
      <div className="preview-bar">
        <h2 id="preview-heading">Live preview</h2>
        <div className="field field-inline">
          <label htmlFor="preview-language">Language</label>
          <select
            id="preview-language"
            value={language}
            onChange={(e) => setChosen(e.target.value as SurveyLanguage)}
          >
            {definition.languages.map((l) => (
              <option key={l} value={l}>
                {languageNames[l]}
              </option>
            ))}
          </select>
        </div>
        <button type="button" className="button button-small" onClick={() => setAnswers({})}>
          Clear answers
        </button>
      </div>
      <p className="hint" aria-live="polite">
        {hidden === 0
          ? 'Every question is shown.'
          : `${hidden} ${hidden === 1 ? 'question is' : 'questions are'} hidden by show-if until earlier answers match.`}
      </p>
      <div className="preview-page" lang={language}>
        <h3 className="preview-title">{localized(definition.title, language)}</h3>
        {definition.intro && <p>{localized(definition.intro, language)}</p>}
        {definition.questions.map((q, i) =>
          shown.has(q.id) ? (
            <PreviewQuestion
              key={keys[i] ?? q.id}
              question={q}
              uid={`pv-${keys[i] ?? i}`}
              language={language}
              value={answers[q.id]}
              onAnswer={(value) => answer(q.id, value)}
            />
          ) : null,
        )}
        {definition.thankYou && (
          <p className="preview-thanks">
            <span className="visually-hidden">After sending: </span>
            {localized(definition.thankYou, language)}
          </p>
        )}
      </div>
    </section>
  );
}
