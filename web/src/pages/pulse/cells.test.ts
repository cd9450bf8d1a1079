import type { ResultCell } from '@valueloop/contracts';
import { describe, expect, it } from 'vitest';
import { indexValue, readIndex } from './cells.ts';
import { formatIndexValue, periodLabel, SUPPRESSED_TEXT } from './labels.ts';

const shown: ResultCell = { status: 'shown', n: 12, means: { evi: 71.4, enps: -12.5, stay: null } };
const suppressed: ResultCell = { status: 'suppressed' };

describe('reading result cells', () => {
  it('reads a suppressed cell as "Not enough responses" and nothing else', () => {
    const reading = readIndex(suppressed, 'evi');
    expect(reading).toEqual({ kind: 'suppressed', text: 'Not enough responses' });
    expect(reading.text).toBe(SUPPRESSED_TEXT);
    expect(JSON.stringify(reading)).not.toMatch(/\d/);
    expect(indexValue(suppressed, 'evi')).toBeNull();
  });

  it('rounds shown values and signs eNPS', () => {
    expect(readIndex(shown, 'evi')).toEqual({ kind: 'value', value: 71.4, text: '71' });
    expect(readIndex(shown, 'enps').text).toBe('−13');
    expect(formatIndexValue('enps', 20)).toBe('+20');
    expect(formatIndexValue('evi', 20)).toBe('20');
  });

  it('tells an unanswered index apart from a suppressed cell', () => {
    expect(readIndex(shown, 'stay').kind).toBe('missing');
    expect(readIndex(shown, 'leadership').kind).toBe('missing');
    expect(indexValue(shown, 'stay')).toBeNull();
  });

  it('writes periods as month and year', () => {
    expect(periodLabel('2026-03')).toBe('Mar 2026');
    expect(periodLabel('2026-12')).toBe('Dec 2026');
    expect(periodLabel('latest')).toBe('latest');
  });
});
