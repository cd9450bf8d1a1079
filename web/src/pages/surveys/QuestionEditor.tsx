import { type Question, questionTypes, type SurveyLanguage } from '@valueloop/contracts';
import type { Dispatch } from 'react';
import { choiceTypes, type EditorAction } from './definition-editor.ts';
import { FieldErrorText, useFieldError } from './FieldErrors.tsx';
import { constructs, questionTypeLabels } from './item-bank.ts';
import { LocalTextInputs } from './LocalTextInputs.tsx';
import { OptionsEditor } from './OptionsEditor.tsx';
import { ShowIfEditor } from './ShowIfEditor.tsx';

interface Props {
  question: Question;
  index: number;
  count: number;
  /** Stable key of this question in the editor; prefixes every DOM id. */
  uid: string;
  languages: readonly SurveyLanguage[];
  earlier: readonly Question[];
  dispatch: Dispatch<EditorAction>;
  onMove: (delta: -1 | 1) => void;
  onRemove: () => void;
}

/** Every setting of one question, as a fieldset. */
export function QuestionEditor(props: Props) {
  const { question, index, count, uid, languages, earlier, dispatch } = props;
  const field = `draft.questions.${index}`;
  const idError = useFieldError(`${field}.id`);
  const update = (patch: Partial<Question>) => dispatch({ type: 'updateQuestion', index, patch });
  const name = `question ${index + 1} (${question.id})`;
  const known = constructs.some((c) => c.code === question.construct);

  return (
    <fieldset className="question-card" aria-labelledby={`${uid}-title`}>
      <div className="question-head">
        <h3 id={`${uid}-title`} tabIndex={-1}>
          Question {index + 1}
          <span className="muted"> · {questionTypeLabels[question.type]}</span>
        </h3>
        <div className="question-tools">
          <button
            type="button"
            id={`${uid}-up`}
            className="button button-small"
            onClick={() => props.onMove(-1)}
            disabled={index === 0}
            aria-label={`Move ${name} up`}
          >
            ↑ Up
          </button>
          <button
            type="button"
            id={`${uid}-down`}
            className="button button-small"
            onClick={() => props.onMove(1)}
            disabled={index === count - 1}
            aria-label={`Move ${name} down`}
          >
            ↓ Down
          </button>
          <button
            type="button"
            className="button button-small button-danger"
            onClick={props.onRemove}
            disabled={count <= 1}
            aria-label={`Remove ${name}`}
          >
            Remove
          </button>
        </div>
      </div>
      <FieldErrorText field={field} />
      <div className="question-grid">
        <div className="field">
          <label htmlFor={`${uid}-id`}>Question id</label>
          <input
            id={`${uid}-id`}
            type="text"
            value={question.id}
            spellCheck={false}
            onChange={(e) => update({ id: e.target.value })}
            {...idError.inputProps}
          />
          <FieldErrorText field={`${field}.id`} />
        </div>
        <div className="field">
          <label htmlFor={`${uid}-type`}>Type</label>
          <select
            id={`${uid}-type`}
            value={question.type}
            onChange={(e) =>
              dispatch({
                type: 'setQuestionType',
                index,
                questionType: e.target.value as Question['type'],
              })
            }
          >
            {questionTypes.map((t) => (
              <option key={t} value={t}>
                {questionTypeLabels[t]}
              </option>
            ))}
          </select>
        </div>
        <div className="field field-wide">
          <label htmlFor={`${uid}-construct`}>Construct (item bank)</label>
          <select
            id={`${uid}-construct`}
            value={question.construct ?? ''}
            onChange={(e) => update({ construct: e.target.value || undefined })}
          >
            <option value="">None: not scored</option>
            {!known && question.construct && (
              <option value={question.construct}>{question.construct}</option>
            )}
            {constructs.map((c) => (
              <option key={c.code} value={c.code}>
                {c.code}: “{c.wording}” ({c.role})
              </option>
            ))}
          </select>
          <FieldErrorText field={`${field}.construct`} />
        </div>
      </div>
      <div className="choice-group">
        <label className="choice">
          <input
            type="checkbox"
            checked={question.required}
            onChange={(e) => update({ required: e.target.checked })}
          />
          Required
        </label>
        {question.type === 'agreement5' && (
          <label className="choice">
            <input
              type="checkbox"
              checked={question.reverse}
              onChange={(e) => update({ reverse: e.target.checked })}
            />
            Reverse-scored (negatively worded)
          </label>
        )}
      </div>
      <LocalTextInputs
        field={`${field}.text`}
        idPrefix={`${uid}-text`}
        label="Question text"
        text={question.text}
        languages={languages}
        onChange={(language, value) =>
          dispatch({ type: 'setQuestionText', index, language, value })
        }
      />
      {choiceTypes.includes(question.type) && (
        <OptionsEditor
          field={`${field}.options`}
          idPrefix={uid}
          options={question.options ?? []}
          languages={languages}
          onChange={(options) => dispatch({ type: 'setOptions', index, options })}
        />
      )}
      {!choiceTypes.includes(question.type) && <FieldErrorText field={`${field}.options`} />}
      <ShowIfEditor
        field={`${field}.showIf`}
        idPrefix={uid}
        showIf={question.showIf}
        earlier={earlier}
        onChange={(showIf) => update({ showIf })}
      />
    </fieldset>
  );
}
