import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type ChangeEvent, type FormEvent, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { runHrImport } from '../../api/employee.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { Page } from '../../components/Page.tsx';
import { RequireRole } from '../../components/RequireRole.tsx';
import { PulseTabs } from '../pulse/PulseTabs.tsx';
import { ImportReport } from './ImportReport.tsx';

type HrKind = 'exits' | 'pay-bands';

const kindInfo: Record<HrKind, { label: string; columns: string }> = {
  exits: {
    label: 'Exits',
    columns:
      'person_external_id or email, exit_date (YYYY-MM-DD), reason (voluntary | involuntary | other); both empty clears an exit',
  },
  'pay-bands': {
    label: 'Pay bands',
    columns: 'person_external_id or email, pay_band (empty clears it)',
  },
};

/** HR facts for retention and pay fairness: the same all-or-nothing CSV import as the org data. */
function HrImportForm() {
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<HrKind>('exits');
  const [csv, setCsv] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const run = useMutation({
    mutationFn: (input: { kind: HrKind; csv: string }) => runHrImport(input.kind, input.csv),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['pulse', 'retention'] }),
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
        {(Object.keys(kindInfo) as HrKind[]).map((k) => (
          <label key={k} className="choice">
            <input
              type="radio"
              name="hr-import-kind"
              value={k}
              checked={kind === k}
              onChange={() => {
                setKind(k);
                run.reset();
              }}
            />
            {kindInfo[k].label}
          </label>
        ))}
      </fieldset>
      <p className="hint" id="hr-import-columns">
        Columns: <code>{kindInfo[kind].columns}</code>
      </p>
      <div className="field">
        <label htmlFor="hr-import-file">CSV file</label>
        <input
          id="hr-import-file"
          type="file"
          accept=".csv,text/csv"
          onChange={pickFile}
          aria-describedby="hr-import-columns"
        />
        {fileName && <p className="hint">Loaded {fileName}; you can edit it below.</p>}
      </div>
      <div className="field">
        <label htmlFor="hr-import-csv">Or paste the CSV</label>
        <textarea
          id="hr-import-csv"
          rows={10}
          spellCheck={false}
          value={csv}
          onChange={(e) => setCsv(e.target.value)}
          aria-describedby="hr-import-columns"
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

export function HrImportPage() {
  return (
    <Page
      title="HR import"
      intro="Load exits and pay bands from CSV, matched to people by their external id or e-mail. A file with any bad row is rejected whole."
    >
      <PulseTabs />
      <RequireRole roles={['admin']}>
        <HrImportForm />
      </RequireRole>
    </Page>
  );
}
