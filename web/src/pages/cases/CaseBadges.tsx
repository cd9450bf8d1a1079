import type { CaseStatus, casePriorities } from '@valueloop/contracts';
import { slaLabel } from './sla.ts';

type Priority = (typeof casePriorities)[number];

export const statusLabels: Record<CaseStatus, string> = {
  new: 'New',
  in_progress: 'In progress',
  waiting_on_customer: 'Waiting on customer',
  resolved: 'Resolved',
  closed: 'Closed',
};

export const priorityLabels: Record<Priority, string> = {
  low: 'Low',
  normal: 'Normal',
  high: 'High',
  urgent: 'Urgent',
};

export function StatusBadge({ status }: { status: CaseStatus }) {
  return <span className={`badge badge-case-${status}`}>{statusLabels[status]}</span>;
}

export function PriorityBadge({ priority }: { priority: Priority }) {
  return <span className={`badge badge-priority-${priority}`}>{priorityLabels[priority]}</span>;
}

/** The SLA countdown, colored by how close the due time is (text says it too, not color only). */
export function SlaText({
  minutesLeft,
  breached,
}: {
  minutesLeft: number | null;
  breached: boolean;
}) {
  const { text, tone } = slaLabel(minutesLeft, breached);
  return (
    <span className={`sla sla-${tone}`} data-testid="sla">
      {text}
    </span>
  );
}

export const dateTime = (iso: string | null) =>
  iso ? new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) : '—';
