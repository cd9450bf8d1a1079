/** One line per timeline event, from its kind and data (unknown kinds still read sensibly). */
const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');

const statusWords: Record<string, string> = {
  new: 'new',
  in_progress: 'in progress',
  waiting_on_customer: 'waiting on customer',
  resolved: 'resolved',
  closed: 'closed',
};
const status = (v: unknown) => statusWords[str(v)] ?? str(v);

function money(data: Record<string, unknown>): string {
  return `${str(data.type)} of ${str(data.amount)} ${str(data.currency)}`.trim();
}

export function eventText(kind: string, data: Record<string, unknown>): string {
  switch (kind) {
    case 'opened':
      return data.rule ? `Opened by the rule “${str(data.rule)}”` : 'Opened';
    case 'note':
      return `Note: ${str(data.text)}`;
    case 'status_changed':
      return `Status ${status(data.from)} → ${status(data.to)}${
        data.reason === 'resurvey_answered' ? ' (the customer answered the re-survey)' : ''
      }`;
    case 'assigned': {
      const bulk = data.bulk ? ' (bulk)' : '';
      if (data.toOwnerName) return `Assigned to ${str(data.toOwnerName)}${bulk}`;
      // Older rows (and the demo) name the new owner under other keys.
      if (data.toOwnerId || data.ownerId || data.ownerExternalId) return `Reassigned${bulk}`;
      return data.toQueueId ? 'Moved to a queue' : 'Unassigned';
    }
    case 'priority_changed':
      return `Priority ${str(data.from)} → ${str(data.to)}`;
    case 'root_cause_set':
      return data.name || data.rootCause
        ? `Root cause: ${str(data.name ?? data.rootCause)}`
        : 'Root cause changed';
    case 'escalated':
      return `Escalated (level ${str(data.level)}): the SLA was breached`;
    case 'reply_sent':
      return `Reply sent to the customer: “${str(data.subject)}”${
        data.resurvey ? ' with a re-survey link' : ''
      }`;
    case 'resurvey_answered':
      return `The customer answered the re-survey${
        data.score === null || data.score === undefined ? '' : `: ${str(data.score)}/100`
      }${data.putRight === true ? ' (put right)' : data.putRight === false ? ' (not put right)' : ''}`;
    case 'recovery_taken':
      return `Recovery taken on the spot: ${money(data)}`;
    case 'recovery_requested':
      return `Recovery sent for approval: ${money(data)}${data.reason ? ` (${str(data.reason)})` : ''}`;
    case 'recovery_approved':
      return `Recovery approved: ${money(data)}${data.note ? ` (${str(data.note)})` : ''}`;
    case 'recovery_rejected':
      return `Recovery rejected: ${money(data)}${data.note ? ` (${str(data.note)})` : ''}`;
    default:
      return kind.replaceAll('_', ' ');
  }
}
