/**
 * Money as integer cents. Amounts arrive as decimal strings ("12.50", validated by
 * moneySchema) and leave the database as numeric(12,2) strings; every sum and comparison is
 * done on integers so 0.1 + 0.2 never happens. numeric(12,2) stays far below 2^53 cents.
 */
export type Cents = number;

export function toCents(amount: string): Cents {
  const match = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(amount.trim());
  if (!match) throw new Error(`not a money amount: ${amount}`);
  const [, sign, whole, fraction = ''] = match;
  const cents = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  return sign === '-' ? -cents : cents;
}

export function fromCents(cents: Cents): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

export const formatMoney = (cents: Cents, currency: string) => `${fromCents(cents)} ${currency}`;
