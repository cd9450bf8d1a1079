import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';

/**
 * At close, blanks the survey links of a wave in the outbox. An e-mail body keeps the clear
 * token next to the recipient's address; with `pulse_consumed_tokens` (the hashes of used
 * links) it would tell forever who answered and who did not. A link belongs to the wave when
 * its token's SHA-256 is one of the wave's invitation or consumed-token hashes. Links replaced
 * by a reminder match neither: they are already dead and their hash is stored nowhere.
 * Returns how many e-mails were redacted.
 */
export async function redactWaveLinks(
  tx: DbOrTx,
  wave: { id: string; orgId: string; opensAt: Date },
): Promise<number> {
  const token = sql.raw(`'/e/([A-Za-z0-9_-]+)'`);
  const result = await tx.execute(sql`
    update outbox_messages
    set body_text = regexp_replace(body_text, ${token}, '/e/[closed]', 'g')
    where org_id = ${wave.orgId}
      and created_at >= ${wave.opensAt.toISOString()}::timestamptz
      and body_text ~ ${token}
      and encode(sha256(convert_to(substring(body_text from ${token}), 'UTF8')), 'hex') in (
        select token_hash from pulse_invitations where wave_id = ${wave.id}
        union all
        select token_hash from pulse_consumed_tokens where wave_id = ${wave.id}
      )
    returning id`);
  return (result as unknown as { rows: unknown[] }).rows.length;
}
