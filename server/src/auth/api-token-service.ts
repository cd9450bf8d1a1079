import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { apiTokens, auditLog } from '../db/schema/index.ts';
import { notFound } from '../http/errors.ts';
import type { ApiTokenScope, Principal } from './principal.ts';
import { randomToken, sha256 } from './secrets.ts';

const TOKEN_PREFIX = 'vl_';

export function presentApiToken(row: typeof apiTokens.$inferSelect) {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: row.scopes as ApiTokenScope[],
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

export async function createApiToken(opts: {
  db: Db;
  orgId: string;
  createdBy: string;
  name: string;
  scopes: ApiTokenScope[];
}) {
  const token = `${TOKEN_PREFIX}${randomToken()}`;
  const row = await opts.db.transaction(async (tx) => {
    const [created] = await tx
      .insert(apiTokens)
      .values({
        orgId: opts.orgId,
        name: opts.name,
        prefix: token.slice(0, 10),
        tokenHash: sha256(token),
        scopes: [...new Set(opts.scopes)],
        createdBy: opts.createdBy,
      })
      .returning();
    await tx.insert(auditLog).values({
      orgId: opts.orgId,
      actorPersonId: opts.createdBy,
      action: 'api_token.created',
      entityType: 'api_token',
      entityId: created!.id,
      detail: { scopes: created!.scopes },
    });
    return created!;
  });
  return { ...presentApiToken(row), token };
}

export async function listApiTokens(opts: { db: Db; orgId: string }) {
  const rows = await opts.db
    .select()
    .from(apiTokens)
    .where(eq(apiTokens.orgId, opts.orgId))
    .orderBy(desc(apiTokens.createdAt));
  return rows.map(presentApiToken);
}

export async function revokeApiToken(opts: {
  db: Db;
  orgId: string;
  tokenId: string;
  actorPersonId: string;
}) {
  return opts.db.transaction(async (tx) => {
    const [row] = await tx
      .update(apiTokens)
      .set({ revokedAt: new Date() })
      .where(and(eq(apiTokens.orgId, opts.orgId), eq(apiTokens.id, opts.tokenId)))
      .returning();
    if (!row) throw notFound('API token');
    await tx.insert(auditLog).values({
      orgId: opts.orgId,
      actorPersonId: opts.actorPersonId,
      action: 'api_token.revoked',
      entityType: 'api_token',
      entityId: row.id,
    });
    return presentApiToken(row);
  });
}

/** last_used_at is informational: refreshing it at most once a minute keeps reads write-free. */
const LAST_USED_RESOLUTION_MS = 60_000;

export async function resolveApiToken(opts: {
  db: Db;
  token: string;
  now?: Date;
}): Promise<Extract<Principal, { kind: 'token' }> | null> {
  if (!opts.token.startsWith(TOKEN_PREFIX)) return null;
  const now = opts.now ?? new Date();
  const [row] = await opts.db
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.tokenHash, sha256(opts.token)), isNull(apiTokens.revokedAt)));
  if (!row) return null;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await opts.db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.id));
  }
  return {
    kind: 'token',
    orgId: row.orgId,
    tokenId: row.id,
    scopes: row.scopes as ApiTokenScope[],
  };
}
