import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { sha256 } from '../auth/secrets.ts';
import type { Db } from '../db/client.ts';
import { pulseInvitations } from '../db/schema/index.ts';
import { validationFailed } from '../http/errors.ts';
import { type Answers, validateAnswers } from '../responses/answers.ts';
import { findEmployeeInvitation, openOrThrow } from './submission-lookup.ts';

/**
 * Drafts sit on the invitation row, which names the person, so they are sealed (AES-256-GCM)
 * with a key derived from the link's token. The database keeps only the token's SHA-256, from
 * which the key cannot be derived: whoever reads the table sees who has a draft, never what
 * it says. The person's browser brings the token back and the draft opens again.
 */
const KEY_INFO = 'valueloop employee survey draft v1';

interface SealedDraft {
  v: 1;
  iv: string;
  data: string;
  tag: string;
}

const draftKey = (token: string) => Buffer.from(hkdfSync('sha256', token, '', KEY_INFO, 32));

export function sealDraft(token: string, answers: Answers): SealedDraft {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', draftKey(token), iv);
  const data = Buffer.concat([cipher.update(JSON.stringify(answers), 'utf8'), cipher.final()]);
  return {
    v: 1,
    iv: iv.toString('base64url'),
    data: data.toString('base64url'),
    tag: cipher.getAuthTag().toString('base64url'),
  };
}

const isSealed = (value: unknown): value is SealedDraft => {
  const d = value as Partial<SealedDraft> | null;
  return (
    !!d &&
    d.v === 1 &&
    typeof d.iv === 'string' &&
    typeof d.data === 'string' &&
    typeof d.tag === 'string'
  );
};

/** The draft's answers, or none when there is no draft or it does not open with this token. */
export function openDraft(token: string, sealed: unknown): Answers {
  if (!isSealed(sealed)) return {};
  try {
    const decipher = createDecipheriv(
      'aes-256-gcm',
      draftKey(token),
      Buffer.from(sealed.iv, 'base64url'),
    );
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64url'));
    const text = Buffer.concat([
      decipher.update(Buffer.from(sealed.data, 'base64url')),
      decipher.final(),
    ]).toString('utf8');
    const answers: unknown = JSON.parse(text);
    return answers && typeof answers === 'object' && !Array.isArray(answers)
      ? (answers as Answers)
      : {};
  } catch {
    return {};
  }
}

/**
 * Saves the answers given so far (the whole visible set replaces the saved one) so the person
 * can come back to the link. Answers are checked as a partial set: wrong values are refused,
 * missing required ones are not. Nothing about the time or duration of answering is kept.
 */
export async function saveEmployeeDraft(opts: {
  db: Db;
  token: string;
  answers: Record<string, unknown>;
  now?: Date;
}): Promise<void> {
  const now = opts.now ?? new Date();
  const found = openOrThrow(await findEmployeeInvitation({ db: opts.db, token: opts.token, now }));
  const errors = validateAnswers(found.form.definition, opts.answers, { partial: true });
  if (errors.length) throw validationFailed(errors, `${errors[0]!.field}: ${errors[0]!.message}`);
  await opts.db
    .update(pulseInvitations)
    .set({ draft: { ...sealDraft(opts.token, opts.answers as Answers) } })
    .where(
      and(
        eq(pulseInvitations.id, found.invitationId),
        eq(pulseInvitations.tokenHash, sha256(opts.token)),
      ),
    );
}
