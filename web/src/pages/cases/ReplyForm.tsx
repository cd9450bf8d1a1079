import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { replyToCustomer } from '../../api/loop.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { caseQueryKey } from './CaseWorkForm.tsx';

/** A reply to the customer by e-mail (through the outbox), optionally with a re-survey link. */
export function ReplyForm({ caseId, customerName }: { caseId: string; customerName: string }) {
  const queryClient = useQueryClient();
  const [subject, setSubject] = useState('About your recent visit');
  const [body, setBody] = useState('');
  const [resurvey, setResurvey] = useState(true);
  const send = useMutation({
    mutationFn: () => replyToCustomer(caseId, { subject, body, resurvey }),
    onSuccess: async () => {
      setBody('');
      await queryClient.invalidateQueries({ queryKey: caseQueryKey(caseId) });
    },
  });
  return (
    <form
      className="card form"
      aria-labelledby="reply-title"
      onSubmit={(e) => {
        e.preventDefault();
        send.mutate();
      }}
    >
      <h2 id="reply-title">Reply to {customerName}</h2>
      <ErrorMessage error={send.error} title="Could not send the reply" />
      <div className="field">
        <label htmlFor="reply-subject">Subject</label>
        <input
          id="reply-subject"
          value={subject}
          maxLength={200}
          onChange={(e) => setSubject(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor="reply-body">Message</label>
        <textarea
          id="reply-body"
          className="text-input"
          rows={5}
          value={body}
          onChange={(e) => setBody(e.target.value)}
        />
      </div>
      <label className="choice">
        <input type="checkbox" checked={resurvey} onChange={(e) => setResurvey(e.target.checked)} />
        Ask “did we put it right?” (a one-question re-survey)
      </label>
      <div className="form-footer">
        <button
          type="submit"
          className="button"
          disabled={send.isPending || body.trim() === '' || subject.trim() === ''}
        >
          Send reply
        </button>
        {send.isSuccess && (
          <span className="muted" role="status">
            Sent.
          </span>
        )}
      </div>
    </form>
  );
}
