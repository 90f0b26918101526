import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { type Client, createClient } from '@libsql/client';
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql';
import type { Schema } from './database.ts';
import * as schema from './schema/index.ts';

/** The default database: a file under ./data (relative to the working directory). */
export const DEFAULT_DB_URL = 'file:./data/cts.db';

/**
 * Connection settings for a local `file:` database, applied before any other statement: WAL (readers never block
 * the writer), `synchronous = NORMAL` (no fsync per commit: a killed process loses nothing and the file stays
 * consistent; a power cut may lose the last commits), a busy timeout for other processes, and foreign keys
 * enforced as D1 enforces them.
 */
export const FILE_PRAGMAS = [
  'PRAGMA journal_mode = WAL',
  'PRAGMA synchronous = NORMAL',
  'PRAGMA busy_timeout = 5000',
  'PRAGMA foreign_keys = ON',
] as const;

/**
 * A libSQL client: `file:` (default; its folder is created), `:memory:` (tests) or a remote `libsql://` URL with
 * an auth token. Local databases use one connection (statements run one at a time anyway) so the FILE_PRAGMAS hold
 * for every statement.
 *
 * @example
 * const db = createDb(createLibsqlClient(':memory:'));
 * await migrate(db);
 */
export function createLibsqlClient(url: string = DEFAULT_DB_URL, authToken?: string): Client {
  if (typeof url !== 'string' || url === '')
    throw new TypeError('url: expected file:…, :memory: or libsql://…');
  const local = url.startsWith('file:') || url === ':memory:';
  if (url.startsWith('file:')) {
    const path = url.slice('file:'.length).split('?')[0]!;
    if (path !== '' && path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  }
  if (!local) return createClient(authToken === undefined ? { url } : { url, authToken });
  const client = createClient({ url, concurrency: 1 });
  // Queued first on the single connection, so they run before anything the caller sends. None of them fails on a
  // database that opened (journal_mode answers with the mode it got); client.test.ts checks they hold.
  for (const pragma of url === ':memory:' ? FILE_PRAGMAS.slice(3) : FILE_PRAGMAS)
    client.execute(pragma).catch(() => {});
  return client;
}

/** A drizzle database over a libSQL client, with the CTS schema. */
export function createDb(client: Client): LibSQLDatabase<Schema> & { $client: Client } {
  return drizzle(client, { schema });
}
