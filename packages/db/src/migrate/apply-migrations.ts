import { type SQL, sql } from 'drizzle-orm';
import type { CtsDatabase } from '../database.ts';
import type { Migration } from './migration.ts';

/** drizzle's own bookkeeping table, so `drizzle-kit migrate` and this function agree on what ran. */
const TABLE = '__drizzle_migrations';

/**
 * Applies the migrations newer than the last one recorded, all in one `batch` (atomic on libSQL and D1).
 * Idempotent: a second run applies nothing. Works on any CtsDatabase (no filesystem access).
 * @returns the tags applied
 */
export async function applyMigrations(db: CtsDatabase, migrations: readonly Migration[]): Promise<string[]> {
  await db.run(
    sql`CREATE TABLE IF NOT EXISTS ${sql.identifier(TABLE)} (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at numeric)`,
  );
  const last = (await db.values(
    sql`SELECT id, hash, created_at FROM ${sql.identifier(TABLE)} ORDER BY created_at DESC LIMIT 1`,
  )) as unknown[][];
  const lastWhen = last[0] ? Number(last[0][2]) : Number.NEGATIVE_INFINITY;
  const pending = [...migrations].sort((a, b) => a.when - b.when).filter((m) => m.when > lastWhen);
  const statements: SQL[] = [];
  for (const m of pending) {
    for (const stmt of m.sql) if (stmt.trim() !== '') statements.push(sql.raw(stmt));
    // Inlined, not bound: drizzle's D1 batch cannot bind parameters of raw statements (hash is hex, when a number).
    if (!/^[0-9a-f]+$/.test(m.hash) || !Number.isSafeInteger(m.when))
      throw new TypeError(`migrations: ${m.tag} needs a hex hash and an integer when`);
    statements.push(sql.raw(`INSERT INTO "${TABLE}" ("hash", "created_at") VALUES ('${m.hash}', ${m.when})`));
  }
  const [first, ...rest] = statements.map((s) => db.run(s));
  if (first) await db.batch([first, ...rest]);
  return pending.map((m) => m.tag);
}
