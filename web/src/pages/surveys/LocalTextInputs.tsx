import type { LocalText, SurveyLanguage } from '@valueloop/contracts';
import { FieldErrorText, useFieldError } from './FieldErrors.tsx';
import { languageNames } from './item-bank.ts';

interface Props {
  /** Field path as the server names it, e.g. `draft.questions.2.text`. */
  field: string;
  /** DOM id prefix; each language's input gets `${idPrefix}-${language}`. */
  idPrefix: string;
  label: string;
  text: LocalText | undefined;
  languages: readonly SurveyLanguage[];
  multiline?: boolean;
  onChange: (language: SurveyLanguage, value: string) => void;
}

/** One input per language the survey offers, each with its own label and error. */
export function LocalTextInputs(props: Props) {
  return (
    <>
      {props.languages.map((language) => (
        <LanguageInput key={language} {...props} language={language} />
      ))}
    </>
  );
}

function LanguageInput(props: Props & { language: SurveyLanguage }) {
  const { field, idPrefix, label, text, language, multiline, onChange } = props;
  const path = `${field}.${language}`;
  const { inputProps } = useFieldError(path);
  const id = `${idPrefix}-${language}`;
  const value = text?.[language] ?? '';
  return (
    <div className="field">
      <label htmlFor={id}>
        {label} <span className="lang-tag">{languageNames[language]}</span>
      </label>
      {multiline ? (
        <textarea
          id={id}
          rows={2}
          className="text-input"
          value={value}
          lang={language}
          onChange={(e) => onChange(language, e.target.value)}
          {...inputProps}
        />
      ) : (
        <input
          id={id}
          type="text"
          value={value}
          lang={language}
          onChange={(e) => onChange(language, e.target.value)}
          {...inputProps}
        />
      )}
      <FieldErrorText field={path} />
    </div>
  );
}
