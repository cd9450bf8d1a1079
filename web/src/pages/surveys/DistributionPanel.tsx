import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Distribution, Survey } from '@valueloop/contracts';
import { type FormEvent, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { updateSurvey } from '../../api/feedback.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { FieldErrorsContext, FieldErrorText, useFieldError } from './FieldErrors.tsx';
import { fieldErrorMap } from './field-errors.ts';

interface Props {
  survey: Survey;
  canEdit: boolean;
}

/** The form keeps numbers as typed text; they become numbers when saved. */
interface DistributionForm {
  samplingPercent: string;
  quarantineDays: string;
  expiryDays: string;
  reminder: boolean;
  reminderAfterDays: string;
  channel: Distribution['channel'];
  interactionChannels: string;
}

const toForm = (d: Distribution): DistributionForm => ({
  samplingPercent: String(Math.round(d.samplingRate * 1000) / 10),
  quarantineDays: String(d.quarantineDays),
  expiryDays: String(d.expiryDays),
  reminder: d.reminderAfterDays !== null,
  reminderAfterDays: String(d.reminderAfterDays ?? 3),
  channel: d.channel,
  interactionChannels: d.interactionChannels.join(', '),
});

const toDistribution = (f: DistributionForm): Distribution => ({
  samplingRate: Number(f.samplingPercent) / 100,
  quarantineDays: Number(f.quarantineDays),
  expiryDays: Number(f.expiryDays),
  reminderAfterDays: f.reminder ? Number(f.reminderAfterDays) : null,
  channel: f.channel,
  interactionChannels: f.interactionChannels
    .split(',')
    .map((c) => c.trim())
    .filter(Boolean),
});

/** Who is invited after an interaction, when, and the open link. */
export function DistributionPanel({ survey, canEdit }: Props) {
  const queryClient = useQueryClient();
  const [form, setForm] = useState(() => toForm(survey.distribution));
  // The open-link checkbox answers at once; it settles to the server's state after the save.
  const [openLink, setOpenLink] = useState(survey.openLinkKey !== null);
  const save = useMutation({
    mutationFn: (body: Parameters<typeof updateSurvey>[1]) => updateSurvey(survey.id, body),
    onSuccess: (updated) => queryClient.setQueryData(['surveys', 'one', survey.id], updated),
    onSettled: (updated) => setOpenLink((updated ?? survey).openLinkKey !== null),
  });
  const errors = fieldErrorMap(save.error instanceof ApiError ? save.error.fieldErrors : []);
  const set = (patch: Partial<DistributionForm>) => setForm((f) => ({ ...f, ...patch }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ distribution: toDistribution(form) });
  };
  const openUrl = survey.openLinkKey ? `${window.location.origin}/s/o/${survey.openLinkKey}` : null;

  return (
    <FieldErrorsContext.Provider value={errors}>
      <div className="grid">
        <form className="card form" onSubmit={submit} aria-labelledby="dist-heading">
          <h2 id="dist-heading">Invitations after interactions</h2>
          <ErrorMessage error={save.error} title="Could not save the settings" />
          <fieldset className="plain-fieldset" disabled={!canEdit || save.isPending}>
            <legend className="visually-hidden">Distribution rules</legend>
            <NumberField
              id="dist-sampling"
              field="distribution.samplingRate"
              label="Sampling rate (%)"
              hint="Share of eligible interactions that get an invitation."
              min={0}
              max={100}
              step={0.1}
              value={form.samplingPercent}
              onChange={(v) => set({ samplingPercent: v })}
            />
            <NumberField
              id="dist-quarantine"
              field="distribution.quarantineDays"
              label="Quarantine (days)"
              hint="No customer is invited more than once in this many days."
              min={0}
              max={3650}
              value={form.quarantineDays}
              onChange={(v) => set({ quarantineDays: v })}
            />
            <NumberField
              id="dist-expiry"
              field="distribution.expiryDays"
              label="Invitation expires after (days)"
              min={1}
              max={365}
              value={form.expiryDays}
              onChange={(v) => set({ expiryDays: v })}
            />
            <label className="choice">
              <input
                type="checkbox"
                checked={form.reminder}
                onChange={(e) => set({ reminder: e.target.checked })}
              />
              Send one reminder to non-responders
            </label>
            {form.reminder && (
              <NumberField
                id="dist-reminder"
                field="distribution.reminderAfterDays"
                label="Reminder after (days)"
                min={1}
                max={60}
                value={form.reminderAfterDays}
                onChange={(v) => set({ reminderAfterDays: v })}
              />
            )}
            <fieldset className="choice-group">
              <legend>Channel</legend>
              {(['email', 'link'] as const).map((c) => (
                <label key={c} className="choice">
                  <input
                    type="radio"
                    name="dist-channel"
                    checked={form.channel === c}
                    onChange={() => set({ channel: c })}
                  />
                  {c === 'email' ? 'E-mail' : 'Link (shown or printed as QR)'}
                </label>
              ))}
            </fieldset>
            <div className="field">
              <label htmlFor="dist-channels">Only interactions from these channels</label>
              <input
                id="dist-channels"
                type="text"
                value={form.interactionChannels}
                placeholder="e.g. branch, phone (empty: all)"
                onChange={(e) => set({ interactionChannels: e.target.value })}
              />
              <p className="hint">Comma separated; leave empty to include every channel.</p>
              <FieldErrorText field="distribution.interactionChannels" />
            </div>
            <button type="submit" className="button button-primary">
              {save.isPending ? 'Saving…' : 'Save distribution'}
            </button>
          </fieldset>
          {save.isSuccess && !save.isPending && (
            <p className="alert alert-success" role="status">
              Distribution saved.
            </p>
          )}
        </form>
        <section className="card form" aria-labelledby="open-heading">
          <h2 id="open-heading">Open link</h2>
          <p className="muted">
            An open link lets anyone answer without an invitation (kiosks, receipts, posters).
            Responses are rate-limited per visitor.
          </p>
          <label className="choice">
            <input
              type="checkbox"
              checked={openLink}
              disabled={!canEdit || save.isPending}
              onChange={(e) => {
                setOpenLink(e.target.checked);
                save.mutate({ openLink: e.target.checked });
              }}
            />
            Accept responses through an open link
          </label>
          {openUrl && (
            <p>
              Open link: <code data-testid="open-link">{openUrl}</code>
            </p>
          )}
        </section>
      </div>
    </FieldErrorsContext.Provider>
  );
}

function NumberField(props: {
  id: string;
  field: string;
  label: string;
  hint?: string;
  min: number;
  max: number;
  step?: number;
  value: string;
  onChange: (value: string) => void;
}) {
  const { inputProps } = useFieldError(props.field);
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <input
        id={props.id}
        type="number"
        required
        min={props.min}
        max={props.max}
        step={props.step ?? 1}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        {...inputProps}
      />
      {props.hint && <p className="hint">{props.hint}</p>}
      <FieldErrorText field={props.field} />
    </div>
  );
}
