import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ApiError } from '../../../api/client.ts';
import {
  deleteRecoveryAllowance,
  getOrganization,
  listRecoveryAllowances,
  type RecoveryAllowanceBody,
  upsertRecoveryAllowance,
} from '../../../api/loop.ts';
import { unitTreeQuery } from '../../../api/queries.ts';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { FieldErrorsContext, FieldErrorText, useFieldError } from '../../surveys/FieldErrors.tsx';
import { fieldErrorMap } from '../../surveys/field-errors.ts';
import { formatMoney } from './loop-settings.ts';

const allowancesKey = ['recovery-allowances'] as const;
type Form = Required<RecoveryAllowanceBody> & { unitId: string | null };

const emptyForm: Form = {
  role: 'employee',
  unitId: null,
  perCaseCap: '',
  periodBudget: '',
  period: 'month',
};

function MoneyInput(props: {
  field: 'perCaseCap' | 'periodBudget';
  label: string;
  value: string;
  onChange: (v: string) => void;
}) {
  const { inputProps } = useFieldError(props.field);
  const id = `allowance-${props.field}`;
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        inputMode="decimal"
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        {...inputProps}
      />
      <FieldErrorText field={props.field} />
    </div>
  );
}

function AllowanceForm({
  initial,
  currency,
  units,
  onDone,
}: {
  initial: Form;
  currency: string;
  units: { id: string; name: string }[];
  onDone: () => void;
}) {
  const queryClient = useQueryClient();
  const [form, setForm] = useState<Form>(initial);
  const save = useMutation({
    mutationFn: () => upsertRecoveryAllowance(form),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: allowancesKey });
      onDone();
    },
  });
  const errors = fieldErrorMap(save.error instanceof ApiError ? save.error.fieldErrors : []);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <FieldErrorsContext.Provider value={errors}>
      <form className="settings-form" onSubmit={submit} aria-label="Recovery allowance">
        <div className="field">
          <label htmlFor="allowance-role">Role</label>
          <select
            id="allowance-role"
            value={form.role}
            onChange={(e) => setForm({ ...form, role: e.target.value as Form['role'] })}
          >
            <option value="employee">Employee</option>
            <option value="manager">Manager</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="allowance-unit">Unit</label>
          <select
            id="allowance-unit"
            value={form.unitId ?? ''}
            onChange={(e) => setForm({ ...form, unitId: e.target.value || null })}
          >
            <option value="">Whole organization</option>
            {units.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
          <FieldErrorText field="unitId" />
        </div>
        <MoneyInput
          field="perCaseCap"
          label={`Per-case cap (${currency})`}
          value={form.perCaseCap}
          onChange={(perCaseCap) => setForm({ ...form, perCaseCap })}
        />
        <MoneyInput
          field="periodBudget"
          label={`Period budget (${currency})`}
          value={form.periodBudget}
          onChange={(periodBudget) => setForm({ ...form, periodBudget })}
        />
        <div className="field">
          <label htmlFor="allowance-period">Period</label>
          <select
            id="allowance-period"
            value={form.period}
            onChange={(e) => setForm({ ...form, period: e.target.value as Form['period'] })}
          >
            <option value="month">Month</option>
            <option value="quarter">Quarter</option>
          </select>
        </div>
        <button type="submit" className="button button-primary" disabled={save.isPending}>
          Save allowance
        </button>
        <button type="button" className="button" onClick={onDone}>
          Cancel
        </button>
      </form>
      {save.error && errors.size === 0 && (
        <ErrorMessage error={save.error} title="Could not save the allowance" />
      )}
    </FieldErrorsContext.Provider>
  );
}

/** How much employees and managers may spend on recovery without approval; admins edit. */
export function AllowanceSection({ canEdit }: { canEdit: boolean }) {
  const queryClient = useQueryClient();
  const allowances = useQuery({ queryKey: allowancesKey, queryFn: listRecoveryAllowances });
  const org = useQuery({ queryKey: ['organization'], queryFn: getOrganization });
  const tree = useQuery(unitTreeQuery);
  const [editing, setEditing] = useState<Form | null>(null);
  const remove = useMutation({
    mutationFn: deleteRecoveryAllowance,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: allowancesKey }),
  });
  const currency = org.data?.currency ?? '';
  const units = [...(tree.data?.units ?? [])].sort((a, b) => a.name.localeCompare(b.name));
  const unitName = (id: string | null) =>
    id === null ? 'Whole organization' : (units.find((u) => u.id === id)?.name ?? 'Unknown unit');
  const items = allowances.data?.items ?? [];
  return (
    <section className="card settings-section" aria-labelledby="allowances-title">
      <h2 id="allowances-title">Recovery allowances</h2>
      {!canEdit && <p className="muted">Only admins can change allowances.</p>}
      <ErrorMessage error={allowances.error ?? remove.error} />
      {!allowances.isPending && items.length === 0 && <p className="muted">No allowances yet.</p>}
      <div className="table-wrap">
        <table className="table" data-testid="allowances-table">
          <caption className="visually-hidden">Recovery allowances</caption>
          <thead>
            <tr>
              <th scope="col">Role</th>
              <th scope="col">Unit</th>
              <th scope="col" className="num">
                Per-case cap ({currency})
              </th>
              <th scope="col" className="num">
                Period budget ({currency})
              </th>
              <th scope="col">Period</th>
              {canEdit && (
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {items.map((a) => (
              <tr key={a.id}>
                <th scope="row" className="row-head">
                  {a.role}
                </th>
                <td>{unitName(a.unitId)}</td>
                <td className="num">{formatMoney(a.perCaseCap)}</td>
                <td className="num">{formatMoney(a.periodBudget)}</td>
                <td>{a.period}</td>
                {canEdit && (
                  <td className="nowrap">
                    <button
                      type="button"
                      className="button button-small"
                      onClick={() =>
                        setEditing({
                          role: a.role,
                          unitId: a.unitId,
                          perCaseCap: a.perCaseCap,
                          periodBudget: a.periodBudget,
                          period: a.period,
                        })
                      }
                    >
                      Edit<span className="visually-hidden"> {a.role} allowance</span>
                    </button>{' '}
                    <button
                      type="button"
                      className="button button-small button-danger"
                      disabled={remove.isPending}
                      onClick={() => {
                        if (window.confirm('Delete this allowance?')) remove.mutate(a.id);
                      }}
                    >
                      Delete<span className="visually-hidden"> {a.role} allowance</span>
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {canEdit &&
        (editing ? (
          <AllowanceForm
            key={`${editing.role}-${editing.unitId}`}
            initial={editing}
            currency={currency}
            units={units}
            onDone={() => setEditing(null)}
          />
        ) : (
          <button type="button" className="button" onClick={() => setEditing(emptyForm)}>
            Add allowance
          </button>
        ))}
    </section>
  );
}
