import { describe, expect, it } from 'vitest';
import { causeTree, formatMoney, formToHours, hoursToForm } from './loop-settings.ts';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

describe('loop settings', () => {
  it('groups causes under their parents, sorted by name', () => {
    const tree = causeTree([
      { id: id(1), name: 'Staff', parentId: null, active: true },
      { id: id(2), name: 'Rude', parentId: id(1), active: true },
      { id: id(3), name: 'Billing', parentId: null, active: true },
      { id: id(4), name: 'Late', parentId: id(1), active: false },
    ]);
    expect(tree.map((n) => [n.cause.name, n.children.map((c) => c.name)])).toEqual([
      ['Billing', []],
      ['Staff', ['Late', 'Rude']],
    ]);
  });

  it('shows amounts with two decimals', () => {
    expect(formatMoney('12')).toBe('12.00');
    expect(formatMoney('12.5')).toBe('12.50');
    expect(formatMoney('0.25')).toBe('0.25');
  });

  it('numbers only open days in the body, so server errors map back to the weekday', () => {
    const form = hoursToForm({
      timezone: 'Europe/Berlin',
      days: [{ weekday: 3, open: '08:00', close: '16:00' }],
      holidays: [],
    });
    expect(form.days[0]?.open).toBe(false);
    expect(form.days[2]).toEqual({ weekday: 3, open: true, from: '08:00', to: '16:00' });
    const { body, indexOf } = formToHours(form);
    expect(body.days).toEqual([{ weekday: 3, open: '08:00', close: '16:00' }]);
    expect(indexOf.get(3)).toBe(0);
  });
});
