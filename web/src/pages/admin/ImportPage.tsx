import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type ImportKind, importKinds } from '@valueloop/contracts';
import { type ChangeEvent, type FormEvent, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { runImport } from '../../api/endpoints.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { Page } from '../../components/Page.tsx';
import { RequireRole } from '../../components/RequireRole.tsx';
import { ImportReport } from './ImportReport.tsx';

const kindInfo: Record<ImportKind, { label: string; columns: string }> = {
  units: {
    label: 'Units',
    columns: 'external_id, name, level, kind, parent_external_id?, manager_email?',
  },
  people: {
    label: 'People',
    columns:
      'external_id, name, email, unit_external_id?, roles?, hire_date?, exit_date?, pay_band?',
  },
  'support-edges': {
    label: 'Support links',
    columns: 'from_external_id, to_external_id',
  },
};

function ImportForm() {
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<ImportKind>('units');
  const [csv, setCsv] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const run = useMutation({
    mutationFn: (input: { kind: ImportKind; csv: string }) => runImport(input.kind, input.csv),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['units'] }),
  });

  const pickFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (!file) return;
    setFileName(file.name);
    setCsv(await file.text());
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    run.mutate({ kind, csv });
  };

  const rowErrors =
    run.error instanceof ApiError ? run.error.fieldErrors.filter((e) => e.line !== undefined) : [];

  return (
    <form className="form card" onSubmit={submit}>
      <fieldset className="choice-group">
        <legend>What to import</legend>
        {importKinds.map((k) => (
          <label key={k} className="choice">
            <input
              type="radio"
              name="import-kind"
              value={k}
              checked={kind === k}
              onChange={() => setKind(k)}
            />
            {kindInfo[k].label}
          </label>
        ))}
      </fieldset>
      <p className="hint" id="import-columns">
        Columns (? = optional): <code>{kindInfo[kind].columns}</code>
      </p>
      <div className="field">
        <label htmlFor="import-file">CSV file</label>
        <input
          id="import-file"
          type="file"
          accept=".csv,text/csv"
          onChange={pickFile}
          aria-describedby="import-columns"
        />
        {fileName && <p className="hint">Loaded {fileName}; you can edit it below.</p>}
      </div>
      <div className="field">
        <label htmlFor="import-csv">Or paste the CSV</label>
        <textarea
          id="import-csv"
          rows={10}
          spellCheck={false}
          value={csv}
          onChange={(e) => setCsv(e.target.value)}
          aria-describedby="import-columns"
        />
      </div>
      <button
        type="submit"
        className="button button-primary"
        disabled={run.isPending || csv.trim() === ''}
      >
        {run.isPending ? 'Importing…' : `Import ${kindInfo[kind].label.toLowerCase()}`}
      </button>
      <div aria-live="polite">
        {run.isSuccess && (
          <div className="alert alert-success" role="status" data-testid="import-result">
            <p>
              Imported: {run.data.created} created, {run.data.updated} updated, {run.data.unchanged}{' '}
              unchanged.
            </p>
          </div>
        )}
      </div>
      {run.isError && (
        <>
          <ErrorMessage error={run.error} title="The import was rejected" />
          <ImportReport errors={rowErrors} />
        </>
      )}
    </form>
  );
}

export function ImportPage() {
  return (
    <Page
      title="Import"
      intro="Load units, people and support links from CSV. A file with any bad row is rejected whole."
    >
      <RequireRole roles={['admin']}>
        <ImportForm />
      </RequireRole>
    </Page>
  );
}
