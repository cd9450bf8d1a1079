import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { recoveryTypes } from '@valueloop/contracts';
import { useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { getMyAllowance, type RecoveryType, recordRecovery } from '../../api/loop.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { FieldErrorsContext, FieldErrorText, useFieldError } from '../surveys/FieldErrors.tsx';
import { fieldErrorMap } from '../surveys/field-errors.ts';
import { caseQueryKey } from './CaseWorkForm.tsx';
import { recoveryOutlook } from './recovery-preview.ts';

const typeLabels: Record<RecoveryType, string> = {
  refund: 'Refund',
  credit: 'Credit',
  gift: 'Gift',
  upgrade: 'Upgrade',
  other: 'Other',
};

function AmountInput({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  const { inputProps } = useFieldError('amount');
  return (
    <input
      id="recovery-amount"
      inputMode="decimal"
      autoComplete="off"
      value={value}
      onChange={(e) => onChange(e.target.value)}
      {...inputProps}
    />
  );
}

function NoteInput({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  const { inputProps } = useFieldError('note');
  return (
    <textarea
      id="recovery-note"
      className="text-input"
      rows={2}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      {...inputProps}
    />
  );
}

/**
 * An on-the-spot recovery: within the caller's allowance it is taken at once, above it the
 * server sends it for approval and says why. The form predicts which before submit.
 */
export function RecoveryForm({ caseId }: { caseId: string }) {
  const queryClient = useQueryClient();
  const allowance = useQuery({ queryKey: ['recovery-allowance', 'me'], queryFn: getMyAllowance });
  const [type, setType] = useState<RecoveryType>('gift');
  const [amount, setAmount] = useState('');
  const [note, setNote] = useState('');
  const a = allowance.data;
  const outlook = recoveryOutlook(amount, a);
  const record = useMutation({
    mutationFn: () =>
      recordRecovery(caseId, { type, amount: amount.trim(), currency: a?.currency ?? '', note }),
    onSuccess: async () => {
      setAmount('');
      setNote('');
      await queryClient.invalidateQueries({ queryKey: caseQueryKey(caseId) });
      await queryClient.invalidateQueries({ queryKey: ['recovery-allowance'] });
    },
  });
  const errors = fieldErrorMap(record.error instanceof ApiError ? record.error.fieldErrors : []);
  const result = record.data;

  return (
    <FieldErrorsContext.Provider value={errors}>
      <form
        className="card form"
        aria-labelledby="recovery-title"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          record.mutate();
        }}
      >
        <h2 id="recovery-title">Service recovery</h2>
        {a && (
          <p className="hint" data-testid="allowance">
            Your allowance: up to {a.perCaseCap} {a.currency} per case; {a.remaining} of{' '}
            {a.periodBudget} {a.currency} left this {a.period}.
          </p>
        )}
        <ErrorMessage error={allowance.error} title="Could not load your allowance" />
        {result && (
          <div
            className={`alert ${result.status === 'pending_approval' ? 'alert-warning' : 'alert-success'}`}
            role="status"
            data-testid="recovery-result"
          >
            {result.status === 'pending_approval'
              ? `Sent for approval: ${result.approvalReason ?? 'above your allowance'}.`
              : `Taken: ${typeLabels[result.type].toLowerCase()} of ${result.amount} ${result.currency}.`}
          </div>
        )}
        {record.error && (
          <ErrorMessage error={record.error} title="Could not record the recovery" />
        )}
        <div className="field">
          <label htmlFor="recovery-type">Type</label>
          <select
            id="recovery-type"
            value={type}
            onChange={(e) => setType(recoveryTypes.find((t) => t === e.target.value) ?? type)}
          >
            {recoveryTypes.map((t) => (
              <option key={t} value={t}>
                {typeLabels[t]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="recovery-amount">Amount{a ? ` (${a.currency})` : ''}</label>
          <AmountInput value={amount} onChange={setAmount} />
          <FieldErrorText field="amount" />
          <p className="hint" aria-live="polite" data-testid="recovery-outlook">
            {outlook.kind === 'on_the_spot' && 'Within your allowance: taken on the spot.'}
            {outlook.kind === 'needs_approval' &&
              `Needs your manager's approval: ${outlook.reason}.`}
          </p>
        </div>
        <div className="field">
          <label htmlFor="recovery-note">Why (recovery note)</label>
          <NoteInput value={note} onChange={setNote} />
          <FieldErrorText field="note" />
        </div>
        <div className="form-footer">
          <button type="submit" className="button button-primary" disabled={record.isPending}>
            Record recovery
          </button>
        </div>
      </form>
    </FieldErrorsContext.Provider>
  );
}
