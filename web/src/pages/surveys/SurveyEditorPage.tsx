import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams, useSearch } from '@tanstack/react-router';
import type { Survey } from '@valueloop/contracts';
import { useEffect, useReducer, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { publishSurvey, updateSurvey } from '../../api/feedback.ts';
import { surveyQuery } from '../../api/queries.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { Page } from '../../components/Page.tsx';
import { ScoringHelp } from '../../components/ScoringHelp.tsx';
import { hasRole, useSession } from '../../session.ts';
import { DistributionPanel } from './DistributionPanel.tsx';
import { type EditorAction, editorReducer, initEditor } from './definition-editor.ts';
import { FieldErrorsContext } from './FieldErrors.tsx';
import { fieldErrorMap } from './field-errors.ts';
import { PublishDialog } from './PublishDialog.tsx';
import { QuestionList } from './QuestionList.tsx';
import { SurveyPreview } from './SurveyPreview.tsx';
import { SurveyTextsForm } from './SurveyTextsForm.tsx';
import { VersionsPanel } from './VersionsPanel.tsx';

export type EditorTab = 'questions' | 'distribution' | 'versions';
const tabs: ReadonlyArray<{ id: EditorTab; label: string }> = [
  { id: 'questions', label: 'Questions' },
  { id: 'distribution', label: 'Distribution' },
  { id: 'versions', label: 'Versions' },
];

export function SurveyEditorPage() {
  const { surveyId } = useParams({ from: '/app/surveys/$surveyId' });
  const survey = useQuery(surveyQuery(surveyId));
  if (survey.isPending) return <p className="muted">Loading the survey…</p>;
  if (survey.isError)
    return <ErrorMessage error={survey.error} title="Could not load the survey" />;
  return <SurveyEditor key={survey.data.id} survey={survey.data} />;
}

function SurveyEditor({ survey }: { survey: Survey }) {
  const { tab = 'questions' } = useSearch({ from: '/app/surveys/$surveyId' });
  const { data: session } = useSession();
  const canEdit = session ? hasRole(session, 'admin', 'analyst') : false;
  const queryClient = useQueryClient();
  const [state, dispatch] = useReducer(editorReducer, survey.draft, initEditor);
  const [name, setName] = useState(survey.name);
  const [dirty, setDirty] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const edit = (action: EditorAction) => {
    dispatch(action);
    setDirty(true);
  };

  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const refresh = () => queryClient.invalidateQueries({ queryKey: ['surveys'] });
  const save = useMutation({
    mutationFn: () => updateSurvey(survey.id, { name: name.trim(), draft: state.definition }),
    onSuccess: (updated) => {
      queryClient.setQueryData(['surveys', 'one', survey.id], updated);
      setDirty(false);
    },
  });
  const publish = useMutation({
    mutationFn: async () => {
      if (dirty) await save.mutateAsync();
      return publishSurvey(survey.id);
    },
    onSettled: () => setConfirming(false),
    onSuccess: refresh,
  });
  const failure = publish.error ?? save.error;
  const errors = fieldErrorMap(failure instanceof ApiError ? failure.fieldErrors : []);
  const nextVersion = (survey.currentVersion?.version ?? 0) + 1;

  return (
    <Page
      title={survey.name}
      intro={
        <>
          <Link to="/surveys">All surveys</Link> · {survey.kind.replace('_', ' ')} survey ·{' '}
          <span data-testid="survey-status">
            {survey.currentVersion
              ? `${survey.status}, version ${survey.currentVersion.version} published`
              : 'draft, never published'}
          </span>
        </>
      }
      actions={
        canEdit && (
          <>
            <span className="muted" aria-live="polite">
              {dirty ? 'Unsaved changes' : save.isSuccess ? 'All changes saved' : ''}
            </span>
            <button
              type="button"
              className="button"
              onClick={() => save.mutate()}
              disabled={save.isPending || publish.isPending}
            >
              {save.isPending ? 'Saving…' : 'Save draft'}
            </button>
            <button
              type="button"
              className="button button-primary"
              onClick={() => {
                publish.reset();
                setConfirming(true);
              }}
              disabled={publish.isPending}
            >
              Publish…
            </button>
          </>
        )
      }
    >
      <ErrorMessage
        error={failure}
        title={publish.error ? 'Could not publish' : 'Could not save the draft'}
      />
      {publish.data && (
        <p className="alert alert-success" role="status" data-testid="published">
          Published version {publish.data.version}.
        </p>
      )}
      <nav aria-label="Survey sections" className="tabs">
        {tabs.map((t) => (
          <Link
            key={t.id}
            to="/surveys/$surveyId"
            params={{ surveyId: survey.id }}
            search={{ tab: t.id }}
            className={`tab${t.id === tab ? ' active' : ''}`}
            aria-current={t.id === tab ? 'page' : undefined}
          >
            {t.label}
          </Link>
        ))}
      </nav>
      <FieldErrorsContext.Provider value={errors}>
        <div hidden={tab !== 'questions'} className="editor">
          <div className="editor-form">
            {!canEdit && (
              <p className="alert alert-info">Your role may read this survey but not edit it.</p>
            )}
            <fieldset disabled={!canEdit} className="plain-fieldset">
              <legend className="visually-hidden">Survey definition</legend>
              <SurveyTextsForm
                name={name}
                onNameChange={(n) => {
                  setName(n);
                  setDirty(true);
                }}
                definition={state.definition}
                dispatch={edit}
              />
              <QuestionList definition={state.definition} keys={state.keys} dispatch={edit} />
            </fieldset>
            <ScoringHelp />
          </div>
          <div className="editor-preview">
            <SurveyPreview definition={state.definition} keys={state.keys} />
          </div>
        </div>
      </FieldErrorsContext.Provider>
      <div hidden={tab !== 'distribution'}>
        <DistributionPanel survey={survey} canEdit={canEdit} />
      </div>
      <div hidden={tab !== 'versions'}>
        <VersionsPanel surveyId={survey.id} />
      </div>
      <PublishDialog
        open={confirming}
        nextVersion={nextVersion}
        unsaved={dirty}
        pending={publish.isPending}
        onConfirm={() => publish.mutate()}
        onCancel={() => setConfirming(false)}
      />
    </Page>
  );
}
