import { createHash } from 'node:crypto';
import type { Distribution } from '@valueloop/contracts';

/**
 * Deterministic sampling: the same interaction always gets the same decision, so a
 * re-sent batch cannot draw a second invitation and tests are reproducible.
 */
export function isSampled(rate: number, key: string): boolean {
  if (rate >= 1) return true;
  if (rate <= 0) return false;
  const n = createHash('sha256').update(key).digest().readUInt32BE(0);
  return n / 0x1_0000_0000 < rate;
}

export type InvitationDecision =
  | { invite: true }
  | {
      invite: false;
      reason: 'not_sampled' | 'quarantine' | 'opted_out' | 'no_email' | 'no_active_survey';
    };

/** Pure rule check for one interaction against a survey's distribution settings. */
export function decideInvitation(opts: {
  distribution: Distribution | null;
  interactionChannel: string;
  samplingKey: string;
  optedOut: boolean;
  lastInvitedAt: Date | null;
  hasEmail: boolean;
  now: Date;
}): InvitationDecision {
  const d = opts.distribution;
  if (!d) return { invite: false, reason: 'no_active_survey' };
  if (
    d.interactionChannels.length > 0 &&
    !d.interactionChannels.includes(opts.interactionChannel)
  ) {
    return { invite: false, reason: 'no_active_survey' };
  }
  if (opts.optedOut) return { invite: false, reason: 'opted_out' };
  if (
    opts.lastInvitedAt &&
    opts.now.getTime() - opts.lastInvitedAt.getTime() < d.quarantineDays * 86_400_000
  ) {
    return { invite: false, reason: 'quarantine' };
  }
  if (!isSampled(d.samplingRate, opts.samplingKey)) return { invite: false, reason: 'not_sampled' };
  if (d.channel === 'email' && !opts.hasEmail) return { invite: false, reason: 'no_email' };
  return { invite: true };
}
