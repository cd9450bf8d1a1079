import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BusinessHours } from '@valueloop/contracts';
import { type FormEvent, useState } from 'react';
import { ApiError } from '../../../api/client.ts';
import { getBusinessHours, setBusinessHours } from '../../../api/loop.ts';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { FieldErrorsContext, FieldErrorText, useFieldError } from '../../surveys/FieldErrors.tsx';
import { errorsUnder, fieldErrorMap } from '../../surveys/field-errors.ts';
import {
  type DayForm,
  formToHours,
  type HoursForm,
  hoursToForm,
  weekdayNames,
} from './loop-settings.ts';

const hoursKey = ['business-hours'] as const;

function TimeInput(props: {
  id: string;
  field: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
}) {
  const { inputProps } = useFieldError(props.field);
  return (
    <span className="settings-time">
      <label htmlFor={props.id}>{props.label}</label>
      <input
        id={props.id}
        type="time"
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        {...inputProps}
      />
      <FieldErrorText field={props.field} />
    </span>
  );
}

function TimezoneInput({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  const { inputProps } = useFieldError('timezone');
  return (
    <input
      id="hours-timezone"
      value={value}
      onChange={(e) => onChange(e.target.value)}
      {...inputProps}
    />
  );
}

function HoursEditor({ hours }: { hours: BusinessHours }) {
  const queryClient = useQueryClient();
  const [form, setForm] = useState<HoursForm>(() => hoursToForm(hours));
  const [holiday, setHoliday] = useState('');
  const { body, indexOf } = formToHours(form);
  const save = useMutation({
    mutationFn: () => setBusinessHours(body),
    onSuccess: (saved) => {
      queryClient.setQueryData(hoursKey, saved);
    },
  });
  const errors = fieldErrorMap(save.error instanceof ApiError ? save.error.fieldErrors : []);
  const setDay = (weekday: number, patch: Partial<DayForm>) =>
    setForm({
      ...form,
      days: form.days.map((d) => (d.weekday === weekday ? { ...d, ...patch } : d)),
    });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  const holidayErrors = errorsUnder(errors, 'holidays');
  return (
    <FieldErrorsContext.Provider value={errors}>
      <form className="settings-form settings-hours" onSubmit={submit} aria-label="Business hours">
        <div className="field">
          <label htmlFor="hours-timezone">Time zone (IANA, e.g. America/Los_Angeles)</label>
          <TimezoneInput
            value={form.timezone}
            onChange={(timezone) => setForm({ ...form, timezone })}
          />
          <FieldErrorText field="timezone" />
        </div>
        <fieldset>
          <legend>Opening hours</legend>
          {form.days.map((d) => {
            const name = weekdayNames[d.weekday - 1] ?? '';
            const index = indexOf.get(d.weekday);
            const prefix = index === undefined ? `closed.${d.weekday}` : `days.${index}`;
            return (
              <div key={d.weekday} className="hours-day">
                <label className="choice">
                  <input
                    type="checkbox"
                    checked={d.open}
                    onChange={(e) => setDay(d.weekday, { open: e.target.checked })}
                  />{' '}
                  Open on {name}
                </label>
                {d.open && (
                  <>
                    <TimeInput
                      id={`hours-${d.weekday}-open`}
                      field={`${prefix}.open`}
                      label={`${name} opens`}
                      value={d.from}
                      onChange={(from) => setDay(d.weekday, { from })}
                    />
                    <TimeInput
                      id={`hours-${d.weekday}-close`}
                      field={`${prefix}.close`}
                      label={`${name} closes`}
                      value={d.to}
                      onChange={(to) => setDay(d.weekday, { to })}
                    />
                    <FieldErrorText field={prefix} />
                  </>
                )}
              </div>
            );
          })}
        </fieldset>
        <fieldset>
          <legend>Holidays</legend>
          {form.holidays.length === 0 && <p className="muted">No holidays.</p>}
          <ul className="chip-list" aria-label="Holidays">
            {form.holidays.map((h) => (
              <li key={h}>
                {h}{' '}
                <button
                  type="button"
                  className="button button-small"
                  onClick={() =>
                    setForm({ ...form, holidays: form.holidays.filter((x) => x !== h) })
                  }
                >
                  Remove<span className="visually-hidden"> holiday {h}</span>
                </button>
              </li>
            ))}
          </ul>
          <div className="settings-inline">
            <label htmlFor="hours-holiday">Add a holiday</label>
            <input
              id="hours-holiday"
              type="date"
              value={holiday}
              onChange={(e) => setHoliday(e.target.value)}
            />
            <button
              type="button"
              className="button"
              disabled={!holiday}
              onClick={() => {
                if (!form.holidays.includes(holiday)) {
                  setForm({ ...form, holidays: [...form.holidays, holiday].sort() });
                }
                setHoliday('');
              }}
            >
              Add holiday
            </button>
          </div>
          {holidayErrors.length > 0 && <p className="field-error">{holidayErrors.join('; ')}</p>}
        </fieldset>
        <button type="submit" className="button button-primary" disabled={save.isPending}>
          Save business hours
        </button>
        {save.isSuccess && (
          <p className="muted" role="status">
            Business hours saved.
          </p>
        )}
      </form>
      {save.error && errors.size === 0 && (
        <ErrorMessage error={save.error} title="Could not save business hours" />
      )}
    </FieldErrorsContext.Provider>
  );
}

/** The hours SLA clocks count in: time zone, opening hours per weekday, holidays. */
export function BusinessHoursSection() {
  const hours = useQuery({ queryKey: hoursKey, queryFn: getBusinessHours });
  return (
    <section className="card settings-section" aria-labelledby="hours-title">
      <h2 id="hours-title">Business hours</h2>
      <ErrorMessage error={hours.error} />
      {hours.data && <HoursEditor hours={hours.data} />}
    </section>
  );
}
