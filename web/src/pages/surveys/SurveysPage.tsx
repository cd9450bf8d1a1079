import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { type SurveyKind, surveyKinds, type surveyTemplates } from '@valueloop/contracts';
import { type FormEvent, useState } from 'react';
import { createSurvey } from '../../api/feedback.ts';
import { surveysQuery } from '../../api/queries.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { Page } from '../../components/Page.tsx';
import { RequireRole } from '../../components/RequireRole.tsx';

type Template = (typeof surveyTemplates)[number];
const templateLabels: Record<Template, string> = {
  customer_value: 'Customer value survey (item bank, English and Spanish)',
  blank: 'Blank (one question)',
  employee_pulse: 'Employee pulse (item bank: value, climate, leadership, eNPS)',
  internal_service: 'Internal service (rating of supporting back-office units)',
  manager_upward: 'Manager upward (support from top management)',
};
const kindLabels: Record<SurveyKind, string> = {
  customer: 'Customer',
  employee_pulse: 'Employee pulse',
  internal_service: 'Internal service',
  manager_upward: 'Manager upward',
};
const day = (iso: string) => new Date(iso).toLocaleDateString('en');

function NewSurvey() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<SurveyKind>('customer');
  const [template, setTemplate] = useState<Template>('customer_value');
  const create = useMutation({
    mutationFn: createSurvey,
    onSuccess: async (survey) => {
      queryClient.setQueryData(['surveys', 'one', survey.id], survey);
      await queryClient.invalidateQueries({ queryKey: ['surveys', 'list'] });
      await navigate({ to: '/surveys/$surveyId', params: { surveyId: survey.id } });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ name: name.trim(), kind, template });
  };
  return (
    <form className="card form" onSubmit={submit} aria-labelledby="new-survey-heading">
      <h2 id="new-survey-heading">New survey</h2>
      <ErrorMessage error={create.error} title="Could not create the survey" />
      <div className="field">
        <label htmlFor="survey-new-name">Name</label>
        <input
          id="survey-new-name"
          type="text"
          required
          maxLength={200}
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor="survey-new-kind">Kind</label>
        <select
          id="survey-new-kind"
          value={kind}
          onChange={(e) => setKind(e.target.value as SurveyKind)}
        >
          {surveyKinds.map((k) => (
            <option key={k} value={k}>
              {kindLabels[k]}
            </option>
          ))}
        </select>
      </div>
      <fieldset className="choice-group stacked">
        <legend>Start from</legend>
        {(Object.keys(templateLabels) as Template[]).map((t) => (
          <label key={t} className="choice">
            <input
              type="radio"
              name="survey-template"
              checked={template === t}
              onChange={() => setTemplate(t)}
            />
            {templateLabels[t]}
          </label>
        ))}
      </fieldset>
      <button type="submit" className="button button-primary" disabled={create.isPending}>
        {create.isPending ? 'Creating…' : 'Create survey'}
      </button>
    </form>
  );
}

function SurveyTable() {
  const surveys = useQuery(surveysQuery);
  if (surveys.isPending) return <p className="muted">Loading surveys…</p>;
  if (surveys.isError) return <ErrorMessage error={surveys.error} title="Could not load surveys" />;
  if (surveys.data.items.length === 0) return <p className="muted">No surveys yet.</p>;
  return (
    <div className="table-wrap">
      <table className="table" data-testid="survey-list">
        <caption>Surveys</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Kind</th>
            <th scope="col">Status</th>
            <th scope="col">Current version</th>
            <th scope="col">Created</th>
          </tr>
        </thead>
        <tbody>
          {surveys.data.items.map((s) => (
            <tr key={s.id}>
              <td>
                <Link to="/surveys/$surveyId" params={{ surveyId: s.id }}>
                  {s.name}
                </Link>
              </td>
              <td>{kindLabels[s.kind]}</td>
              <td>
                <span className={`badge badge-status-${s.status}`}>{s.status}</span>
              </td>
              <td>{s.currentVersion ? `v${s.currentVersion.version}` : '—'}</td>
              <td>{day(s.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function SurveysPage() {
  return (
    <Page
      title="Surveys"
      intro="Versioned survey definitions: edit the draft, publish a version, set who is invited."
    >
      <RequireRole roles={['admin', 'analyst']}>
        <div className="split">
          <SurveyTable />
          <NewSurvey />
        </div>
      </RequireRole>
    </Page>
  );
}
