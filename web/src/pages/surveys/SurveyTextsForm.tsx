import { type SurveyDefinition, surveyLanguages } from '@valueloop/contracts';
import type { Dispatch } from 'react';
import type { EditorAction } from './definition-editor.ts';
import { FieldErrorText, useFieldError } from './FieldErrors.tsx';
import { languageNames } from './item-bank.ts';
import { LocalTextInputs } from './LocalTextInputs.tsx';

interface Props {
  name: string;
  onNameChange: (name: string) => void;
  definition: SurveyDefinition;
  dispatch: Dispatch<EditorAction>;
}

/** The survey's name, offered languages, title, intro and thank-you texts. */
export function SurveyTextsForm({ name, onNameChange, definition, dispatch }: Props) {
  const nameError = useFieldError('name');
  const { languages } = definition;
  return (
    <section className="card form" aria-labelledby="texts-heading">
      <h2 id="texts-heading">Survey texts</h2>
      <div className="field">
        <label htmlFor="survey-name">Internal name</label>
        <input
          id="survey-name"
          type="text"
          value={name}
          onChange={(e) => onNameChange(e.target.value)}
          {...nameError.inputProps}
        />
        <FieldErrorText field="name" />
      </div>
      <fieldset className="choice-group">
        <legend>Languages offered</legend>
        {surveyLanguages.map((language) => (
          <label key={language} className="choice">
            <input
              type="checkbox"
              checked={languages.includes(language)}
              disabled={language === 'en'}
              onChange={(e) => dispatch({ type: 'toggleLanguage', language, on: e.target.checked })}
            />
            {languageNames[language]}
            {language === 'en' && <span className="muted"> (always: the fallback)</span>}
          </label>
        ))}
      </fieldset>
      <FieldErrorText field="draft.languages" />
      {(['title', 'intro', 'thankYou'] as const).map((field) => (
        <LocalTextInputs
          key={field}
          field={`draft.${field}`}
          idPrefix={`survey-${field}`}
          label={{ title: 'Title', intro: 'Introduction', thankYou: 'Thank-you message' }[field]}
          text={definition[field]}
          languages={languages}
          multiline={field !== 'title'}
          onChange={(language, value) => dispatch({ type: 'setText', field, language, value })}
        />
      ))}
    </section>
  );
}
