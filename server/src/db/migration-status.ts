import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { type Database, migrationsFolder } from './client.ts';

export interface MigrationStatus {
  /** Migrations in this version's journal. */
  known: number;
  /** Journal migrations the database has applied. */
  applied: number;
  /** Journal tags not yet applied (oldest first). */
  pending: string[];
  /** Applied migrations this version does not know (the database is newer than the code). */
  unknown: number;
  /** Journal tags whose applied file differs from the file on disk (edited after applying). */
  changed: string[];
  current: boolean;
}

interface AppliedRow {
  hash: string;
  created_at: string | number;
}

/**
 * Compares the migration journal with `drizzle.__drizzle_migrations` (the table Drizzle's
 * migrator keeps on PostgreSQL and PGlite alike). Read-only; a fresh database has all pending.
 */
export async function getMigrationStatus(database: Database): Promise<MigrationStatus> {
  const files = readMigrationFiles({ migrationsFolder });
  const tags = readJournalTags();
  const exists = await rows<{ present: boolean }>(
    database,
    sql`select to_regclass('drizzle.__drizzle_migrations') is not null as present`,
  );
  const applied = exists[0]?.present
    ? await rows<AppliedRow>(
        database,
        sql`select hash, created_at from drizzle.__drizzle_migrations`,
      )
    : [];
  const appliedAt = new Map(applied.map((r) => [Number(r.created_at), r.hash]));
  const pending: string[] = [];
  const changed: string[] = [];
  files.forEach((file, i) => {
    const hash = appliedAt.get(file.folderMillis);
    if (hash === undefined) pending.push(tags[i] ?? String(file.folderMillis));
    else if (hash !== file.hash) changed.push(tags[i] ?? String(file.folderMillis));
  });
  const knownMillis = new Set(files.map((f) => f.folderMillis));
  const unknown = applied.filter((r) => !knownMillis.has(Number(r.created_at))).length;
  return {
    known: files.length,
    applied: files.length - pending.length,
    pending,
    unknown,
    changed,
    current: pending.length === 0 && unknown === 0 && changed.length === 0,
  };
}

/** The server's product and version, e.g. "PostgreSQL 16.4" (PGlite reports its PostgreSQL). */
export async function getDatabaseVersion(database: Database): Promise<string> {
  const [row] = await rows<{ version: string }>(database, sql`select version() as version`);
  const match = /^PostgreSQL [\d.]+/.exec(row?.version ?? '');
  return match ? match[0] : (row?.version ?? 'unknown');
}

async function rows<T>(database: Database, query: ReturnType<typeof sql>): Promise<T[]> {
  const result = (await database.db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/** Tags in journal order; readMigrationFiles has already checked that the journal exists. */
function readJournalTags(): string[] {
  const journalPath = path.join(migrationsFolder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as {
    entries: Array<{ tag: string }>;
  };
  return journal.entries.map((e) => e.tag);
}
