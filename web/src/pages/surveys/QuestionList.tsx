import { type QuestionType, questionTypes, type SurveyDefinition } from '@valueloop/contracts';
import { type Dispatch, useEffect, useRef, useState } from 'react';
import type { EditorAction } from './definition-editor.ts';
import { questionTypeLabels } from './item-bank.ts';
import { QuestionEditor } from './QuestionEditor.tsx';

interface Props {
  definition: SurveyDefinition;
  keys: readonly string[];
  dispatch: Dispatch<EditorAction>;
}

const uidFor = (key: string) => `qe-${key}`;

/** After a structural change, the id of the element that should get keyboard focus. */
type FocusTarget = { kind: 'new' } | { kind: 'id'; id: string };

/**
 * The questions, each with move up/down and remove buttons. Focus follows the change: a moved
 * question keeps focus on the button used, a new question's text gets focus, and after a
 * removal the next question's heading (or the add button) does.
 */
export function QuestionList({ definition, keys, dispatch }: Props) {
  const [newType, setNewType] = useState<QuestionType>('agreement5');
  const focusAfter = useRef<FocusTarget | null>(null);

  useEffect(() => {
    const target = focusAfter.current;
    if (!target) return;
    focusAfter.current = null;
    const id = target.kind === 'new' ? `${uidFor(keys[keys.length - 1] ?? '')}-text-en` : target.id;
    const element = document.getElementById(id);
    if (element instanceof HTMLButtonElement && element.disabled) {
      // A question moved to the top or bottom: the other direction's button stays enabled.
      const other = id.endsWith('-up') ? id.replace(/-up$/, '-down') : id.replace(/-down$/, '-up');
      document.getElementById(other)?.focus();
    } else element?.focus();
  }, [keys]);

  const move = (index: number, delta: -1 | 1) => {
    const key = keys[index];
    if (key === undefined) return;
    focusAfter.current = { kind: 'id', id: `${uidFor(key)}-${delta < 0 ? 'up' : 'down'}` };
    dispatch({ type: 'moveQuestion', index, delta });
  };
  const remove = (index: number) => {
    const next = keys[index + 1] ?? keys[index - 1];
    focusAfter.current = {
      kind: 'id',
      id: next === undefined ? 'add-question' : `${uidFor(next)}-title`,
    };
    dispatch({ type: 'removeQuestion', index });
  };

  return (
    <section aria-labelledby="questions-heading" className="question-section">
      <h2 id="questions-heading">Questions</h2>
      <ol className="question-list">
        {definition.questions.map((question, index) => {
          const key = keys[index] ?? `missing-${index}`;
          return (
            <li key={key}>
              <QuestionEditor
                question={question}
                index={index}
                count={definition.questions.length}
                uid={uidFor(key)}
                languages={definition.languages}
                earlier={definition.questions.slice(0, index)}
                dispatch={dispatch}
                onMove={(delta) => move(index, delta)}
                onRemove={() => remove(index)}
              />
            </li>
          );
        })}
      </ol>
      <div className="add-question">
        <div className="field">
          <label htmlFor="new-question-type">New question type</label>
          <select
            id="new-question-type"
            value={newType}
            onChange={(e) => setNewType(e.target.value as QuestionType)}
          >
            {questionTypes.map((t) => (
              <option key={t} value={t}>
                {questionTypeLabels[t]}
              </option>
            ))}
          </select>
        </div>
        <button
          type="button"
          id="add-question"
          className="button"
          onClick={() => {
            focusAfter.current = { kind: 'new' };
            dispatch({ type: 'addQuestion', questionType: newType });
          }}
        >
          Add question
        </button>
      </div>
    </section>
  );
}
