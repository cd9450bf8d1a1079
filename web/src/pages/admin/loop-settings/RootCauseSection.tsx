import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { RootCause } from '@valueloop/contracts';
import { type FormEvent, useState } from 'react';
import { ApiError } from '../../../api/client.ts';
import { createRootCause, listRootCauses, updateRootCause } from '../../../api/loop.ts';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { FieldErrorsContext, FieldErrorText, useFieldError } from '../../surveys/FieldErrors.tsx';
import { fieldErrorMap } from '../../surveys/field-errors.ts';
import { causeTree } from './loop-settings.ts';

const rootCausesKey = ['root-causes'] as const;

function NameInput(props: { id: string; value: string; onChange: (v: string) => void }) {
  const { inputProps } = useFieldError('name');
  return (
    <input
      id={props.id}
      value={props.value}
      onChange={(e) => props.onChange(e.target.value)}
      maxLength={100}
      {...inputProps}
    />
  );
}

function AddCause({ causes }: { causes: readonly RootCause[] }) {
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [parentId, setParentId] = useState('');
  const add = useMutation({
    mutationFn: () => createRootCause({ name, parentId: parentId || null }),
    onSuccess: () => {
      setName('');
      void queryClient.invalidateQueries({ queryKey: rootCausesKey });
    },
  });
  const errors = fieldErrorMap(add.error instanceof ApiError ? add.error.fieldErrors : []);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate();
  };
  return (
    <FieldErrorsContext.Provider value={errors}>
      <form className="settings-form" onSubmit={submit} aria-label="Add a root cause">
        <div className="field">
          <label htmlFor="cause-name">New cause</label>
          <NameInput id="cause-name" value={name} onChange={setName} />
          <FieldErrorText field="name" />
        </div>
        <div className="field">
          <label htmlFor="cause-parent">Parent (optional)</label>
          <select id="cause-parent" value={parentId} onChange={(e) => setParentId(e.target.value)}>
            <option value="">None (top level)</option>
            {causes
              .filter((c) => c.parentId === null)
              .map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
          </select>
          <FieldErrorText field="parentId" />
        </div>
        <button type="submit" className="button button-primary" disabled={add.isPending}>
          Add cause
        </button>
      </form>
      {add.error && errors.size === 0 && (
        <ErrorMessage error={add.error} title="Could not add the cause" />
      )}
    </FieldErrorsContext.Provider>
  );
}

function CauseRow({ cause, child }: { cause: RootCause; child: boolean }) {
  const queryClient = useQueryClient();
  const [renaming, setRenaming] = useState(false);
  const [name, setName] = useState(cause.name);
  const update = useMutation({
    mutationFn: (body: { name?: string; active?: boolean }) => updateRootCause(cause.id, body),
    onSuccess: () => {
      setRenaming(false);
      void queryClient.invalidateQueries({ queryKey: rootCausesKey });
    },
  });
  const errors = fieldErrorMap(update.error instanceof ApiError ? update.error.fieldErrors : []);
  const inputId = `cause-rename-${cause.id}`;
  return (
    <FieldErrorsContext.Provider value={errors}>
      <div className={child ? 'cause-row cause-child' : 'cause-row'}>
        {renaming ? (
          <form
            className="settings-inline"
            onSubmit={(e) => {
              e.preventDefault();
              update.mutate({ name });
            }}
          >
            <label htmlFor={inputId} className="visually-hidden">
              New name for {cause.name}
            </label>
            <NameInput id={inputId} value={name} onChange={setName} />
            <button type="submit" className="button button-small button-primary">
              Save
            </button>
            <button
              type="button"
              className="button button-small"
              onClick={() => {
                setName(cause.name);
                setRenaming(false);
                update.reset();
              }}
            >
              Cancel
            </button>
            <FieldErrorText field="name" />
          </form>
        ) : (
          <>
            <span className="cause-name">{cause.name}</span>
            {!cause.active && <span className="badge badge-muted">inactive</span>}
            <button type="button" className="button button-small" onClick={() => setRenaming(true)}>
              Rename<span className="visually-hidden"> {cause.name}</span>
            </button>
            <button
              type="button"
              className="button button-small"
              disabled={update.isPending}
              onClick={() => update.mutate({ active: !cause.active })}
            >
              {cause.active ? 'Deactivate' : 'Reactivate'}
              <span className="visually-hidden"> {cause.name}</span>
            </button>
          </>
        )}
      </div>
      {update.error && errors.size === 0 && <ErrorMessage error={update.error} />}
    </FieldErrorsContext.Provider>
  );
}

/** The two-level root-cause taxonomy cases are classified by; inactive causes stay on old cases. */
export function RootCauseSection() {
  const causes = useQuery({ queryKey: rootCausesKey, queryFn: listRootCauses });
  const items = causes.data?.items ?? [];
  const tree = causeTree(items);
  return (
    <section className="card settings-section" aria-labelledby="causes-title">
      <h2 id="causes-title">Root-cause taxonomy</h2>
      <ErrorMessage error={causes.error} />
      {!causes.isPending && items.length === 0 && <p className="muted">No causes yet.</p>}
      <ul className="cause-tree" data-testid="cause-tree">
        {tree.map((node) => (
          <li key={node.cause.id}>
            <CauseRow cause={node.cause} child={false} />
            {node.children.length > 0 && (
              <ul aria-label={`Causes under ${node.cause.name}`}>
                {node.children.map((c) => (
                  <li key={c.id}>
                    <CauseRow cause={c} child />
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
      <AddCause causes={items} />
    </section>
  );
}
