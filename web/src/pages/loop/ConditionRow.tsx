import { comparisonOps, ruleScoreFields } from '@valueloop/contracts';
import { useContext } from 'react';
import { FieldErrorsContext, FieldErrorText, useFieldError } from '../surveys/FieldErrors.tsx';
import { errorsUnder } from '../surveys/field-errors.ts';
import { type ConditionDraft, conditionKindLabels } from './rule-form.ts';

interface Props {
  index: number;
  draft: ConditionDraft;
  onChange: (draft: ConditionDraft) => void;
  onRemove: () => void;
  canRemove: boolean;
}

const opLabels = {
  lt: 'below',
  lte: 'at most',
  gt: 'above',
  gte: 'at least',
  eq: 'exactly',
} as const;
const categories = ['promoter', 'passive', 'detractor'] as const;

function Input(props: {
  field: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  hint?: string;
  inputMode?: 'decimal';
}) {
  const { inputProps } = useFieldError(props.field);
  const id = `rule-${props.field.replaceAll('.', '-')}`;
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        value={props.value}
        inputMode={props.inputMode}
        onChange={(e) => props.onChange(e.target.value)}
        {...inputProps}
      />
      {props.hint && <p className="hint">{props.hint}</p>}
      <FieldErrorText field={props.field} />
    </div>
  );
}

/** One condition of a rule; its inputs depend on the kind. Errors show at the input they name. */
export function ConditionRow({ index, draft, onChange, onRemove, canRemove }: Props) {
  const at = `conditions.${index}`;
  const all = useContext(FieldErrorsContext);
  const rowErrors = errorsUnder(all, at).length;
  return (
    <fieldset
      className="condition-row"
      data-testid="condition-row"
      aria-invalid={rowErrors > 0 || undefined}
    >
      <legend>
        Condition {index + 1}: {conditionKindLabels[draft.kind]}
      </legend>
      {draft.kind === 'score' && (
        <div className="condition-fields">
          <div className="field">
            <label htmlFor={`rule-${at}-field`}>Score</label>
            <select
              id={`rule-${at}-field`}
              value={draft.field}
              onChange={(e) => onChange({ ...draft, field: e.target.value })}
            >
              {Object.keys(ruleScoreFields).map((f) => (
                <option key={f} value={f}>
                  {f.toUpperCase()} ({ruleScoreFields[f as keyof typeof ruleScoreFields].join('–')})
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`rule-${at}-op`}>Is</label>
            <select
              id={`rule-${at}-op`}
              value={draft.op}
              onChange={(e) =>
                onChange({
                  ...draft,
                  op: comparisonOps.find((o) => o === e.target.value) ?? draft.op,
                })
              }
            >
              {comparisonOps.map((o) => (
                <option key={o} value={o}>
                  {opLabels[o]}
                </option>
              ))}
            </select>
          </div>
          <Input
            field={`${at}.value`}
            label="Threshold"
            inputMode="decimal"
            value={draft.value}
            onChange={(value) => onChange({ ...draft, value })}
          />
        </div>
      )}
      {draft.kind === 'nps_category' && (
        <div className="choice-group">
          {categories.map((c) => (
            <label key={c} className="choice">
              <input
                type="checkbox"
                checked={draft.in.includes(c)}
                onChange={(e) =>
                  onChange({
                    ...draft,
                    in: e.target.checked ? [...draft.in, c] : draft.in.filter((x) => x !== c),
                  })
                }
              />
              {c}
            </label>
          ))}
          <FieldErrorText field={`${at}.in`} />
        </div>
      )}
      {draft.kind === 'promise_broken' && (
        <p className="hint">The customer said it took longer than promised.</p>
      )}
      {draft.kind === 'answer' && (
        <div className="condition-fields">
          <Input
            field={`${at}.questionId`}
            label="Question id"
            value={draft.questionId}
            onChange={(questionId) => onChange({ ...draft, questionId })}
          />
          <Input
            field={`${at}.in`}
            label="Any of these answers"
            hint="Comma-separated"
            value={draft.values}
            onChange={(values) => onChange({ ...draft, values })}
          />
        </div>
      )}
      {draft.kind === 'comment_keywords' && (
        <Input
          field={`${at}.any`}
          label="Words or phrases"
          hint="Comma-separated; case and accents do not matter"
          value={draft.words}
          onChange={(words) => onChange({ ...draft, words })}
        />
      )}
      {draft.kind === 'customer_segment' && (
        <Input
          field={`${at}.in`}
          label="Segments"
          hint="Comma-separated, as in the customer's “segment” attribute"
          value={draft.segments}
          onChange={(segments) => onChange({ ...draft, segments })}
        />
      )}
      <FieldErrorText field={at} />
      {canRemove && (
        <button type="button" className="button button-small button-ghost" onClick={onRemove}>
          Remove condition {index + 1}
        </button>
      )}
    </fieldset>
  );
}
