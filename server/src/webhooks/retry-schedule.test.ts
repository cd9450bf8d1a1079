import { describe, expect, it } from 'vitest';
import {
  MAX_ATTEMPTS,
  parseRetryAfter,
  RETRY_DELAYS_MS,
  retryDelayAfter,
} from './retry-schedule.ts';

describe('webhook retry schedule', () => {
  it('makes at least eight attempts spanning more than a day even with the shortest jitter', () => {
    const shortest = RETRY_DELAYS_MS.map((_, i) => retryDelayAfter(i + 1, () => 0)!);
    const span = shortest.reduce((a, b) => a + b, 0);
    expect(MAX_ATTEMPTS).toBeGreaterThanOrEqual(8);
    expect(span).toBeGreaterThanOrEqual(24 * 3_600_000);
  });

  it('grows each delay and keeps the jitter within 20 percent', () => {
    for (let n = 1; n <= RETRY_DELAYS_MS.length; n++) {
      const base = RETRY_DELAYS_MS[n - 1]!;
      expect(retryDelayAfter(n, () => 0)).toBe(Math.round(base * 0.8));
      expect(retryDelayAfter(n, () => 1)).toBe(Math.round(base * 1.2));
      if (n > 1) expect(base).toBeGreaterThan(RETRY_DELAYS_MS[n - 2]!);
    }
  });

  it('has no delay left after the last attempt', () => {
    expect(retryDelayAfter(MAX_ATTEMPTS)).toBeNull();
  });

  it('reads Retry-After as delta seconds or as an HTTP date', () => {
    const now = new Date('2026-03-01T12:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Sun, 01 Mar 2026 12:30:00 GMT', now)).toBe(1_800_000);
    expect(parseRetryAfter('Sun, 01 Mar 2026 11:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });

  it('caps a Retry-After that asks for more than a day', () => {
    expect(parseRetryAfter(String(7 * 86_400), new Date())).toBe(86_400_000);
  });
});
