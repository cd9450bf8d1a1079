import { distributionSchema } from '@valueloop/contracts';
import { describe, expect, it } from 'vitest';
import { decideInvitation, isSampled } from './invitation-rules.ts';

const now = new Date('2026-06-01T12:00:00Z');
const base = {
  distribution: distributionSchema.parse({ quarantineDays: 30 }),
  interactionChannel: 'branch',
  samplingKey: 'k',
  optedOut: false,
  lastInvitedAt: null,
  hasEmail: true,
  now,
};

describe('invitation rules', () => {
  it('invites an eligible customer', () => {
    expect(decideInvitation(base)).toEqual({ invite: true });
  });

  it('never invites a customer who opted out', () => {
    expect(decideInvitation({ ...base, optedOut: true })).toEqual({
      invite: false,
      reason: 'opted_out',
    });
  });

  it('keeps a customer in quarantine for the configured days', () => {
    const days = (d: number) => new Date(now.getTime() - d * 86_400_000);
    expect(decideInvitation({ ...base, lastInvitedAt: days(29) })).toMatchObject({
      reason: 'quarantine',
    });
    expect(decideInvitation({ ...base, lastInvitedAt: days(31) })).toEqual({ invite: true });
  });

  it('skips e-mail invitations for customers without an address', () => {
    expect(decideInvitation({ ...base, hasEmail: false })).toMatchObject({ reason: 'no_email' });
  });

  it('samples close to the configured rate, deterministically', () => {
    const keys = Array.from({ length: 20_000 }, (_, i) => `interaction-${i}`);
    const share = keys.filter((k) => isSampled(0.25, k)).length / keys.length;
    // Binomial SD at n=20,000, p=0.25 is 0.003; 4 SD tolerance.
    expect(Math.abs(share - 0.25)).toBeLessThan(0.012);
    expect(keys.map((k) => isSampled(0.25, k))).toEqual(keys.map((k) => isSampled(0.25, k)));
  });

  it('only invites for the channels a survey is limited to', () => {
    const distribution = distributionSchema.parse({ interactionChannels: ['phone'] });
    expect(decideInvitation({ ...base, distribution })).toMatchObject({
      reason: 'no_active_survey',
    });
  });
});
