import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { credentials, passwordResets, sessions } from '../db/schema/index.ts';
import { AppError } from '../http/errors.ts';
import { queueEmail } from '../mail/queue-email.ts';
import { randomToken, sha256 } from './secrets.ts';
import { hashPassword } from './session-service.ts';

const RESET_TTL_MINUTES = 60;

/**
 * Queues a reset e-mail (outbox and send job). Always succeeds from the caller's view so the
 * endpoint does not reveal which e-mail addresses have accounts.
 */
export async function requestPasswordReset(opts: {
  db: Db;
  email: string;
  publicUrl: string;
  now?: Date;
}): Promise<void> {
  const now = opts.now ?? new Date();
  const [cred] = await opts.db
    .select()
    .from(credentials)
    .where(eq(credentials.email, opts.email.toLowerCase()));
  if (!cred) return;
  const token = randomToken();
  const link = `${opts.publicUrl}/reset-password?token=${token}`;
  await opts.db.transaction(async (tx) => {
    await tx.insert(passwordResets).values({
      tokenHash: sha256(token),
      orgId: cred.orgId,
      personId: cred.personId,
      expiresAt: new Date(now.getTime() + RESET_TTL_MINUTES * 60_000),
    });
    await queueEmail({
      db: tx,
      orgId: cred.orgId,
      to: cred.email,
      subject: 'Reset your ValueLoop password',
      body: `Someone asked to reset the password of this account. If it was you, open:\n\n${link}\n\nThe link works once, for ${RESET_TTL_MINUTES} minutes. If it was not you, ignore this e-mail.`,
    });
  });
}

export async function confirmPasswordReset(opts: {
  db: Db;
  token: string;
  password: string;
  now?: Date;
}): Promise<void> {
  const now = opts.now ?? new Date();
  const passwordHash = await hashPassword(opts.password);
  await opts.db.transaction(async (tx) => {
    const [reset] = await tx
      .update(passwordResets)
      .set({ usedAt: now })
      .where(
        and(
          eq(passwordResets.tokenHash, sha256(opts.token)),
          isNull(passwordResets.usedAt),
          gt(passwordResets.expiresAt, now),
        ),
      )
      .returning();
    if (!reset) {
      throw new AppError('gone', 'This reset link is invalid, used or expired; ask for a new one', {
        errors: [{ field: 'body.token', message: 'invalid, used or expired' }],
      });
    }
    await tx
      .update(credentials)
      .set({ passwordHash, failedAttempts: 0, lockedUntil: null, passwordChangedAt: now })
      .where(eq(credentials.personId, reset.personId));
    // A new password ends every existing session of that person.
    await tx.delete(sessions).where(eq(sessions.personId, reset.personId));
  });
}
