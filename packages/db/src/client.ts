import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { type Client, createClient } from '@libsql/client';
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql';
import type { Schema } from './database.ts';
import * as schema from './schema/index.ts';

/** The default database: a file under ./data (relative to the working directory). */
export const DEFAULT_DB_URL = 'file:./data/cts.db';

/**
 * A libSQL client: `file:` (default; its folder is created), `:memory:` (tests) or a remote `libsql://` URL with
 * an auth token.
 *
 * @example
 * const db = createDb(createLibsqlClient(':memory:'));
 * await migrate(db);
 */
export function createLibsqlClient(url: string = DEFAULT_DB_URL, authToken?: string): Client {
  if (typeof url !== 'string' || url === '')
    throw new TypeError('url: expected file:…, :memory: or libsql://…');
  if (url.startsWith('file:')) {
    const path = url.slice('file:'.length).split('?')[0]!;
    if (path !== '' && path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  }
  return createClient(authToken === undefined ? { url } : { url, authToken });
}

/** A drizzle database over a libSQL client, with the CTS schema. */
export function createDb(client: Client): LibSQLDatabase<Schema> & { $client: Client } {
  return drizzle(client, { schema });
}
