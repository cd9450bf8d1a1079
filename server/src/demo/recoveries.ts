import type { DemoLoopModel, DemoLoopSettings } from './loop-model.ts';
import type { DemoRecovery, DemoRecoveryType } from './loop-records.ts';
import type { Rng } from './prng.ts';

const types: DemoRecoveryType[] = ['refund', 'credit', 'gift', 'upgrade', 'other'];

/**
 * The empowerment ledger while the history is generated: what each person has spent on the
 * spot this month, so a recovery within the per-case cap that would overrun the monthly budget
 * goes for approval, as the recovery service decides.
 */
export class RecoveryLedger {
  private readonly spent = new Map<string, number>();
  private readonly allowance: Record<'employee' | 'manager', { cap: number; budget: number }>;

  constructor(settings: DemoLoopSettings) {
    const of = (role: 'employee' | 'manager') => {
      const a = settings.allowances.find((x) => x.role === role)!;
      return { cap: Number(a.perCaseCap), budget: Number(a.periodBudget) };
    };
    this.allowance = { employee: of('employee'), manager: of('manager') };
  }

  /** Whether the amount is within the person's allowance (per case and this month's budget). */
  withinAllowance(person: string, role: 'employee' | 'manager', at: number, amount: number) {
    const { cap, budget } = this.allowance[role];
    return amount <= cap && this.spentBy(person, at) + amount <= budget;
  }

  charge(person: string, at: number, amount: number): void {
    const key = `${person}|${new Date(at).toISOString().slice(0, 7)}`;
    this.spent.set(key, (this.spent.get(key) ?? 0) + amount);
  }

  private spentBy(person: string, at: number): number {
    return this.spent.get(`${person}|${new Date(at).toISOString().slice(0, 7)}`) ?? 0;
  }
}

/** The type, amount (two decimals) and note of a recovery action. */
export function drawRecoveryOffer(
  rng: Rng,
  model: DemoLoopModel,
  settings: DemoLoopSettings,
  forcedAmount?: number,
): { type: DemoRecoveryType; amount: number; note: string } {
  const type = forcedAmount
    ? 'refund'
    : types[rng.weightedIndex(types.map((t) => model.recoveryTypeWeights[t]))]!;
  const amount = forcedAmount ?? rng.pick(model.recoveryAmounts[type]);
  return { type, amount, note: rng.pick(settings.recoveryNotes[type]) };
}

export const formatAmount = (amount: number): string => amount.toFixed(2);

/** A recovery record; `decision` null keeps it pending. */
export function recoveryRecord(opts: {
  takenBy: string;
  unit: string;
  offer: { type: DemoRecoveryType; amount: number; note: string };
  within: boolean;
  createdAt: number;
  decision: { by: string; at: number; approved: boolean } | null;
}): DemoRecovery {
  const { offer, decision } = opts;
  return {
    takenByExternalId: opts.takenBy,
    unitExternalId: opts.unit,
    type: offer.type,
    amount: formatAmount(offer.amount),
    note: offer.note,
    status: opts.within
      ? 'taken'
      : decision === null
        ? 'pending_approval'
        : decision.approved
          ? 'approved'
          : 'rejected',
    decidedByExternalId: opts.within || !decision ? null : decision.by,
    decidedAt: opts.within || !decision ? null : new Date(decision.at).toISOString(),
    decisionNote:
      opts.within || !decision
        ? null
        : decision.approved
          ? 'Approved: the customer is worth keeping.'
          : 'Not this time: an apology and the fix are enough here.',
    createdAt: new Date(opts.createdAt).toISOString(),
  };
}
