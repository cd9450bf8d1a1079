import type { Question, ShowIf } from '@valueloop/contracts';
import { useState } from 'react';
import { FieldErrorText, useFieldError } from './FieldErrors.tsx';
import { formatConditionValue, parseConditionValue, showIfOps } from './show-if.ts';

interface Props {
  field: string;
  idPrefix: string;
  showIf: ShowIf | undefined;
  /** The questions before this one: only they may be named in a condition. */
  earlier: readonly Question[];
  onChange: (showIf: ShowIf | undefined) => void;
}

const numericTypes: ReadonlyArray<Question['type']> = ['agreement5', 'nps', 'csat5', 'effort7'];

/** The operators that make sense for the answers of the target question. */
function opsFor(target: Question | undefined) {
  if (!target) return showIfOps;
  if (numericTypes.includes(target.type)) return showIfOps;
  return showIfOps.filter((o) => ['eq', 'neq', 'in', 'answered'].includes(o.op));
}

/** "Show this question only if …": an earlier question, an operator and a value. */
export function ShowIfEditor({ field, idPrefix, showIf, earlier, onChange }: Props) {
  const target = earlier.find((q) => q.id === showIf?.questionId);
  const questionError = useFieldError(`${field}.questionId`);
  const valueError = useFieldError(`${field}.value`);
  const stale = showIf !== undefined && !target;

  const pick = (questionId: string) => {
    onChange(questionId ? { questionId, op: 'answered' } : undefined);
  };

  return (
    <fieldset className="subgroup show-if">
      <legend>Show only if</legend>
      <div className="show-if-row">
        <div className="field">
          <label htmlFor={`${idPrefix}-sif-q`}>Earlier question</label>
          <select
            id={`${idPrefix}-sif-q`}
            value={showIf?.questionId ?? ''}
            onChange={(e) => pick(e.target.value)}
            {...questionError.inputProps}
          >
            <option value="">Always show</option>
            {stale && <option value={showIf.questionId}>{showIf.questionId} (not earlier)</option>}
            {earlier.map((q) => (
              <option key={q.id} value={q.id}>
                {q.id}: {q.text.en || '(no text)'}
              </option>
            ))}
          </select>
          <FieldErrorText field={`${field}.questionId`} />
        </div>
        {showIf && (
          <>
            <div className="field">
              <label htmlFor={`${idPrefix}-sif-op`}>Condition</label>
              <select
                id={`${idPrefix}-sif-op`}
                value={showIf.op}
                onChange={(e) => {
                  const op = e.target.value as ShowIf['op'];
                  const raw = formatConditionValue(showIf.value);
                  onChange({
                    questionId: showIf.questionId,
                    op,
                    value: parseConditionValue(target, op, raw),
                  });
                }}
              >
                {opsFor(target).map((o) => (
                  <option key={o.op} value={o.op}>
                    {o.label}
                  </option>
                ))}
              </select>
            </div>
            {showIf.op !== 'answered' && (
              <div className="field">
                <ConditionValue
                  key={`${showIf.questionId}-${showIf.op}`}
                  id={`${idPrefix}-sif-value`}
                  target={target}
                  showIf={showIf}
                  inputProps={valueError.inputProps}
                  onChange={(value) => onChange({ ...showIf, value })}
                />
                <FieldErrorText field={`${field}.value`} />
              </div>
            )}
          </>
        )}
      </div>
      {stale && (
        <p className="field-error">
          This condition names a question that is not before this one; pick an earlier question.
        </p>
      )}
    </fieldset>
  );
}

function ConditionValue(props: {
  id: string;
  target: Question | undefined;
  showIf: ShowIf;
  inputProps: Record<string, unknown>;
  onChange: (value: ShowIf['value']) => void;
}) {
  const { id, target, showIf, inputProps, onChange } = props;
  const choices =
    target?.type === 'yes_no'
      ? [
          { value: 'true', label: 'Yes' },
          { value: 'false', label: 'No' },
        ]
      : target?.type === 'single_choice' || target?.type === 'multi_choice'
        ? (target.options ?? []).map((o) => ({ value: o.value, label: o.text.en }))
        : null;
  const [raw, setRaw] = useState(() => formatConditionValue(showIf.value));
  const label = showIf.op === 'in' ? 'Values (comma separated)' : 'Value';
  if (choices && showIf.op !== 'in') {
    return (
      <>
        <label htmlFor={id}>Value</label>
        <select
          id={id}
          value={raw}
          onChange={(e) => {
            setRaw(e.target.value);
            onChange(parseConditionValue(target, showIf.op, e.target.value));
          }}
          {...inputProps}
        >
          <option value="">Choose…</option>
          {choices.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </select>
      </>
    );
  }
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        inputMode={target && numericTypes.includes(target.type) ? 'numeric' : undefined}
        value={raw}
        onChange={(e) => {
          setRaw(e.target.value);
          onChange(parseConditionValue(target, showIf.op, e.target.value));
        }}
        {...inputProps}
      />
    </>
  );
}
