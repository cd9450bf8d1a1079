import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type CaseRule, casePriorities } from '@valueloop/contracts';
import { useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { createCaseRule, listCaseQueues, previewCaseRule, updateCaseRule } from '../../api/loop.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { priorityLabels } from '../cases/CaseBadges.tsx';
import { FieldErrorsContext, FieldErrorText, useFieldError } from '../surveys/FieldErrors.tsx';
import { fieldErrorMap } from '../surveys/field-errors.ts';
import { ConditionRow } from './ConditionRow.tsx';
import { RulePreview } from './RulePreview.tsx';
import {
  type ConditionKind,
  conditionKindLabels,
  emptyCondition,
  emptyRuleForm,
  formToBody,
  type RuleForm,
  ruleToForm,
} from './rule-form.ts';

const conditionKinds = Object.keys(conditionKindLabels) as ConditionKind[];

function NamedInput(props: {
  field: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  inputMode?: 'numeric';
}) {
  const { inputProps } = useFieldError(props.field);
  return (
    <div className="field">
      <label htmlFor={`rule-${props.field}`}>{props.label}</label>
      <input
        id={`rule-${props.field}`}
        value={props.value}
        inputMode={props.inputMode}
        onChange={(e) => props.onChange(e.target.value)}
        {...inputProps}
      />
      <FieldErrorText field={props.field} />
    </div>
  );
}

/** Create or edit a rule; "Test" runs it against the last 100 responses without saving. */
export function RuleEditor({ rule, onDone }: { rule: CaseRule | null; onDone: () => void }) {
  const queryClient = useQueryClient();
  const [form, setForm] = useState<RuleForm>(rule ? ruleToForm(rule) : emptyRuleForm());
  const [addKind, setAddKind] = useState<ConditionKind>('score');
  const queues = useQuery({ queryKey: ['case-queues'], queryFn: listCaseQueues });
  const set = (patch: Partial<RuleForm>) => setForm({ ...form, ...patch });
  const save = useMutation({
    mutationFn: () =>
      rule
        ? updateCaseRule(rule.id, { ...formToBody(form), version: rule.version })
        : createCaseRule(formToBody(form)),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['case-rules'] });
      onDone();
    },
  });
  const preview = useMutation({ mutationFn: () => previewCaseRule(formToBody(form)) });
  const failed = save.error ?? preview.error;
  const errors = fieldErrorMap(failed instanceof ApiError ? failed.fieldErrors : []);

  return (
    <FieldErrorsContext.Provider value={errors}>
      <form
        className="card form rule-editor"
        aria-labelledby="rule-editor-title"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <h2 id="rule-editor-title">{rule ? `Edit “${rule.name}”` : 'New rule'}</h2>
        <ErrorMessage
          error={failed}
          title={save.error ? 'Could not save the rule' : 'Could not test the rule'}
        />
        <NamedInput
          field="name"
          label="Name"
          value={form.name}
          onChange={(name) => set({ name })}
        />
        <label className="choice">
          <input
            type="checkbox"
            checked={form.active}
            onChange={(e) => set({ active: e.target.checked })}
          />
          Active (opens cases for new responses)
        </label>
        <h3>When a response matches all of these</h3>
        {form.conditions.map((draft, i) => (
          <ConditionRow
            // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their place
            key={i}
            index={i}
            draft={draft}
            canRemove={form.conditions.length > 1}
            onChange={(next) =>
              set({ conditions: form.conditions.map((c, j) => (j === i ? next : c)) })
            }
            onRemove={() => set({ conditions: form.conditions.filter((_, j) => j !== i) })}
          />
        ))}
        <FieldErrorText field="conditions" />
        <div className="field-inline">
          <label htmlFor="rule-add-kind">Add a condition</label>
          <select
            id="rule-add-kind"
            value={addKind}
            onChange={(e) =>
              setAddKind(conditionKinds.find((k) => k === e.target.value) ?? addKind)
            }
          >
            {Object.entries(conditionKindLabels).map(([kind, label]) => (
              <option key={kind} value={kind}>
                {label}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="button"
            onClick={() => set({ conditions: [...form.conditions, emptyCondition(addKind)] })}
          >
            Add
          </button>
        </div>
        <h3>Then open a case</h3>
        <div className="field-pair">
          <div className="field">
            <label htmlFor="rule-priority">Priority</label>
            <select
              id="rule-priority"
              value={form.priority}
              onChange={(e) =>
                set({ priority: casePriorities.find((p) => p === e.target.value) ?? form.priority })
              }
            >
              {casePriorities.map((p) => (
                <option key={p} value={p}>
                  {priorityLabels[p]}
                </option>
              ))}
            </select>
          </div>
          <NamedInput
            field="slaHours"
            label="SLA (business hours)"
            inputMode="numeric"
            value={form.slaHours}
            onChange={(slaHours) => set({ slaHours })}
          />
        </div>
        <div className="field">
          <label htmlFor="rule-owner">Owner</label>
          <select
            id="rule-owner"
            value={form.ownerKind}
            onChange={(e) => {
              const v = e.target.value;
              set({ ownerKind: v === 'serving_employee' || v === 'queue' ? v : 'unit_manager' });
            }}
          >
            <option value="serving_employee">
              The employee who served (else the unit manager)
            </option>
            <option value="unit_manager">The unit's manager</option>
            <option value="queue">A queue</option>
          </select>
        </div>
        {form.ownerKind === 'queue' && (
          <div className="field">
            <label htmlFor="rule-owner.queueId">Queue</label>
            <select
              id="rule-owner.queueId"
              value={form.queueId}
              onChange={(e) => set({ queueId: e.target.value })}
              {...errorProps(errors, 'owner.queueId')}
            >
              <option value="">Choose a queue</option>
              {(queues.data?.items ?? []).map((q) => (
                <option key={q.id} value={q.id}>
                  {q.name}
                </option>
              ))}
            </select>
            <FieldErrorText field="owner.queueId" />
          </div>
        )}
        <div className="form-footer">
          <button type="submit" className="button button-primary" disabled={save.isPending}>
            {rule ? 'Save rule' : 'Create rule'}
          </button>
          <button
            type="button"
            className="button"
            disabled={preview.isPending}
            onClick={() => preview.mutate()}
          >
            {preview.isPending ? 'Testing…' : 'Test against the last 100 responses'}
          </button>
          <button type="button" className="button button-ghost" onClick={onDone}>
            Cancel
          </button>
        </div>
        {preview.data && !preview.error && <RulePreview preview={preview.data} />}
      </form>
    </FieldErrorsContext.Provider>
  );
}

/** aria props for an input outside a hook-friendly child (the error map is at hand). */
function errorProps(errors: ReturnType<typeof fieldErrorMap>, field: string) {
  return errors.has(field)
    ? {
        'aria-invalid': true as const,
        'aria-describedby': `err-${field.replace(/[^a-zA-Z0-9_-]/g, '-')}`,
      }
    : {};
}
