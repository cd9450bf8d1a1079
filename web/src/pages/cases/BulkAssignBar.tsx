import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { bulkAssignCases } from '../../api/loop.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { PersonSelect } from './PersonSelect.tsx';

/** Managers assign the selected cases to one person in one request. */
export function BulkAssignBar({ selected, onDone }: { selected: string[]; onDone: () => void }) {
  const queryClient = useQueryClient();
  const [ownerId, setOwnerId] = useState('');
  const assign = useMutation({
    mutationFn: () => bulkAssignCases(selected, ownerId),
    onSuccess: async () => {
      onDone();
      await queryClient.invalidateQueries({ queryKey: ['cases'] });
    },
  });
  return (
    <fieldset className="bulk-bar card">
      <legend className="visually-hidden">Assign selected cases</legend>
      <span aria-live="polite">
        {selected.length} selected
        {assign.isSuccess && ` · assigned ${assign.data.assigned}`}
      </span>
      <label htmlFor="bulk-owner" className="visually-hidden">
        Assign to
      </label>
      <PersonSelect
        id="bulk-owner"
        value={ownerId}
        onChange={setOwnerId}
        placeholder="Assign to…"
      />
      <button
        type="button"
        className="button button-primary"
        disabled={selected.length === 0 || ownerId === '' || assign.isPending}
        onClick={() => assign.mutate()}
      >
        Assign
      </button>
      <ErrorMessage error={assign.error} title="Could not assign" />
    </fieldset>
  );
}
