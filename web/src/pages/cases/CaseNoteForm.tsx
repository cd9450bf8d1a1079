import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { addCaseNote } from '../../api/loop.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { caseQueryKey } from './CaseWorkForm.tsx';

/** An internal note: only people who may see the case read it; it joins the timeline. */
export function CaseNoteForm({ caseId }: { caseId: string }) {
  const queryClient = useQueryClient();
  const [text, setText] = useState('');
  const add = useMutation({
    mutationFn: () => addCaseNote(caseId, text),
    onSuccess: async () => {
      setText('');
      await queryClient.invalidateQueries({ queryKey: caseQueryKey(caseId) });
    },
  });
  return (
    <form
      className="card form"
      aria-labelledby="note-title"
      onSubmit={(e) => {
        e.preventDefault();
        add.mutate();
      }}
    >
      <h2 id="note-title">Internal note</h2>
      <ErrorMessage error={add.error} title="Could not add the note" />
      <div className="field">
        <label htmlFor="case-note">Note</label>
        <textarea
          id="case-note"
          className="text-input"
          rows={3}
          value={text}
          maxLength={5000}
          onChange={(e) => setText(e.target.value)}
        />
      </div>
      <div className="form-footer">
        <button type="submit" className="button" disabled={add.isPending || text.trim() === ''}>
          Add note
        </button>
      </div>
    </form>
  );
}
