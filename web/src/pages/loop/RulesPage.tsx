import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CaseRule } from '@valueloop/contracts';
import { useState } from 'react';
import { deleteCaseRule, listCaseRules } from '../../api/loop.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { Page } from '../../components/Page.tsx';
import { RequireRole } from '../../components/RequireRole.tsx';
import { priorityLabels } from '../cases/CaseBadges.tsx';
import { RuleEditor } from './RuleEditor.tsx';
import { describeCondition } from './rule-form.ts';

const ownerText = (owner: CaseRule['owner']) =>
  owner.kind === 'queue'
    ? 'a queue'
    : owner.kind === 'unit_manager'
      ? 'unit manager'
      : 'serving employee';

function RulesList({ onEdit }: { onEdit: (rule: CaseRule) => void }) {
  const queryClient = useQueryClient();
  const rules = useQuery({ queryKey: ['case-rules'], queryFn: listCaseRules });
  const remove = useMutation({
    mutationFn: deleteCaseRule,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['case-rules'] }),
  });
  const items = rules.data?.items ?? [];
  return (
    <>
      <ErrorMessage error={rules.error ?? remove.error} title="Case rules" />
      {!rules.isPending && items.length === 0 && <p className="muted">No rules yet.</p>}
      <div className="table-wrap">
        <table className="table" data-testid="rules-table">
          <caption className="visually-hidden">Case rules</caption>
          <thead>
            <tr>
              <th scope="col">Rule</th>
              <th scope="col">When</th>
              <th scope="col">Owner</th>
              <th scope="col">Priority</th>
              <th scope="col" className="num">
                SLA
              </th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((r) => (
              <tr key={r.id}>
                <th scope="row" className="row-head">
                  {r.name}
                  {!r.active && <span className="badge badge-muted">inactive</span>}
                </th>
                <td>{r.conditions.map(describeCondition).join(' and ')}</td>
                <td>{ownerText(r.owner)}</td>
                <td>{priorityLabels[r.priority]}</td>
                <td className="num nowrap">{r.slaHours} h</td>
                <td className="nowrap">
                  <button type="button" className="button button-small" onClick={() => onEdit(r)}>
                    Edit<span className="visually-hidden"> {r.name}</span>
                  </button>{' '}
                  <button
                    type="button"
                    className="button button-small button-danger"
                    disabled={remove.isPending}
                    onClick={() => {
                      if (window.confirm(`Delete the rule “${r.name}”? Its cases stay.`))
                        remove.mutate(r.id);
                    }}
                  >
                    Delete<span className="visually-hidden"> {r.name}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** Rules that open cases on customer responses (admins and analysts). */
export function RulesPage() {
  const [editing, setEditing] = useState<CaseRule | 'new' | null>(null);
  return (
    <Page
      title="Case rules"
      intro="Each new customer response is checked against the active rules; a match opens one case with its owner, priority and SLA."
      actions={
        editing === null && (
          <button type="button" className="button button-primary" onClick={() => setEditing('new')}>
            New rule
          </button>
        )
      }
    >
      <RequireRole roles={['admin', 'analyst']}>
        {editing !== null && (
          <RuleEditor
            key={editing === 'new' ? 'new' : editing.id}
            rule={editing === 'new' ? null : editing}
            onDone={() => setEditing(null)}
          />
        )}
        <RulesList onEdit={setEditing} />
      </RequireRole>
    </Page>
  );
}
