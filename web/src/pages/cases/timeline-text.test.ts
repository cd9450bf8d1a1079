import { describe, expect, it } from 'vitest';
import { eventText } from './timeline-text.ts';

describe('eventText', () => {
  it('reads a status change in words', () => {
    expect(eventText('status_changed', { from: 'new', to: 'in_progress' })).toBe(
      'Status new → in progress',
    );
  });
  it('names a recovery with its amount and the approval reason', () => {
    expect(
      eventText('recovery_requested', {
        type: 'refund',
        amount: '80.00',
        currency: 'USD',
        reason: 'above the per-case cap',
      }),
    ).toBe('Recovery sent for approval: refund of 80.00 USD (above the per-case cap)');
  });
  it('names the new owner of a reassignment when the event carries it', () => {
    expect(eventText('assigned', { toOwnerId: 'p1', toOwnerName: 'Ana Ruiz' })).toBe(
      'Assigned to Ana Ruiz',
    );
    expect(eventText('assigned', { toOwnerId: null, toQueueId: null })).toBe('Unassigned');
  });
  it('falls back to the kind for events it does not know', () => {
    expect(eventText('sla_paused', {})).toBe('sla paused');
  });
});
