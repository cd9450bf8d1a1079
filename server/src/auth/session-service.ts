import { hash, verify } from '@node-rs/argon2';
import type { Role } from '@valueloop/contracts';
import { and, eq, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client.ts';
import { credentials, organizations, people, sessions } from '../db/schema/index.ts';
import { AppError } from '../http/errors.ts';
import type { SessionPrincipal } from './principal.ts';
import { randomToken, sha256 } from './secrets.ts';

export interface LoginPolicy {
  maxFailures: number;
  lockMinutes: number;
  sessionTtlHours: number;
}

/** argon2id with OWASP's minimum parameters (19 MiB, 2 passes). */
export function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 });
}

// Verifying against a fixed hash when the e-mail is unknown keeps timing uniform.
let dummyHash: Promise<string> | null = null;

export async function signIn(opts: {
  db: Db;
  email: string;
  password: string;
  policy: LoginPolicy;
  now?: Date;
}): Promise<{ sessionId: string; principal: SessionPrincipal; expiresAt: Date }> {
  const { db, policy } = opts;
  const now = opts.now ?? new Date();
  const [cred] = await db
    .select()
    .from(credentials)
    .where(eq(credentials.email, opts.email.toLowerCase()));
  if (!cred) {
    dummyHash ??= hashPassword('not-a-password');
    await verify(await dummyHash, opts.password);
    throw new AppError('invalid_credentials', 'E-mail or password is wrong');
  }
  if (cred.lockedUntil && cred.lockedUntil > now) {
    const minutes = Math.ceil((cred.lockedUntil.getTime() - now.getTime()) / 60_000);
    throw new AppError(
      'account_locked',
      `Too many failed sign-ins. The account is locked for ${minutes} more minute(s); try again later or reset your password.`,
      { headers: { 'retry-after': String(minutes * 60) } },
    );
  }
  if (!(await verify(cred.passwordHash, opts.password))) {
    const failures = cred.failedAttempts + 1;
    const lock = failures >= policy.maxFailures;
    await db
      .update(credentials)
      .set({
        failedAttempts: lock ? 0 : failures,
        lockedUntil: lock ? new Date(now.getTime() + policy.lockMinutes * 60_000) : null,
      })
      .where(eq(credentials.personId, cred.personId));
    if (lock) {
      throw new AppError(
        'account_locked',
        `Too many failed sign-ins. The account is locked for ${policy.lockMinutes} minute(s).`,
      );
    }
    const left = policy.maxFailures - failures;
    throw new AppError(
      'invalid_credentials',
      `E-mail or password is wrong (${left} attempt(s) left before a lockout)`,
    );
  }
  const [person] = await db.select().from(people).where(eq(people.id, cred.personId));
  if (!person || (person.exitDate && person.exitDate <= now.toISOString().slice(0, 10))) {
    throw new AppError('invalid_credentials', 'E-mail or password is wrong');
  }
  const sessionId = randomToken();
  const csrfToken = randomToken();
  const expiresAt = new Date(now.getTime() + policy.sessionTtlHours * 3_600_000);
  await db.transaction(async (tx) => {
    await tx
      .update(credentials)
      .set({ failedAttempts: 0, lockedUntil: null })
      .where(eq(credentials.personId, cred.personId));
    await tx.insert(sessions).values({
      idHash: sha256(sessionId),
      orgId: person.orgId,
      personId: person.id,
      csrfToken,
      expiresAt,
    });
  });
  return {
    sessionId,
    expiresAt,
    principal: {
      kind: 'session',
      orgId: person.orgId,
      personId: person.id,
      roles: person.roles as Role[],
      unitId: person.unitId,
      csrfToken,
    },
  };
}

export type SessionLookup =
  | { status: 'valid'; principal: SessionPrincipal; expiresAt: Date }
  | { status: 'expired' }
  | { status: 'unknown' };

export async function resolveSession(opts: {
  db: Db;
  sessionId: string;
  now?: Date;
}): Promise<SessionLookup> {
  const now = opts.now ?? new Date();
  const [row] = await opts.db
    .select({ session: sessions, person: people })
    .from(sessions)
    .innerJoin(people, eq(people.id, sessions.personId))
    .where(eq(sessions.idHash, sha256(opts.sessionId)));
  if (!row) return { status: 'unknown' };
  if (row.session.expiresAt <= now) return { status: 'expired' };
  return {
    status: 'valid',
    expiresAt: row.session.expiresAt,
    principal: {
      kind: 'session',
      orgId: row.person.orgId,
      personId: row.person.id,
      roles: row.person.roles as Role[],
      unitId: row.person.unitId,
      csrfToken: row.session.csrfToken,
    },
  };
}

export async function signOut(opts: { db: Db; sessionId: string }): Promise<void> {
  await opts.db.delete(sessions).where(eq(sessions.idHash, sha256(opts.sessionId)));
}

export async function getSessionView(opts: { db: Db; principal: SessionPrincipal }) {
  const [row] = await opts.db
    .select({ person: people, org: organizations })
    .from(people)
    .innerJoin(organizations, eq(organizations.id, people.orgId))
    .where(and(eq(people.id, opts.principal.personId), eq(people.orgId, opts.principal.orgId)));
  if (!row) throw new AppError('unauthenticated', 'Your account no longer exists');
  return row;
}

/** Removes expired sessions; called by the worker's housekeeping. */
export async function deleteExpiredSessions(opts: { db: DbOrTx; now?: Date }): Promise<number> {
  const now = opts.now ?? new Date();
  const gone = await opts.db
    .delete(sessions)
    .where(sql`${sessions.expiresAt} <= ${now.toISOString()}`)
    .returning({ idHash: sessions.idHash });
  return gone.length;
}
