/** How a case's SLA reads in a list: the business time left, or how long it is overdue. */
export type SlaTone = 'ok' | 'soon' | 'overdue' | 'done';

export interface SlaLabel {
  text: string;
  tone: SlaTone;
}

/** Under two business hours left counts as "soon" (shown amber). */
export const SOON_MINUTES = 120;

/** "2 d 3 h", "3 h 20 min", "45 min": the two largest non-zero units, in whole minutes. */
export function formatDuration(totalMinutes: number): string {
  const minutes = Math.max(0, Math.round(totalMinutes));
  if (minutes < 1) return 'less than 1 min';
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  const parts: string[] = [];
  if (days > 0) parts.push(`${days} d`);
  if (hours > 0) parts.push(`${hours} h`);
  if (mins > 0 && days === 0) parts.push(`${mins} min`);
  return parts.slice(0, 2).join(' ');
}

/**
 * The SLA countdown of a case. `minutesLeft` is business time (the server knows the opening
 * hours), null once the case is resolved or closed.
 */
export function slaLabel(minutesLeft: number | null, breached = false): SlaLabel {
  if (minutesLeft === null) return { text: breached ? 'SLA was breached' : '—', tone: 'done' };
  if (minutesLeft < 0)
    return { text: `overdue by ${formatDuration(-minutesLeft)}`, tone: 'overdue' };
  if (breached) return { text: 'overdue', tone: 'overdue' };
  const tone: SlaTone = minutesLeft <= SOON_MINUTES ? 'soon' : 'ok';
  return { text: `${formatDuration(minutesLeft)} left`, tone };
}
