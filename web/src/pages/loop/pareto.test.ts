import { describe, expect, it } from 'vitest';
import { paretoSeries, vitalFew } from './pareto.ts';

const item = (name: string, count: number) => ({ rootCause: { name }, count });

describe('paretoSeries', () => {
  it('orders causes by count and accumulates their share', () => {
    const s = paretoSeries([item('Wait', 2), item('Price', 6), item('Staff', 2)]);
    expect(s.labels).toEqual(['Price', 'Wait', 'Staff']);
    expect(s.counts).toEqual([6, 2, 2]);
    expect(s.cumulativePercent).toEqual([60, 80, 100]);
  });
  it('reads zero for an empty period instead of dividing by zero', () => {
    expect(paretoSeries([item('Wait', 0)]).cumulativePercent).toEqual([0]);
  });
});

describe('vitalFew', () => {
  it('counts the causes up to 80 %', () => {
    expect(vitalFew([60, 80, 100])).toBe(2);
    expect(vitalFew([50, 70])).toBe(2);
  });
});
