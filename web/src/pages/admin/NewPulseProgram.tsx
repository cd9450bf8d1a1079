import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { employeeSurveyKinds, type PulseProgram } from '@valueloop/contracts';
import { type FormEvent, useState } from 'react';
import { createPulseProgram } from '../../api/employee.ts';
import { surveysQuery, unitTreeQuery } from '../../api/queries.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { unitOptions } from '../pulse/unit-options.ts';

const kindLabels: Record<PulseProgram['kind'], string> = {
  employee_pulse: 'Employee pulse',
  internal_service: 'Internal service',
  manager_upward: 'Manager upward',
};
export const programKindLabel = (kind: PulseProgram['kind']) => kindLabels[kind];

/** Creates a program from a published employee-kind survey. */
export function NewPulseProgram() {
  const queryClient = useQueryClient();
  const surveys = useQuery(surveysQuery);
  const tree = useQuery(unitTreeQuery);
  const [name, setName] = useState('');
  const [surveyId, setSurveyId] = useState('');
  const [cadence, setCadence] = useState<'monthly' | 'quarterly'>('monthly');
  const [unitId, setUnitId] = useState('');
  const [openDays, setOpenDays] = useState('14');
  const [reminder, setReminder] = useState('5');
  const create = useMutation({
    mutationFn: createPulseProgram,
    onSuccess: async () => {
      setName('');
      await queryClient.invalidateQueries({ queryKey: ['pulse', 'programs'] });
    },
  });
  const employeeSurveys = (surveys.data?.items ?? []).filter(
    (s) => (employeeSurveyKinds as readonly string[]).includes(s.kind) && s.currentVersion !== null,
  );
  const units = tree.data ? unitOptions(tree.data.units, null) : [];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({
      name: name.trim(),
      surveyId,
      cadence,
      populationUnitId: unitId || null,
      openDays: Number(openDays),
      reminderAfterDays: reminder === '' ? null : Number(reminder),
    });
  };

  return (
    <form className="card form" onSubmit={submit} aria-labelledby="new-program-title" noValidate>
      <h2 id="new-program-title">New pulse program</h2>
      <ErrorMessage error={create.error} title="Could not create the program" />
      <div className="field">
        <label htmlFor="program-name">Name</label>
        <input
          id="program-name"
          type="text"
          required
          maxLength={200}
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor="program-survey">Survey</label>
        <select
          id="program-survey"
          required
          value={surveyId}
          onChange={(e) => setSurveyId(e.target.value)}
          aria-describedby="program-survey-hint"
        >
          <option value="">Choose a published employee survey</option>
          {employeeSurveys.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name} ({kindLabels[s.kind as PulseProgram['kind']]})
            </option>
          ))}
        </select>
        <p className="hint" id="program-survey-hint">
          Create and publish one under Surveys (kind employee pulse, internal service or manager
          upward).
        </p>
      </div>
      <div className="field">
        <label htmlFor="program-cadence">Cadence</label>
        <select
          id="program-cadence"
          value={cadence}
          onChange={(e) => setCadence(e.target.value === 'quarterly' ? 'quarterly' : 'monthly')}
        >
          <option value="monthly">Monthly</option>
          <option value="quarterly">Quarterly</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor="program-unit">Who is invited</label>
        <select id="program-unit" value={unitId} onChange={(e) => setUnitId(e.target.value)}>
          <option value="">The whole organization</option>
          {units.map((u) => (
            <option key={u.value} value={u.value}>
              {u.label}
            </option>
          ))}
        </select>
      </div>
      <div className="field-pair">
        <div className="field">
          <label htmlFor="program-open-days">Open for (days)</label>
          <input
            id="program-open-days"
            type="number"
            min={1}
            max={60}
            value={openDays}
            onChange={(e) => setOpenDays(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="program-reminder">Reminder after (days)</label>
          <input
            id="program-reminder"
            type="number"
            min={1}
            max={30}
            value={reminder}
            onChange={(e) => setReminder(e.target.value)}
            aria-describedby="program-reminder-hint"
          />
          <p className="hint" id="program-reminder-hint">
            Empty: no reminder.
          </p>
        </div>
      </div>
      <button
        type="submit"
        className="button button-primary"
        disabled={create.isPending || name.trim() === '' || surveyId === ''}
      >
        {create.isPending ? 'Creating…' : 'Create program'}
      </button>
    </form>
  );
}
