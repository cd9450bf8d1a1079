import type { Db } from '../db/client.ts';
import { customerOptOuts } from '../db/schema/index.ts';
import { notFound } from '../http/errors.ts';
import { findInvitationByToken } from './survey-access.ts';

/**
 * Records that the invited customer never wants surveys again. Honoured forever (invitation
 * rules read customer_opt_outs), idempotent, and valid from any known link, expired or used.
 */
export async function optOutByToken(opts: { db: Db; token: string; now?: Date }): Promise<void> {
  const found = await findInvitationByToken({ ...opts, now: opts.now ?? new Date() });
  if (found.state === 'not_found' || !found.invitation.customerId) throw notFound('Survey');
  await opts.db
    .insert(customerOptOuts)
    .values({ orgId: found.invitation.orgId, customerId: found.invitation.customerId })
    .onConflictDoNothing();
}
