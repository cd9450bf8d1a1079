import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type CaseDetail, type CaseStatus, caseStatuses } from '@valueloop/contracts';
import { useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { type CaseUpdate, getCase, listRootCauses, updateCase } from '../../api/loop.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { statusLabels } from './CaseBadges.tsx';
import { PersonSelect } from './PersonSelect.tsx';

export const caseQueryKey = (id: string) => ['cases', 'one', id] as const;

/**
 * Status, owner and root cause in one save, sent with the version the form was loaded at.
 * If someone else saved first the server answers 409; the form then shows the case as it is now.
 */
export function CaseWorkForm({ current }: { current: CaseDetail }) {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<CaseStatus>(current.status);
  const [ownerId, setOwnerId] = useState(current.owner?.id ?? '');
  const [rootCauseId, setRootCauseId] = useState(current.rootCause?.id ?? '');
  const [conflict, setConflict] = useState<CaseDetail | null>(null);
  const rootCauses = useQuery({ queryKey: ['root-causes'], queryFn: listRootCauses });
  const resolving = status === 'resolved' || status === 'closed';

  const save = useMutation({
    mutationFn: () => {
      const body: CaseUpdate = { version: current.version };
      if (status !== current.status) body.status = status;
      if (ownerId !== (current.owner?.id ?? '')) body.ownerId = ownerId || null;
      if (rootCauseId !== (current.rootCause?.id ?? '')) body.rootCauseId = rootCauseId || null;
      return updateCase(current.id, body);
    },
    onSuccess: (updated) => {
      queryClient.setQueryData(caseQueryKey(current.id), updated);
      void queryClient.invalidateQueries({ queryKey: ['cases', 'list'] });
    },
    onError: async (error) => {
      if (error instanceof ApiError && error.status === 409) {
        setConflict(await getCase(current.id));
      }
    },
  });

  const reload = () => {
    if (conflict) queryClient.setQueryData(caseQueryKey(current.id), conflict);
    setConflict(null);
  };

  return (
    <form
      className="card form"
      aria-labelledby="work-title"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <h2 id="work-title">Work on the case</h2>
      {conflict ? (
        <div className="alert alert-warning" role="alert" data-testid="case-conflict">
          <strong className="alert-title">This case changed while you were editing</strong>
          <p>
            Now: {statusLabels[conflict.status]} · owner {conflict.owner?.name ?? 'nobody'} · root
            cause {conflict.rootCause?.name ?? 'none'} (version {conflict.version}).
          </p>
          <button type="button" className="button" onClick={reload}>
            Reload the case
          </button>
        </div>
      ) : (
        save.error && <ErrorMessage error={save.error} title="Could not save" />
      )}
      <div className="field">
        <label htmlFor="case-status">Status</label>
        <select
          id="case-status"
          value={status}
          onChange={(e) => setStatus(caseStatuses.find((s) => s === e.target.value) ?? status)}
        >
          {caseStatuses.map((s) => (
            <option key={s} value={s}>
              {statusLabels[s]}
            </option>
          ))}
        </select>
      </div>
      {(resolving || current.rootCause) && (
        <div className="field">
          <label htmlFor="case-root-cause">Root cause</label>
          <select
            id="case-root-cause"
            value={rootCauseId}
            onChange={(e) => setRootCauseId(e.target.value)}
          >
            <option value="">Not set</option>
            {(rootCauses.data?.items ?? [])
              .filter((r) => r.active || r.id === rootCauseId)
              .map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name}
                </option>
              ))}
          </select>
          <p className="hint">What caused the problem: it feeds the root-cause Pareto.</p>
        </div>
      )}
      <div className="field">
        <label htmlFor="case-owner">Owner</label>
        <PersonSelect
          id="case-owner"
          value={ownerId}
          onChange={setOwnerId}
          current={current.owner}
          placeholder={current.queue ? `Queue: ${current.queue.name}` : 'Unassigned'}
        />
      </div>
      <div className="form-footer">
        <button type="submit" className="button button-primary" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : 'Save changes'}
        </button>
        {save.isSuccess && !conflict && (
          <span className="muted" role="status">
            Saved.
          </span>
        )}
      </div>
    </form>
  );
}
