/** Whether a recovery will be taken on the spot or sent for approval, as the form predicts it. */
export type RecoveryOutlook =
  | { kind: 'invalid' }
  | { kind: 'on_the_spot' }
  | { kind: 'needs_approval'; reason: string };

/** "12.5" → 1250; null when it is not a non-negative amount with at most two decimals. */
export function toCents(amount: string): number | null {
  const m = /^(\d{1,10})(?:\.(\d{1,2}))?$/.exec(amount.trim());
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '0').padEnd(2, '0'));
}

export function recoveryOutlook(
  amount: string,
  allowance: { perCaseCap: string; remaining: string; currency: string } | undefined,
): RecoveryOutlook {
  const cents = toCents(amount);
  if (cents === null || !allowance) return { kind: 'invalid' };
  const cap = toCents(allowance.perCaseCap) ?? 0;
  const remaining = toCents(allowance.remaining) ?? 0;
  if (cents > cap) {
    return {
      kind: 'needs_approval',
      reason: `above your per-case cap of ${allowance.perCaseCap} ${allowance.currency}`,
    };
  }
  if (cents > remaining) {
    return {
      kind: 'needs_approval',
      reason: `more than the ${allowance.remaining} ${allowance.currency} left in your budget`,
    };
  }
  return { kind: 'on_the_spot' };
}
