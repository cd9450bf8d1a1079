import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ActionPlanLink } from '@valueloop/contracts';
import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { createActionPlan, getPlanSuggestions } from '../../api/loop.ts';
import { meQuery, unitTreeQuery } from '../../api/queries.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { PersonSelect } from '../cases/PersonSelect.tsx';
import { unitOptions } from '../pulse/unit-options.ts';
import { FieldErrorsContext, FieldErrorText, useFieldError } from '../surveys/FieldErrors.tsx';
import { fieldErrorMap } from '../surveys/field-errors.ts';

const linkKey = (l: ActionPlanLink) => `${l.kind}:${l.ref}`;

function Suggestions({
  unitId,
  chosen,
  onToggle,
}: {
  unitId: string;
  chosen: ReadonlyMap<string, ActionPlanLink>;
  onToggle: (link: ActionPlanLink, on: boolean) => void;
}) {
  const s = useQuery({
    queryKey: ['action-plans', 'suggestions', unitId],
    queryFn: () => getPlanSuggestions(unitId),
  });
  if (s.error) return <ErrorMessage error={s.error} title="Could not load suggestions" />;
  if (!s.data) return <p className="muted">Loading suggestions…</p>;
  const groups = [
    {
      title: 'Root causes of its cases',
      items: s.data.rootCauses.map((r) => ({ ...r, note: `${r.count} cases` })),
    },
    {
      title: 'Themes in detractors’ comments',
      items: s.data.commentThemes.map((r) => ({ ...r, note: `${r.count} mentions` })),
    },
    {
      title: 'Lowest employee-pulse items',
      items: s.data.pulseItems.map((r) => ({ ...r, note: `mean ${Math.round(r.mean)}` })),
    },
  ];
  if (groups.every((g) => g.items.length === 0)) {
    return <p className="muted">No suggestions for this unit yet.</p>;
  }
  return (
    <>
      {groups
        .filter((g) => g.items.length > 0)
        .map((g) => (
          <fieldset key={g.title} className="choice-group stacked">
            <legend>{g.title}</legend>
            {g.items.map((item) => (
              <label key={linkKey(item.link)} className="choice">
                <input
                  type="checkbox"
                  checked={chosen.has(linkKey(item.link))}
                  onChange={(e) => onToggle(item.link, e.target.checked)}
                />
                {item.label} <span className="muted">({item.note})</span>
              </label>
            ))}
          </fieldset>
        ))}
    </>
  );
}

function TextField(props: {
  field: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  type?: string;
}) {
  const { inputProps } = useFieldError(props.field);
  const id = `plan-${props.field}`;
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        type={props.type ?? 'text'}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        {...inputProps}
      />
      <FieldErrorText field={props.field} />
    </div>
  );
}

/** Create a plan for a unit, with links picked from what its feedback suggests. */
export function NewPlanDialog({ onClose }: { onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const queryClient = useQueryClient();
  const units = useQuery(unitTreeQuery);
  const options = unitOptions(units.data?.units ?? [], null);
  const me = useQuery(meQuery);
  const [picked, setUnitId] = useState<string | null>(null);
  // Until someone picks, the plan is for the caller's own unit (a manager's usual case).
  const unitId = picked ?? me.data?.unit?.id ?? '';
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [dueOn, setDueOn] = useState('');
  const [weeks, setWeeks] = useState('8');
  const [ownerId, setOwnerId] = useState('');
  const [links, setLinks] = useState<ReadonlyMap<string, ActionPlanLink>>(new Map());
  useEffect(() => {
    ref.current?.showModal();
  }, []);
  const create = useMutation({
    mutationFn: () =>
      createActionPlan({
        unitId,
        title,
        description,
        ownerId: ownerId || null,
        dueOn: dueOn || null,
        followUpWeeks: weeks.trim() === '' ? Number.NaN : Number(weeks),
        links: [...links.values()],
      }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['action-plans'] });
      onClose();
    },
  });
  const errors = fieldErrorMap(create.error instanceof ApiError ? create.error.fieldErrors : []);
  const unitError = errors.get('unitId');

  return (
    <dialog
      ref={ref}
      className="dialog plan-dialog"
      aria-labelledby="new-plan-title"
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <FieldErrorsContext.Provider value={errors}>
        <form
          className="form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate();
          }}
        >
          <h2 id="new-plan-title">New action plan</h2>
          <ErrorMessage error={create.error} title="Could not create the plan" />
          <div className="field">
            <label htmlFor="plan-unitId">Unit</label>
            <select
              id="plan-unitId"
              value={unitId}
              onChange={(e) => {
                setUnitId(e.target.value);
                setLinks(new Map());
              }}
              aria-invalid={unitError ? true : undefined}
              aria-describedby={unitError ? 'err-unitId' : undefined}
            >
              <option value="">Choose a unit</option>
              {options.map((u) => (
                <option key={u.value} value={u.value}>
                  {u.label}
                </option>
              ))}
            </select>
            <FieldErrorText field="unitId" />
          </div>
          <TextField field="title" label="Title" value={title} onChange={setTitle} />
          <div className="field">
            <label htmlFor="plan-description">What will change</label>
            <textarea
              id="plan-description"
              className="text-input"
              rows={3}
              value={description}
              onChange={(e) => setDescription(e.target.value)}
            />
          </div>
          <div className="field-pair">
            <TextField field="dueOn" label="Due on" type="date" value={dueOn} onChange={setDueOn} />
            <TextField
              field="followUpWeeks"
              label="Follow-up after (weeks)"
              type="number"
              value={weeks}
              onChange={setWeeks}
            />
          </div>
          <div className="field">
            <label htmlFor="plan-owner">Owner</label>
            <PersonSelect
              id="plan-owner"
              value={ownerId}
              onChange={setOwnerId}
              placeholder="No owner yet"
            />
          </div>
          {unitId && (
            <div className="field">
              <span className="field-label">Link to (suggested from this unit’s feedback)</span>
              <Suggestions
                unitId={unitId}
                chosen={links}
                onToggle={(link, on) => {
                  const next = new Map(links);
                  if (on) next.set(linkKey(link), link);
                  else next.delete(linkKey(link));
                  setLinks(next);
                }}
              />
              <FieldErrorText field="links" />
            </div>
          )}
          <div className="dialog-actions">
            <button type="button" className="button" onClick={onClose}>
              Cancel
            </button>
            <button type="submit" className="button button-primary" disabled={create.isPending}>
              Create plan
            </button>
          </div>
        </form>
      </FieldErrorsContext.Provider>
    </dialog>
  );
}
