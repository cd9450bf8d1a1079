import type { SurveyLanguage } from '@valueloop/contracts';
import { type ChoiceOption, withText } from './definition-editor.ts';
import { FieldErrorText, useFieldError } from './FieldErrors.tsx';
import { LocalTextInputs } from './LocalTextInputs.tsx';

interface Props {
  field: string;
  idPrefix: string;
  options: readonly ChoiceOption[];
  languages: readonly SurveyLanguage[];
  onChange: (options: ChoiceOption[]) => void;
}

/** The answer options of a single or multiple choice question. */
export function OptionsEditor({ field, idPrefix, options, languages, onChange }: Props) {
  const set = (index: number, option: ChoiceOption) =>
    onChange(options.map((o, i) => (i === index ? option : o)));
  const add = () => {
    const taken = new Set(options.map((o) => o.value));
    let n = options.length + 1;
    while (taken.has(`option_${n}`)) n += 1;
    onChange([...options, { value: `option_${n}`, text: { en: `Option ${n}` } }]);
  };
  return (
    <fieldset className="subgroup">
      <legend>Answer options</legend>
      <FieldErrorText field={field} />
      <ol className="option-list">
        {options.map((option, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: inputs are controlled; keying by the value would remount them while it is typed
          <li key={i} className="option-row">
            <OptionValue
              field={`${field}.${i}.value`}
              id={`${idPrefix}-opt${i}-value`}
              value={option.value}
              number={i + 1}
              onChange={(value) => set(i, { ...option, value })}
            />
            <LocalTextInputs
              field={`${field}.${i}.text`}
              idPrefix={`${idPrefix}-opt${i}-text`}
              label={`Option ${i + 1} text`}
              text={option.text}
              languages={languages}
              onChange={(language, value) =>
                set(i, { ...option, text: withText(option.text, language, value) })
              }
            />
            <button
              type="button"
              className="button button-small button-danger"
              onClick={() => onChange(options.filter((_, j) => j !== i))}
              aria-label={`Remove option ${i + 1}`}
            >
              Remove
            </button>
          </li>
        ))}
      </ol>
      <button type="button" className="button button-small" onClick={add}>
        Add option
      </button>
    </fieldset>
  );
}

function OptionValue(props: {
  field: string;
  id: string;
  value: string;
  number: number;
  onChange: (value: string) => void;
}) {
  const { inputProps } = useFieldError(props.field);
  return (
    <div className="field">
      <label htmlFor={props.id}>Option {props.number} stored value</label>
      <input
        id={props.id}
        type="text"
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        {...inputProps}
      />
      <FieldErrorText field={props.field} />
    </div>
  );
}
