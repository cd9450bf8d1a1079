import { useQuery } from '@tanstack/react-query';
import { getMailbox } from '../../api/endpoints.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { Page } from '../../components/Page.tsx';
import { RequireRole } from '../../components/RequireRole.tsx';

function Mailbox() {
  const mailbox = useQuery({ queryKey: ['dev', 'mailbox'], queryFn: getMailbox });
  if (mailbox.isPending) return <p className="muted">Loading messages…</p>;
  if (mailbox.isError) return <ErrorMessage error={mailbox.error} title="Could not load mail" />;
  if (mailbox.data.items.length === 0) return <p className="muted">No messages yet.</p>;
  return (
    <ul className="mail-list">
      {mailbox.data.items.map((m) => (
        <li key={m.id} className="card">
          <h2 className="mail-subject">{m.subject}</h2>
          <p className="muted">
            To {m.to} · {new Date(m.createdAt).toLocaleString('en')}
          </p>
          <pre className="mail-body">{m.body}</pre>
        </li>
      ))}
    </ul>
  );
}

export function MailboxPage() {
  return (
    <Page
      title="Development mailbox"
      intro="Messages ValueLoop would send by e-mail, such as password reset links."
    >
      <RequireRole roles={['admin']}>
        <Mailbox />
      </RequireRole>
    </Page>
  );
}
