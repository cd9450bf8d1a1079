import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ApiError } from '../../../api/client.ts';
import { listPeople } from '../../../api/endpoints.ts';
import { createCaseQueue, listCaseQueues } from '../../../api/loop.ts';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { PersonSelect } from '../../cases/PersonSelect.tsx';
import { FieldErrorsContext, FieldErrorText, useFieldError } from '../../surveys/FieldErrors.tsx';
import { fieldErrorMap } from '../../surveys/field-errors.ts';

const queuesKey = ['case-queues'] as const;
const peopleKey = ['people', 'list', { limit: 500 }] as const;

function QueueNameInput({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  const { inputProps } = useFieldError('name');
  return (
    <input
      id="queue-name"
      value={value}
      maxLength={100}
      onChange={(e) => onChange(e.target.value)}
      {...inputProps}
    />
  );
}

function NewQueue({ nameOf }: { nameOf: (id: string) => string }) {
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [memberIds, setMemberIds] = useState<string[]>([]);
  const [picked, setPicked] = useState('');
  const create = useMutation({
    mutationFn: () => createCaseQueue({ name, memberIds }),
    onSuccess: () => {
      setName('');
      setMemberIds([]);
      void queryClient.invalidateQueries({ queryKey: queuesKey });
    },
  });
  const errors = fieldErrorMap(create.error instanceof ApiError ? create.error.fieldErrors : []);
  const addMember = () => {
    if (picked && !memberIds.includes(picked)) setMemberIds([...memberIds, picked]);
    setPicked('');
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <FieldErrorsContext.Provider value={errors}>
      <form className="settings-form" onSubmit={submit} aria-label="Create a queue">
        <div className="field">
          <label htmlFor="queue-name">Queue name</label>
          <QueueNameInput value={name} onChange={setName} />
          <FieldErrorText field="name" />
        </div>
        <div className="field">
          <label htmlFor="queue-member">Add a member</label>
          <div className="settings-inline">
            <PersonSelect
              id="queue-member"
              value={picked}
              onChange={setPicked}
              placeholder="Choose a person"
            />
            <button type="button" className="button" onClick={addMember} disabled={!picked}>
              Add member
            </button>
          </div>
          <FieldErrorText field="memberIds" />
        </div>
        {memberIds.length > 0 && (
          <ul className="chip-list" aria-label="Members of the new queue">
            {memberIds.map((id) => (
              <li key={id}>
                {nameOf(id)}{' '}
                <button
                  type="button"
                  className="button button-small"
                  onClick={() => setMemberIds(memberIds.filter((m) => m !== id))}
                >
                  Remove<span className="visually-hidden"> {nameOf(id)}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
        <button type="submit" className="button button-primary" disabled={create.isPending}>
          Create queue
        </button>
      </form>
      {create.error && errors.size === 0 && (
        <ErrorMessage error={create.error} title="Could not create the queue" />
      )}
    </FieldErrorsContext.Provider>
  );
}

/** Shared case queues: a rule may route cases to a queue, any member may take them. */
export function QueueSection() {
  const queues = useQuery({ queryKey: queuesKey, queryFn: listCaseQueues });
  const people = useQuery({ queryKey: peopleKey, queryFn: () => listPeople({ limit: 500 }) });
  const nameOf = (id: string) =>
    people.data?.items.find((p) => p.id === id)?.name ?? 'Someone you cannot see';
  const items = queues.data?.items ?? [];
  return (
    <section className="card settings-section" aria-labelledby="queues-title">
      <h2 id="queues-title">Case queues</h2>
      <ErrorMessage error={queues.error} />
      {!queues.isPending && items.length === 0 && <p className="muted">No queues yet.</p>}
      <ul className="queue-list" data-testid="queue-list">
        {items.map((q) => (
          <li key={q.id}>
            <strong>{q.name}</strong>:{' '}
            {q.memberIds.length === 0 ? 'no members' : q.memberIds.map(nameOf).join(', ')}
          </li>
        ))}
      </ul>
      <NewQueue nameOf={nameOf} />
    </section>
  );
}
