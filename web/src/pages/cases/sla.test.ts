import { describe, expect, it } from 'vitest';
import { formatDuration, slaLabel } from './sla.ts';

describe('formatDuration', () => {
  it('shows hours and minutes under a day', () => {
    expect(formatDuration(200)).toBe('3 h 20 min');
  });
  it('drops zero parts', () => {
    expect(formatDuration(120)).toBe('2 h');
    expect(formatDuration(45)).toBe('45 min');
  });
  it('shows days and hours, not minutes, beyond a day', () => {
    expect(formatDuration(1440 * 2 + 3 * 60 + 17)).toBe('2 d 3 h');
  });
  it('says less than a minute for a few seconds', () => {
    expect(formatDuration(0.2)).toBe('less than 1 min');
  });
});

describe('slaLabel', () => {
  it('counts down the business time left', () => {
    expect(slaLabel(200)).toEqual({ text: '3 h 20 min left', tone: 'ok' });
  });
  it('turns amber within two hours', () => {
    expect(slaLabel(90).tone).toBe('soon');
  });
  it('says how long a case is overdue', () => {
    expect(slaLabel(-120)).toEqual({ text: 'overdue by 2 h', tone: 'overdue' });
  });
  it('has no countdown once the case is resolved', () => {
    expect(slaLabel(null)).toEqual({ text: '—', tone: 'done' });
    expect(slaLabel(null, true).text).toBe('SLA was breached');
  });
});
