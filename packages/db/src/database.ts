import type { LibSQLDatabase } from 'drizzle-orm/libsql';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import type * as schema from './schema/index.ts';

export type Schema = typeof schema;

/**
 * What the repositories need: drizzle's async SQLite API plus `batch` (atomic multi-statement writes).
 * Both `drizzle-orm/libsql` and `drizzle-orm/d1` databases are one; no interactive transactions are used
 * (D1 has none).
 */
export type CtsDatabase = BaseSQLiteDatabase<'async', unknown, Schema> &
  Pick<LibSQLDatabase<Schema>, 'batch'>;

/** Rows changed by a write, from libSQL's `rowsAffected` or D1's `meta.changes`. */
export function affectedRows(result: unknown): number {
  const r = result as { rowsAffected?: number; meta?: { changes?: number }; changes?: number };
  return Number(r?.rowsAffected ?? r?.meta?.changes ?? r?.changes ?? 0);
}
