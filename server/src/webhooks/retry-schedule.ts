/**
 * When a failed delivery is tried again. The first attempt is immediate; after the n-th failed
 * attempt the next one waits RETRY_DELAYS_MS[n-1], ±20 % jitter:
 *
 *   5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h
 *
 * so there are 9 attempts in all over about 52 hours (at least 41 h with the worst jitter),
 * after which the delivery is `failed`. A 429 or 503 with `Retry-After` waits at least that
 * long (capped at RETRY_AFTER_CAP_MS so a receiver cannot park a delivery forever).
 */
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

export const RETRY_DELAYS_MS = [
  5 * SECOND,
  5 * MINUTE,
  30 * MINUTE,
  2 * HOUR,
  5 * HOUR,
  10 * HOUR,
  14 * HOUR,
  20 * HOUR,
] as const;
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;
export const RETRY_AFTER_CAP_MS = 24 * HOUR;
const JITTER = 0.2;

/** Delay before the attempt after `failedAttempts` failures; null when none is left. */
export function retryDelayAfter(
  failedAttempts: number,
  random: () => number = Math.random,
): number | null {
  const base = RETRY_DELAYS_MS[failedAttempts - 1];
  if (base === undefined) return null;
  return Math.round(base * (1 - JITTER + 2 * JITTER * random()));
}

/** Milliseconds a `Retry-After` header asks for (delta seconds or an HTTP date), or null. */
export function parseRetryAfter(header: string | null, now: Date): number | null {
  if (!header) return null;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Math.min(Number(value) * SECOND, RETRY_AFTER_CAP_MS);
  const at = Date.parse(value);
  if (Number.isNaN(at)) return null;
  return Math.min(Math.max(0, at - now.getTime()), RETRY_AFTER_CAP_MS);
}
